"""Lists cut into pages: by page number (``paginate``), or by position (``keyset_page``) for lists that grow
without end, where a page number costs the database every row before it."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q

OLDER, NEWER = "older", "newer"


def paginate(request, queryset, per_page=None):
    """One page of ``queryset``; a missing, malformed or out-of-range page number gives the nearest
    real page rather than an error."""
    paginator = Paginator(queryset, per_page or settings.PAGINATE_BY)
    return paginator.get_page(request.GET.get("page"))


@dataclass
class KeysetPage:
    """One page of a list kept newest first: its rows, and the positions to ask for the newer and older
    pages beside it (``None`` at either end). Iterates over its rows like a paginator's page."""

    object_list: list
    newer: str | None = None
    older: str | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_other_pages(self):
        return bool(self.newer or self.older)


def cursor_of(row, time_field):
    """A row's position: its time and id, as text for a link (no personal data: a time and a number)."""
    return f"{getattr(row, time_field).isoformat()}~{row.pk}"


def parse_cursor(text):
    """``(time, id)`` from :func:`cursor_of`'s text, or ``None`` for anything else (a missing, edited or
    hostile value gives the first page, not an error)."""
    when, sep, pk = (text or "").strip()[:80].rpartition("~")
    if not sep or not pk.isdigit():
        return None
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment, int(pk)


def keyset_page(request, queryset, *, time_field="created_at", per_page=None):
    """The page of ``queryset`` (newest first: ``time_field`` then id, descending) that the request asks for
    with ``?older=`` (rows after that position) or ``?newer=`` (rows before it), else the first page.
    One query of ``per_page + 1`` rows, however deep the page: the database reads from the position
    through an index instead of counting and skipping every row before it (OFFSET)."""
    per_page = per_page or settings.PAGINATE_BY
    older, newer = parse_cursor(request.GET.get(OLDER)), parse_cursor(request.GET.get(NEWER))
    if older is not None:
        moment, pk = older
        rows = list(queryset.filter(Q(**{f"{time_field}__lt": moment}) | Q(**{time_field: moment, "pk__lt": pk}))
                    .order_by(f"-{time_field}", "-pk")[:per_page + 1])
        more_older, more_newer = len(rows) > per_page, True
        rows = rows[:per_page]
    elif newer is not None:
        moment, pk = newer
        rows = list(queryset.filter(Q(**{f"{time_field}__gt": moment}) | Q(**{time_field: moment, "pk__gt": pk}))
                    .order_by(time_field, "pk")[:per_page + 1])
        more_newer, more_older = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
    else:
        rows = list(queryset.order_by(f"-{time_field}", "-pk")[:per_page + 1])
        more_older, more_newer = len(rows) > per_page, False
        rows = rows[:per_page]
    if not rows:  # past either end (an old link after deletions): nothing to step from
        return KeysetPage(object_list=[])
    return KeysetPage(object_list=rows,
                      newer=cursor_of(rows[0], time_field) if more_newer else None,
                      older=cursor_of(rows[-1], time_field) if more_older else None)
