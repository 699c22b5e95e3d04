"""programmes/demo_participants.py: applications in every state, through the services; seeding twice
changes nothing."""

import io

from django.core.management import call_command
from django_scopes import scopes_disabled

from cop_platform.tenancy.models import Organisation
from programmes import demo_participants
from programmes.models import CohortApplication, Participant


def _seed():
    with scopes_disabled():
        organisations = {o.slug: o for o in Organisation.objects.all()}
    demo_participants.seed(organisations=organisations, stdout=io.StringIO())


def _snapshot():
    with scopes_disabled():
        rows = CohortApplication.objects.values_list("status", "line_manager_confirmed_at", "sponsor_declined_at")
        return (sorted((status, lm is None, declined is None) for status, lm, declined in rows),
                Participant.objects.filter(user__in=CohortApplication.objects.filter(status="selected")
                                           .values("applicant")).count())


def test_demo_applications_in_every_state_and_seeding_is_idempotent(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first
    statuses = {status for status, *_ in first[0]}
    assert statuses == {"draft", "submitted", "selected", "not_selected"}
    assert first[1] == 3
    with scopes_disabled():
        assert CohortApplication.objects.filter(sponsor_declined_at__isnull=False).count() == 1
        assert all(a.applicant.email.endswith("example.org") for a in CohortApplication.objects.all())
        assert Participant.objects.filter(user__email="convener@hin.example.org", community__isnull=False).exists()
