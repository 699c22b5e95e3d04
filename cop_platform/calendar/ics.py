"""iCalendar files: one builder for every event Convene puts in a calendar (a community's meeting, a
cross-community event, a cohort programme's session), as an e-mail attachment or in a subscribed feed.

One UID per event; every change raises SEQUENCE, so an update moves the event in a calendar and a
cancellation marks it cancelled (RFC 5545, RFC 5546)."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class CalendarEntry:
    """One event of a feed, whatever it comes from."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    organiser_name: str
    place: str = ""
    call_link: str = ""
    description: str = ""
    cancelled: bool = False
    updated_at: datetime | None = None
    url: str = ""


def _sender_address():
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@convene.example.org"


def _calendar(method, name=""):
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Convene//Communities of practice//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _event(entry, *, method):
    from zoneinfo import ZoneInfo

    import icalendar

    zone = ZoneInfo(settings.TIME_ZONE)
    event = icalendar.Event()
    event.add("uid", entry.uid)
    # A feed's DTSTAMP is the row's last change, so an unchanged feed is the same file.
    event.add("dtstamp", entry.updated_at or timezone.now())
    event.add("sequence", entry.sequence)
    event.add("dtstart", entry.starts_at.astimezone(zone))
    event.add("dtend", entry.ends_at.astimezone(zone))
    event.add("summary", entry.summary)
    if method in ("REQUEST", "CANCEL"):
        # RFC 5546: a scheduling message names its organiser.
        organizer = icalendar.vCalAddress(f"mailto:{_sender_address()}")
        organizer.params["cn"] = icalendar.vText(entry.organiser_name)
        event.add("organizer", organizer)
    event.add("status", "CANCELLED" if entry.cancelled or method == "CANCEL" else "CONFIRMED")
    if entry.place:
        event.add("location", entry.place)
    elif entry.call_link:
        event.add("location", entry.call_link)
    description = entry.description
    if entry.call_link:
        description = f"Call link: {entry.call_link}\n\n{description}".strip()
        event.add("url", entry.call_link)
    elif entry.url:
        event.add("url", entry.url)
    if description:
        event.add("description", description)
    return event


def calendar_ics(*, uid, sequence, starts_at, ends_at, summary, organiser_name, place="", call_link="",
                 description="", cancelled=False, method="PUBLISH"):
    """One event as an iCalendar file, with its end time and VTIMEZONE (so Outlook-style clients do not
    guess the zone). ``method`` is PUBLISH for a download, REQUEST for an invitation or update, CANCEL for
    a cancellation; a cancelled event is always STATUS:CANCELLED."""
    cal = _calendar(method)
    cal.add_component(_event(CalendarEntry(uid=uid, sequence=sequence, starts_at=starts_at, ends_at=ends_at,
                                           summary=summary, organiser_name=organiser_name, place=place,
                                           call_link=call_link, description=description, cancelled=cancelled),
                             method=method))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_ics(entries, *, name):
    """A subscribed calendar: many events (PUBLISH), cancelled ones kept and marked cancelled."""
    cal = _calendar("PUBLISH", name)
    for entry in entries:
        cal.add_component(_event(entry, method="PUBLISH"))
    cal.add_missing_timezones()
    return cal.to_ical()
