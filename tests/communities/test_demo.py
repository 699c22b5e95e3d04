"""communities/demo.py: the demo communities look lived in, and seeding twice changes nothing."""

import io

from django.core.management import call_command
from django_scopes import scopes_disabled

from communities.models import (
    Action,
    Community,
    Invitation,
    JoinRequest,
    JournalEntry,
    LibraryItem,
    MapEntry,
    Meeting,
    Membership,
    PracticeExchange,
)
from communities.models.invitations import OPEN_INVITATION_STATUSES
from cop_platform.tenancy.models import OrganisationMember

LIVED_IN = ["sepsis", "delirium", "medicines-safety", "mindfulness", "safer-medication-practice"]
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
            # Invited through the service: sent by the worker once the seeding commits.
            assert Invitation.objects.filter(community__slug=slug, status__in=OPEN_INVITATION_STATUSES).exists()
            assert LibraryItem.objects.filter(community__slug=slug).exists()
            assert JournalEntry.objects.filter(community__slug=slug).exists()
        assert JoinRequest.objects.filter(community__slug="sepsis", status="pending").exists()


def test_each_lived_in_community_has_its_own_meetings_practice_and_next_steps(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    with scopes_disabled():
        seen = {"meetings": set(), "exchanges": set(), "actions": set(), "library": set(), "practice": set()}
        for slug in LIVED_IN:
            community = Community.objects.get(slug=slug)
            mine = {
                "meetings": set(Meeting.objects.filter(community=community).values_list("title", flat=True)),
                "exchanges": set(PracticeExchange.objects.filter(community=community).values_list("what", flat=True)),
                "actions": set(Action.objects.filter(community=community).values_list("title", flat=True)),
                "library": set(LibraryItem.objects.filter(community=community).values_list("title", flat=True)),
                "practice": {community.practice},
            }
            for kind, values in mine.items():
                assert values and all(values), (slug, kind)
                assert not values & seen[kind], (slug, kind, values & seen[kind])
                seen[kind] |= values
            # Each exchange belongs to one of the community's own meetings; each next step comes from one.
            exchanges = PracticeExchange.objects.filter(community=community)
            assert all(e.meeting.community_id == community.pk for e in exchanges)
            assert Action.objects.filter(community=community, meeting__isnull=False).count() >= 3


def test_demo_convener_and_member_have_an_organisation(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    with scopes_disabled():
        for email in ("convener@hin.example.org", "member@hin.example.org", "convener@cocreation.example.org",
                      "both@example.org"):
            members = OrganisationMember.objects.filter(user__email=email)
            assert members and all(m.member_organisation_id for m in members), email
            memberships = Membership.objects.filter(user__email=email)
            assert memberships and all(m.employer for m in memberships), email
