"""E-mails about cross-community events: who is told, and what they read, composed when each e-mail is
sent (the outbox row keeps only the kind, the event and the person), with the event's ``.ics`` built by the
same code as a meeting's (:func:`cop_platform.calendar.calendar_ics`): one UID per event, every
change raises SEQUENCE, so an update moves it in a calendar and a cancellation removes it.

Kinds: ``invited`` (a person is invited: new event, community added later), ``updated`` (details changed),
``cancelled`` (the event is off) and ``withdrawn`` (their community was taken off the event). An
invitation or update composed after the event was cancelled, or for someone no longer invited, is not sent
(``EmailCancelled``): the cancellation or withdrawal that followed says what is true now.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cop_platform.calendar import calendar_ics
from cop_platform.email import ComposedEmail, EmailCancelled, email_queue

EVENT_COMPOSER = "programmes.event"
KINDS = ("invited", "updated", "cancelled", "withdrawn")

# kind -> (iCalendar METHOD of the attached file, subject prefix)
_METHODS = {"invited": ("REQUEST", ""), "updated": ("REQUEST", "Changed: "), "cancelled": ("CANCEL", "Cancelled: "),
            "withdrawn": ("CANCEL", "Withdrawn: ")}


def event_uid(event):
    return event_uid_for(event.pk, event.organisation_id)


def event_uid_for(event_id, organisation_id):
    return f"event-{event_id}-{organisation_id}@convene"


def event_ics(event, *, method="PUBLISH"):
    """The event as an iCalendar file: PUBLISH for the download, REQUEST for an invitation or update,
    CANCEL for a cancellation or withdrawal."""
    return calendar_ics(uid=event_uid(event), sequence=event.sequence, starts_at=event.starts_at,
                        ends_at=event.ends_at, summary=event.title, organiser_name=event.organisation.name,
                        place=event.place, call_link=event.online_link, description=event.description,
                        cancelled=event.is_cancelled, method=method)


def _when(event):
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if starts.date() == ends.date():
        return f"{starts:%A %-d %B %Y}, {starts:%H:%M} to {ends:%H:%M}"
    return f"{starts:%A %-d %B %Y, %H:%M} to {ends:%A %-d %B %Y, %H:%M}"


def event_content(event, user, kind, *, community_names):
    """The e-mail telling ``user`` about ``event`` (``kind``), with its calendar file."""
    method, prefix = _METHODS[kind]
    title = " ".join(event.title.split())
    link = settings.SITE_URL + reverse("programmes:event", kwargs={"org": event.organisation.slug,
                                                                    "event_id": event.pk})
    when = _when(event)
    together = ", ".join(community_names)
    greeting = f"Hello {user.display_name},\n\n"
    if kind in ("invited", "updated"):
        opening = (f"{event.organisation.name} invites you to {title}, where {together} meet.\n\n"
                   if kind == "invited" else f"{title} has changed. It is now on {when}.\n\n")
        body = (greeting + opening + f"When: {when}\n"
                + (f"Where: {event.place}\n" if event.place else "")
                + (f"Online link: {event.online_link}\n" if event.online_link else "")
                + (f"\n{event.description}\n" if event.description else "")
                + "\nThe calendar file attached adds it to your calendar"
                + (" (or moves it there)" if kind == "updated" else "") + ".\n"
                + f"Say whether you are coming: {link}\n")
    elif kind == "cancelled":
        body = (greeting + f"{title} on {when} is cancelled.\n\n"
                "The calendar file attached removes it from your calendar.\n" + f"Details: {link}\n")
    else:
        body = (greeting + f"Your community no longer takes part in {title} on {when}, so your invitation is "
                "withdrawn.\n\nThe calendar file attached removes it from your calendar.\n")
    starts = timezone.localtime(event.starts_at)
    ics = event_ics(event, method=method)
    return ComposedEmail(subject=f"{prefix}{title}, {starts:%-d %B}", body_text=body,
                         attachments=((f"event-{event.pk}.ics", ics, f"text/calendar; method={method}"),))


def _community_names(event):
    return [c.name for c in event.communities.order_by("name")]


def compose_event_email(email):
    """Build an event e-mail when it is sent (``ref_id`` is ``<kind>:<event id>:<user id>``)."""
    from cop_platform.accounts.models import User

    from ..models import Event, EventInvitation

    kind, event_id, user_id = email.ref_id.split(":")
    event = Event.objects.filter(pk=int(event_id)).select_related("organisation").first()
    user = User.objects.filter(pk=int(user_id)).first()
    if event is None or user is None:
        raise EmailCancelled("The event or the person is no longer here: there is nothing to send.")
    invited = EventInvitation.objects.filter(event=event, user=user).exists()
    if kind in ("invited", "updated"):
        if event.is_cancelled:
            raise EmailCancelled("The event was cancelled since: the cancellation says so.")
        if not invited:
            raise EmailCancelled("The person is no longer invited.")
        if event.starts_at <= timezone.now():
            raise EmailCancelled("The event has started: an invitation would come too late.")
    elif kind == "withdrawn" and invited:
        raise EmailCancelled("The person was invited again since.")
    return event_content(event, user, kind, community_names=_community_names(event))


def _opted_out(organisation):
    from communities.models import NotificationPreference

    return set(NotificationPreference.objects.filter(organisation=organisation, meeting_emails=False)
               .values_list("user_id", flat=True))


def event_notify(*, organisation, event, kind, users, by=None):
    """Queue one e-mail of ``kind`` to each of ``users`` through the outbox, idempotent by key (the kind and
    the calendar SEQUENCE are in it, so each change is sent once). People who turned meeting e-mails off are
    not sent invitations or updates; a cancellation still reaches anyone who said they were coming."""
    from ..models import EventAnswer, EventInvitation

    skip = _opted_out(organisation)
    if kind in ("cancelled", "withdrawn"):
        skip -= set(EventInvitation.objects.filter(event=event, answer=EventAnswer.YES)
                    .values_list("user_id", flat=True))
    title = " ".join(event.title.split())
    sent = 0
    for user in users:
        if user.pk in skip:
            continue
        email_queue(organisation=organisation, key=f"event:{event.pk}:{kind}:{event.sequence}:{user.pk}",
                    to=user.email, kind=f"programmes.event_{kind}", composer=EVENT_COMPOSER,
                    ref_id=f"{kind}:{event.pk}:{user.pk}", subject=f"{_METHODS[kind][1]}{title}", triggered_by=by)
        sent += 1
    return sent


def event_notify_now(*, organisation, event, users, by=None):
    """The cancellation for an event about to be deleted: composed now and stored with the row (the event
    it would read at send time is gone by then)."""
    from ..models import EventAnswer, EventInvitation

    skip = _opted_out(organisation) - set(EventInvitation.objects.filter(event=event, answer=EventAnswer.YES)
                                          .values_list("user_id", flat=True))
    names = _community_names(event)
    for user in users:
        if user.pk in skip:
            continue
        content = event_content(event, user, "cancelled", community_names=names)
        email_queue(organisation=organisation, key=f"event:{event.pk}:deleted:{user.pk}", to=user.email,
                    kind="programmes.event_cancelled", subject=content.subject, body_text=content.body_text,
                    attachments=content.attachments, triggered_by=by)
