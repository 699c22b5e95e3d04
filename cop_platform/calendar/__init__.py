"""Calendars: the one iCalendar builder (:mod:`.ics`) and the feeds people subscribe to (:mod:`.feeds`)."""

from .ics import CalendarEntry, calendar_ics, feed_ics

__all__ = ["CalendarEntry", "calendar_ics", "feed_ics"]
