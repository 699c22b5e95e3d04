"""What programmes give a person's calendar feed (``cop_platform.calendar``): the cross-community events
they are invited to and the sessions of the cohort programmes they take part in (dated sessions with both
times; withdrawn participants see none). Both are parts of the feed's one query."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import JSONObject

from cop_platform.calendar import CalendarEntry, feeds

from .models import Event, ParticipantStatus, Session

EVENT = "programme_event"
SESSION = "programme_session"


def event_rows(people, since):
    events = Event.objects.filter(invitations__user_id__in=people, ends_at__gte=since)
    return feeds.feed_rows(
        events, kind=EVENT, id="pk", org="organisation_id", title="title", group="organisation__name",
        starts="starts_at", ends="ends_at", place="place", link="online_link", text="description",
        cancelled=ExpressionWrapper(Q(cancelled_at__isnull=False), output_field=BooleanField()),
        sequence="sequence", updated="updated_at")


def session_rows(people, since):
    sessions = Session.objects.filter(
        programme__participants__user_id__in=people, programme__participants__status=ParticipantStatus.SELECTED,
        date__gte=since.date(), starts_at__isnull=False, ends_at__isnull=False)
    return feeds.feed_rows(
        sessions, kind=SESSION, id="pk", org="organisation_id", title="title", group="programme__name",
        day="date", time_from="starts_at", time_to="ends_at", place="place", link="online_link",
        text="description", cancelled="is_cancelled", sequence="sequence", updated="updated_at",
        extra=JSONObject(kind="kind", module_number="module_number", module_title="module_title", part="part"))


def rows(people, since):
    return [event_rows(people, since), session_rows(people, since)]


def event_entry(row):
    from .services.event_mail import event_uid_for

    return CalendarEntry(uid=event_uid_for(row.id, row.org), sequence=row.sequence, starts_at=row.starts,
                         ends_at=row.ends, summary=row.title, organiser_name=row.group, place=row.place or "",
                         call_link=row.link or "", description=row.text or "", cancelled=bool(row.cancelled),
                         updated_at=row.updated)


def session_entry(row):
    from .services.cohorts import session_uid_for

    zone = ZoneInfo(settings.TIME_ZONE)
    extra = row.extra or {}
    name = Session(title=row.title or "", kind=extra.get("kind") or "", module_number=extra.get("module_number"),
                   module_title=extra.get("module_title") or "", part=extra.get("part")).name
    return CalendarEntry(uid=session_uid_for(row.id, row.org), sequence=row.sequence,
                         starts_at=datetime.combine(row.day, row.time_from, tzinfo=zone),
                         ends_at=datetime.combine(row.day, row.time_to, tzinfo=zone),
                         summary=f"{row.group}: {name}", organiser_name=row.group, place=row.place or "",
                         call_link=row.link or "", description=row.text or "", cancelled=bool(row.cancelled),
                         updated_at=row.updated)


def register():
    from cop_platform import registry

    registry.register_calendar_source(EVENT, rows=lambda people, since: [event_rows(people, since)], entry=event_entry)
    registry.register_calendar_source(SESSION, rows=lambda people, since: [session_rows(people, since)],
                                      entry=session_entry)
