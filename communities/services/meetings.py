"""Services for meetings: scheduling, telling members, calendar files, notes, practice exchange."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from ..models import Membership
from ._common import _check_tenant, _member_or_none


@transaction.atomic
def meeting_schedule(*, organisation, by, community, title, starts_at, ends_at, place="", call_link="", agenda="",
                     now=None):
    """Schedule a meeting and tell the members by e-mail (after commit, once each), with a calendar file
    to download. A meeting needs a place or a call link, and ends after it starts."""
    from ..models import Meeting

    _check_tenant(organisation, community)
    now = now or timezone.now()
    if starts_at <= now:
        raise ValidationError({"date": "Choose a date and time in the future."})
    if ends_at <= starts_at:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    if not (place or "").strip() and not (call_link or "").strip():
        raise ValidationError({"place": "Say where you will meet, or give a call link (or both)."})
    meeting = Meeting(organisation=organisation, community=community, title=title.strip(), starts_at=starts_at,
                      ends_at=ends_at, place=place.strip(), call_link=call_link.strip(), agenda=agenda.strip(),
                      created_by=by)
    meeting.full_clean(exclude=["organisation", "community", "created_by"])
    meeting.save()
    meeting_notify_members(organisation=organisation, meeting=meeting)
    audit_record(organisation=organisation, actor=by, action="meeting.scheduled", target=meeting)
    return meeting


def meeting_notify_members(*, organisation, meeting):
    """One e-mail per member about a new meeting, through the outbox (idempotent by key). Members who
    turned meeting e-mails off are left out."""
    from django.urls import reverse

    from cop_platform.email import email_queue

    community = meeting.community
    link = settings.SITE_URL + reverse("communities:meeting", kwargs={
        "org": organisation.slug, "slug": community.slug, "meeting_id": meeting.pk})
    when = timezone.localtime(meeting.starts_at)
    members = Membership.objects.filter(community=community).select_related("user")
    from ..models import NotificationPreference

    opted_out = set(NotificationPreference.objects.filter(organisation=organisation, meeting_emails=False)
                    .values_list("user_id", flat=True))
    for m in members:
        if m.user_id in opted_out:
            continue
        body = (f"Hello {m.user.display_name},\n\n{community.name} meets on {when:%A %-d %B %Y at %H:%M}: "
                f"{meeting.title}.\n\n"
                + (f"Where: {meeting.place}\n" if meeting.place else "")
                + (f"Call link: {meeting.call_link}\n" if meeting.call_link else "")
                + (f"\nAgenda:\n{meeting.agenda}\n" if meeting.agenda else "")
                + f"\nDetails and a calendar file: {link}\n\n"
                  f"You can turn off e-mails about new meetings in your notification settings.\n")
        email_queue(organisation=organisation, key=f"meeting:{meeting.pk}:scheduled:{m.user_id}", to=m.user.email,
                    subject=f"{community.name}: {meeting.title}, {when:%-d %B}", body_text=body)


def meeting_ics(meeting):
    """The meeting as an iCalendar file (with its VTIMEZONE, so Outlook-style clients do not guess)."""
    from zoneinfo import ZoneInfo

    import icalendar

    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Convene//Communities of practice//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}-{meeting.organisation_id}@convene")
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", f"{meeting.community.name}: {meeting.title}")
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


@transaction.atomic
def meeting_record(*, organisation, by, meeting, attendee_ids, notes):
    """The record afterwards: who came and the notes."""
    from ..models import Attendance

    _check_tenant(organisation, meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError("You can record a meeting once it has started.")
    members = set(Membership.objects.filter(community=meeting.community, user_id__in=attendee_ids)
                  .values_list("user_id", flat=True))
    if set(attendee_ids) - members:
        raise ValidationError("Attendance can only include members of the community.")
    Attendance.objects.filter(meeting=meeting).exclude(user_id__in=members).delete()
    have = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    Attendance.objects.bulk_create([Attendance(organisation=organisation, meeting=meeting, user_id=uid)
                                    for uid in members - have])
    meeting.notes = notes.strip()
    meeting.recorded_at = meeting.recorded_at or timezone.now()
    meeting.full_clean(exclude=["organisation", "community", "created_by"])
    meeting.save(update_fields=["notes", "recorded_at"])
    return meeting


@transaction.atomic
def practice_exchange_add(*, organisation, by, meeting, shared_by=None, **fields):
    from ..models import PracticeExchange

    _check_tenant(organisation, meeting)
    _member_or_none(meeting.community, shared_by)
    exchange = PracticeExchange(organisation=organisation, community_id=meeting.community_id, meeting=meeting,
                                shared_by=shared_by, recorded_by=by,
                                **{k: (v or "").strip() for k, v in fields.items()})
    exchange.full_clean(exclude=["organisation", "community", "meeting", "shared_by", "recorded_by"])
    exchange.save()
    return exchange
