"""The personal calendar feed: ``/calendar/<token>.ics``, polled by calendar clients without a session."""

from django.views.decorators.http import require_safe

from cop_platform import registry

from . import feeds


def _entry_for(sources):
    by_kind = {source.kind: source.entry for source in sources}

    def entry(row):
        builder = by_kind.get(row.kind)
        return builder(row) if builder else None

    return entry


@require_safe
def personal_feed(request, token):
    """Every meeting, event and session the person takes part in, across their organisations."""
    from datetime import timedelta

    from django.utils import timezone

    since = timezone.now() - timedelta(days=feeds.PAST_DAYS)
    sources = registry.calendar_sources()

    def parts():
        people = feeds.people_with(token)
        return [feeds.feed_row(token), *(part for source in sources for part in source.rows(people, since))]

    rows = feeds.read_rows(parts)
    return feeds.feed_response(request, rows=rows, entry_for=_entry_for(sources), name="Convene: your meetings")
