"""Meeting e-mails and calendar files: who is told, what they read, and the ``.ics`` their calendar
reads (one UID per meeting; every change raises SEQUENCE, so an update moves the event and a
cancellation removes it). The core's :func:`cop_platform.calendar.calendar_ics` builds the file for
meetings, the programmes app's events and sessions, and the calendar feeds alike."""


from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cop_platform.calendar import calendar_ics

from ..models import Membership

__all__ = ["calendar_ics", "meeting_ics", "meeting_notify", "meeting_recipients", "meeting_uid",
           "meeting_uid_for"]

# kind -> (iCalendar METHOD of the attached file, opening line of the e-mail, subject prefix)
_KINDS = {
    "scheduled": ("REQUEST", "{community} meets on {when}: {title}.", ""),
    "updated": ("REQUEST", "A meeting of {community} has changed. It is now on {when}: {title}.", "Changed: "),
    "cancelled": ("CANCEL", "The meeting of {community} on {when} is cancelled: {title}.", "Cancelled: "),
}


def meeting_uid(meeting):
    return meeting_uid_for(meeting.pk, meeting.organisation_id)


def meeting_uid_for(meeting_id, organisation_id):
    return f"meeting-{meeting_id}-{organisation_id}@convene"


def meeting_ics(meeting, *, method="PUBLISH"):
    """The meeting as an iCalendar file (:func:`calendar_ics`)."""
    return calendar_ics(uid=meeting_uid(meeting), sequence=meeting.sequence, starts_at=meeting.starts_at,
                        ends_at=meeting.ends_at, summary=f"{meeting.community.name}: {meeting.title}",
                        organiser_name=meeting.community.name, place=meeting.place, call_link=meeting.call_link,
                        description=meeting.agenda, cancelled=meeting.is_cancelled, method=method)


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
    from cop_platform.notifications.links import unsubscribe_headers, unsubscribe_link

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
        # Non-essential: one click (no sign-in) stops this organisation's non-essential e-mail to this person.
        way_out = unsubscribe_link(organisation_id=organisation.pk, user_id=user.pk)
        body += f"\nStop e-mails about meetings and activity here with one click: {way_out}\n"
        email_queue(organisation=organisation, key=f"meeting:{meeting.pk}:{kind}:{meeting.sequence}:{user.pk}",
                    to=user.email, subject=f"{prefix}{community.name}: {title}, {when:%-d %B}",
                    body_text=body, headers=unsubscribe_headers(way_out), **extra)
