"""Services for meetings: scheduling (or recording one that already happened), changing, rescheduling and
cancelling, members saying whether they are coming, the record afterwards, the practice exchange.

E-mails and calendar files live in :mod:`communities.services.meeting_mail`."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from ..models import Membership
from ._common import _check_tenant, _member_or_none
from .meeting_mail import meeting_notify

_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")

# The fields a member sees in the invitation: a change to any of them sends an update.
_NOTIFIED_FIELDS = ("title", "starts_at", "ends_at", "place", "call_link", "agenda")


def meeting_title_problem(title):
    """The title goes into e-mail subjects and calendar headers: a line break there breaks sending
    (issue 8 §1, "Header injection breaks sending"), so it is refused with a message (or ``None``)."""
    if not (title or "").strip():
        return "Enter a title."
    if _LINE_BREAK.search(title):
        return "Write the title on one line: it becomes the subject of the e-mail, which cannot hold a line break."
    return None


def meeting_problems(*, title, starts_at, ends_at, place, call_link, upcoming):
    """What is wrong with a meeting's details, as ``{field: message}`` (empty when nothing is).

    - The title is one line (:func:`meeting_title_problem`).
    - A meeting ends after it starts (the database holds the same check).
    - An upcoming meeting says where people meet: a place, a call link or both (FAQ §10: every meeting is
      somewhere members can come to). One that already happened is being recorded, not announced."""
    problems = {}
    if title_problem := meeting_title_problem(title):
        problems["title"] = title_problem
    if ends_at <= starts_at:
        problems["end_time"] = "The meeting must end after it starts: choose an end time later than the start time."
    if upcoming and not (place or "").strip() and not (call_link or "").strip():
        problems["place"] = "Say where you will meet, or give a call link (or both)."
    return problems


def _refuse(problems):
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def meeting_schedule(*, organisation, by, community, title, starts_at, ends_at, place="", call_link="", agenda="",
                     now=None):
    """Schedule a meeting and tell the members by e-mail (after commit, once each) with its calendar
    file. A date and time already past records a meeting that happened without being scheduled here: no
    e-mail, and the next step is its record (attendance, notes)."""
    from ..models import Meeting

    _check_tenant(organisation, community)
    now = now or timezone.now()
    upcoming = starts_at > now
    _refuse(meeting_problems(title=title, starts_at=starts_at, ends_at=ends_at, place=place, call_link=call_link,
                             upcoming=upcoming))
    meeting = Meeting(organisation=organisation, community=community, title=title.strip(), starts_at=starts_at,
                      ends_at=ends_at, place=place.strip(), call_link=call_link.strip(), agenda=agenda.strip(),
                      created_by=by)
    meeting.full_clean(exclude=["organisation", "community", "created_by"])
    meeting.save()
    if upcoming:
        meeting_notify(organisation=organisation, meeting=meeting, kind="scheduled")
    audit_record(organisation=organisation, actor=by, target=meeting,
                 action="meeting.scheduled" if upcoming else "meeting.added_afterwards")
    return meeting


def meeting_notify_members(*, organisation, meeting):
    """The e-mail about a new meeting (kept for callers that queue it again: it is idempotent)."""
    return meeting_notify(organisation=organisation, meeting=meeting, kind="scheduled")


def _locked(meeting):
    from ..models import Meeting

    return Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)


@transaction.atomic
def meeting_update(*, organisation, by, meeting, title, starts_at, ends_at, place="", call_link="", agenda="",
                   now=None):
    """Change or reschedule a meeting. If it is still to come, the people invited get an update (same
    calendar UID, SEQUENCE one higher) so their calendars move it. A meeting that is still to come cannot
    be moved into the past; a cancelled one cannot be changed."""
    _check_tenant(organisation, meeting)
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled; it can no longer be changed.")
    upcoming = meeting.starts_at > now
    problems = meeting_problems(title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                                call_link=call_link, upcoming=upcoming)
    if upcoming and starts_at <= now and "end_time" not in problems:
        problems["date"] = "Choose a date and time in the future (or cancel the meeting)."
    _refuse(problems)
    new = {"title": title.strip(), "starts_at": starts_at, "ends_at": ends_at, "place": place.strip(),
           "call_link": call_link.strip(), "agenda": agenda.strip()}
    changes = {k: [str(getattr(meeting, k)), str(v)] for k, v in new.items() if getattr(meeting, k) != v}
    if not changes:
        return meeting
    for key, value in new.items():
        setattr(meeting, key, value)
    fields = [*new, "updated_at"]
    if upcoming:
        meeting.sequence += 1
        fields.append("sequence")
    meeting.full_clean(exclude=["organisation", "community", "created_by"])
    meeting.save(update_fields=fields)
    if upcoming and set(changes) & set(_NOTIFIED_FIELDS):
        meeting_notify(organisation=organisation, meeting=meeting, kind="updated")
    rescheduled = "starts_at" in changes or "ends_at" in changes
    audit_record(organisation=organisation, actor=by, target=meeting,
                 action="meeting.rescheduled" if rescheduled else "meeting.changed",
                 changes={k: v for k, v in changes.items() if k != "agenda"} | (
                     {"agenda": ["…", "changed"]} if "agenda" in changes else {}))
    return meeting


@transaction.atomic
def meeting_cancel(*, organisation, by, meeting, now=None):
    """Cancel a meeting still to come: the people invited (and anyone who said they were coming, even
    with meeting e-mails turned off) get a cancellation their calendar understands (METHOD:CANCEL)."""
    _check_tenant(organisation, meeting)
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.is_cancelled:
        raise ValidationError("This meeting is already cancelled.")
    if meeting.starts_at <= now:
        raise ValidationError("This meeting has already started: record it instead of cancelling it.")
    meeting.cancelled_at = now
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    meeting_notify(organisation=organisation, meeting=meeting, kind="cancelled")
    audit_record(organisation=organisation, actor=by, action="meeting.cancelled", target=meeting)
    return meeting


@transaction.atomic
def meeting_respond(*, organisation, by, meeting, answer, now=None):
    """A member says whether they are coming (yes, no or maybe); they may change their answer until the
    meeting starts."""
    from ..models import MeetingAnswer, MeetingResponse

    _check_tenant(organisation, meeting)
    now = now or timezone.now()
    if answer not in MeetingAnswer.values:
        raise ValidationError({"answer": "Choose yes, no or maybe."})
    if not Membership.objects.filter(community_id=meeting.community_id, user=by).exists():
        raise ValidationError("Only members of the community can say whether they are coming.")
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled.")
    if meeting.starts_at <= now:
        raise ValidationError("This meeting has already started.")
    response, _ = MeetingResponse.objects.update_or_create(
        organisation=organisation, meeting=meeting, user=by, defaults={"answer": answer})
    return response


@transaction.atomic
def meeting_record(*, organisation, by, meeting, attendee_ids, notes):
    """The record afterwards: who came and the notes."""
    from ..models import Attendance

    _check_tenant(organisation, meeting)
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled; there is nothing to record.")
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
