"""Demo data for cross-community events: at the HIN, a Basecamp that already happened (four communities,
attendance and notes recorded) and one still to come (three communities, members invited, a few answers).
Everything goes through the services, as the HIN's project manager and as the members who answer.
Idempotent: an event already there by its title is left as it is. Fictional people, example.org
addresses only. Called by ``seed_demo`` once wired (``seed(*, organisations, stdout)``)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_scopes import scope

HIN = "hin-south-london"
ORGANISER = "pm@hin.example.org"

PAST = {
    "title": "HIN Basecamp One",
    "communities": ["sepsis", "acute-deterioration", "delirium", "maternity-pph"],
    "days": -42,
    "place": "Guy's Hospital, Education Centre, London SE1",
    "description": "A day for the HIN's communities of practice to meet in person, learn more about how "
                   "communities of practice work, and welcome people thinking of joining one.",
    "notes": "The day opened with a short mindfulness practice, then the communities split: the established "
             "ones took part in case clinics, while newcomers had their questions answered about the "
             "programme and how to join.\n\n"
             "Before lunch a check-in brought up what people wanted to talk about later. The afternoon "
             "belonged to the communities: each held the floor to shape its next steps, and newer members "
             "talked with conveners and core groups to find the community that fits them best.\n\n"
             "Next: Sepsis and Acute deterioration will run a joint huddle on escalation; Delirium will "
             "share its screening prompt with Maternity.",
}
UPCOMING = {
    "title": "HIN Spring Basecamp",
    "communities": ["sepsis", "delirium", "medicines-safety"],
    "days": 35,
    "place": "Croydon University Hospital, Conference Suite",
    "online_link": "https://meet.example.org/hin-spring-basecamp",
    "description": "What will your contribution be to the Spring Basecamp? Each community brings one story of "
                   "practice it has changed this year, and one question it is still stuck on.",
}


def _at(days, hour):
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, 0), tzinfo=zone)


def seed(*, organisations, stdout):
    from communities.models import Community
    from cop_platform.accounts.models import User

    from .models import Event, EventInvitation
    from .services import events as services

    organisation = organisations.get(HIN)
    organiser = User.objects.filter(email=ORGANISER).first()
    if organisation is None or organiser is None:
        return
    with scope(organisation=organisation):
        for spec in (PAST, UPCOMING):
            if Event.objects.filter(organisation=organisation, title=spec["title"]).exists():
                continue
            communities = list(Community.objects.filter(organisation=organisation, slug__in=spec["communities"]))
            if len(communities) < 2:
                continue
            event = services.event_create(
                organisation=organisation, by=organiser, title=spec["title"], description=spec["description"],
                starts_at=_at(spec["days"], 10), ends_at=_at(spec["days"], 16), place=spec["place"],
                online_link=spec.get("online_link", ""), communities=communities)
            invitees = list(EventInvitation.objects.filter(event=event).order_by("pk").values_list("user_id",
                                                                                                 flat=True))
            if spec is PAST:
                came = [uid for k, uid in enumerate(invitees) if k % 3 != 2]  # about two in three came
                services.event_record(organisation=organisation, by=organiser, event=event, attendee_ids=came,
                                      notes=spec["notes"])
            else:
                people = {u.pk: u for u in User.objects.filter(pk__in=invitees[:6])}
                for k, uid in enumerate(invitees[:6]):
                    services.event_respond(organisation=organisation, by=people[uid], event=event,
                                           answer=("yes", "yes", "maybe", "no")[k % 4])
    stdout.write("Events demo: a past HIN Basecamp with attendance and notes, and an upcoming one with invitations.")
