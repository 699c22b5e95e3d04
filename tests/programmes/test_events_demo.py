"""The events demo: after the demo organisations and communities, a past HIN Basecamp with attendance and
notes and an upcoming one with invitations; run again, it changes nothing."""

import io

from django.core.management import call_command
from django_scopes import scopes_disabled

from programmes import demo_events
from programmes.models import Event, EventInvitation


def test_the_demo_has_a_past_and_an_upcoming_basecamp_and_is_idempotent(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    from cop_platform.tenancy.models import Organisation

    organisations = {o.slug: o for o in Organisation.objects.all()}
    demo_events.seed(organisations=organisations, stdout=io.StringIO())
    demo_events.seed(organisations=organisations, stdout=io.StringIO())
    with scopes_disabled():
        past = Event.objects.get(title=demo_events.PAST["title"])
        upcoming = Event.objects.get(title=demo_events.UPCOMING["title"])
        assert past.communities.count() == 4 and upcoming.communities.count() == 3
        assert past.recorded_at and "case clinics" in past.notes
        assert EventInvitation.objects.filter(event=past, attended=True).exists()
        assert EventInvitation.objects.filter(event=upcoming, answer="yes").exists()
        assert Event.objects.count() == 2
