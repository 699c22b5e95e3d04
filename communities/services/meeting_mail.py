"""Meeting e-mails and calendar files: who is told, what they read, and the ``.ics`` their calendar
reads (one UID per meeting; every change raises SEQUENCE, so an update moves the event and a
cancellation removes it)."""


from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..models import Membership

# kind -> (iCalendar METHOD of the attached file, opening line of the e-mail, subject prefix)
_KINDS = {
    "scheduled": ("REQUEST", "{community} meets on {when}: {title}.", ""),
    "updated": ("REQUEST", "A meeting of {community} has changed. It is now on {when}: {title}.", "Changed: "),
    "cancelled": ("CANCEL", "The meeting of {community} on {when} is cancelled: {title}.", "Cancelled: "),
}


def meeting_uid(meeting):
    return f"meeting-{meeting.pk}-{meeting.organisation_id}@convene"


def meeting_ics(meeting, *, method="PUBLISH", uid=None, summary=None, organiser=None):
    """The meeting as an iCalendar file, with its end time and VTIMEZONE (so Outlook-style clients do
    not guess the zone). ``method`` is PUBLISH for the download, REQUEST for an invitation or update,
    CANCEL for a cancellation; a cancelled meeting is always STATUS:CANCELLED.

    Another kind of event (a programme's session) passes an object with the same attributes and its own
    ``uid``, ``summary`` and ``organiser`` name (by default the meeting's, named after its community)."""
    from zoneinfo import ZoneInfo

    import icalendar

    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Convene//Communities of practice//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = icalendar.Event()
    event.add("uid", uid or meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", summary or f"{meeting.community.name}: {meeting.title}")
    if method in ("REQUEST", "CANCEL"):
        # RFC 5546: a scheduling message names its organiser.
        organizer = icalendar.vCalAddress(f"mailto:{_sender_address()}")
        organizer.params["cn"] = icalendar.vText(organiser or meeting.community.name)
        event.add("organizer", organizer)
    if meeting.is_cancelled or method == "CANCEL":
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    if meeting.place:
        event.add("location", meeting.place)
    elif meeting.call_link:
        event.add("location", meeting.call_link)
    description = meeting.agenda
    if meeting.call_link:
        description = f"Call link: {meeting.call_link}\n\n{description}".strip()
        event.add("url", meeting.call_link)
    if description:
        event.add("description", description)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _sender_address():
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@convene.example.org"


def meeting_recipients(*, organisation, meeting, kind):
    """Who is told about a meeting: its community's members, except those who turned meeting e-mails
    off — but a cancellation still reaches anyone who said they were coming (they would otherwise travel
    to a meeting that is not happening)."""
    from ..models import MeetingAnswer, MeetingResponse, NotificationPreference

    opted_out = set(NotificationPreference.objects.filter(organisation=organisation, meeting_emails=False)
                    .values_list("user_id", flat=True))
    if kind == "cancelled":
        opted_out -= set(MeetingResponse.objects.filter(meeting=meeting, answer=MeetingAnswer.YES)
                         .values_list("user_id", flat=True))
    members = Membership.objects.filter(community_id=meeting.community_id).select_related("user").order_by("pk")
    return [m.user for m in members if m.user_id not in opted_out]


def meeting_notify(*, organisation, meeting, kind):
    """One e-mail per recipient through the outbox, idempotent by key (``kind`` and the calendar
    SEQUENCE are in it, so each update is sent once), with the ``.ics`` attached."""
    from cop_platform.email import email_queue

    method, opening, prefix = _KINDS[kind]
    community = meeting.community
    link = settings.SITE_URL + reverse("communities:meeting", kwargs={
        "org": organisation.slug, "slug": community.slug, "meeting_id": meeting.pk})
    when = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at)
    when_text = f"{when:%A %-d %B %Y}, {when:%H:%M} to {ends:%H:%M}"
    ics = meeting_ics(meeting, method=method)
    title = " ".join(meeting.title.split())  # one line even for a title saved before line breaks were refused
    extra = {"attachments": [(f"{community.slug}-meeting-{meeting.pk}.ics", ics, f"text/calendar; method={method}")]}
    for user in meeting_recipients(organisation=organisation, meeting=meeting, kind=kind):
        body = (f"Hello {user.display_name},\n\n"
                + opening.format(community=community.name, when=when_text, title=title) + "\n\n")
        if kind != "cancelled":
            body += ((f"Where: {meeting.place}\n" if meeting.place else "")
                     + (f"Call link: {meeting.call_link}\n" if meeting.call_link else "")
                     + (f"\nAgenda:\n{meeting.agenda}\n" if meeting.agenda else "")
                     + "\nThe calendar file attached adds it to your calendar"
                     + (" (or moves it there)" if kind == "updated" else "") + ".\n"
                     + f"Say whether you are coming: {link}\n\n"
                     + "You can turn off e-mails about meetings in your notification settings.\n")
        else:
            body += (f"The calendar file attached removes it from your calendar.\nDetails: {link}\n")
        email_queue(organisation=organisation, key=f"meeting:{meeting.pk}:{kind}:{meeting.sequence}:{user.pk}",
                    to=user.email, subject=f"{prefix}{community.name}: {title}, {when:%-d %B}",
                    body_text=body, **extra)
