"""communities/demo.py: the demo communities look lived in, and seeding twice changes nothing."""

import io

from django.core.management import call_command
from django_scopes import scopes_disabled

from communities.models import (
    Action,
    Invitation,
    JoinRequest,
    JournalEntry,
    LibraryItem,
    MapEntry,
    Meeting,
    Membership,
    PracticeExchange,
)

MODELS = [Action, Invitation, JoinRequest, JournalEntry, LibraryItem, MapEntry, Meeting, Membership, PracticeExchange]


def counts():
    with scopes_disabled():
        return {m.__name__: m.objects.count() for m in MODELS}


def test_demo_communities_look_lived_in_and_seeding_is_idempotent(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert counts() == first
    with scopes_disabled():
        sepsis = Membership.objects.filter(community__slug="sepsis", community__organisation__slug="hin-south-london")
        assert sepsis.exclude(employer="").values("employer").distinct().count() >= 3
        assert sepsis.exclude(profession="").values("profession").distinct().count() >= 3
        assert sepsis.exclude(working_role="").exists()
        for slug in ("sepsis", "delirium", "mindfulness"):
            meetings = Meeting.objects.filter(community__slug=slug)
            assert meetings.filter(recorded_at__isnull=False).count() >= 2, slug
            assert meetings.filter(recorded_at__isnull=True).count() >= 1, slug
            assert PracticeExchange.objects.filter(community__slug=slug).exists()
            assert Action.objects.filter(community__slug=slug, status="planned").exists()
            assert Invitation.objects.filter(community__slug=slug, status="sent").exists()
            assert LibraryItem.objects.filter(community__slug=slug).exists()
            assert JournalEntry.objects.filter(community__slug=slug).exists()
        assert JoinRequest.objects.filter(community__slug="sepsis", status="pending").exists()
