"""Calendar feeds: what a calendar client polls without a session, by the secret in its URL.

A feed is read in **one query**: the person's feed row (found by the hash of the token) and the rows
every source contributes (``cop_platform.registry.register_calendar_source``: communities' meetings,
programmes' events and sessions) are one SQL ``UNION ALL``, each source filtered to the person through a
subquery on the same hash. Every source shapes its rows into the same columns (:func:`feed_rows`) and
turns one row back into a :class:`~cop_platform.calendar.ics.CalendarEntry`.

The answer is conditional: its ETag is a digest of what each row is (kind, id, SEQUENCE, cancelled,
last change) and Last-Modified the latest change, so an unchanged feed answers 304 and a removed event
(the person left the community) changes the ETag. An unknown or revoked token is a bare 404.
"""

import hashlib

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast
from django.http import HttpResponse, HttpResponseNotFound
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django_scopes import scopes_disabled

from cop_platform.tokens import token_hash

from .ics import feed_ics

# How far back a feed reaches: older events are history, not a calendar's business.
PAST_DAYS = 180

FEED = "feed"  # the kind of the person's own feed row
GATE = "gate"  # the kind of a row a narrowed feed requires (the person's membership of the community)

COLUMNS = (
    ("kind", models.CharField),
    ("id", models.IntegerField),
    ("org", models.IntegerField),
    ("title", models.CharField),
    ("group", models.CharField),
    ("starts", models.DateTimeField),
    ("ends", models.DateTimeField),
    ("day", models.DateField),
    ("time_from", models.TimeField),
    ("time_to", models.TimeField),
    ("place", models.CharField),
    ("link", models.CharField),
    ("text", models.TextField),
    ("cancelled", models.BooleanField),
    ("sequence", models.IntegerField),
    ("updated", models.DateTimeField),
    ("extra", models.JSONField),
)
NAMES = tuple(name for name, _ in COLUMNS)


class FeedRow(dict):
    """One row of the union, by column name (``row["starts"]``)."""

    __getattr__ = dict.get


def feed_rows(queryset, *, kind, **columns):
    """``queryset`` as rows of the feed's columns, in order: a column given as a string is that field, an
    expression is itself, a column not given is a typed NULL."""
    exprs = {"feed_kind": Value(kind, output_field=models.CharField())}
    for name, field in COLUMNS[1:]:
        given = columns.pop(name, None)
        if given is None:
            # Typed: PostgreSQL resolves a UNION's column types pairwise, and a bare NULL is text.
            exprs[f"feed_{name}"] = Cast(Value(None), output_field=field())
        elif isinstance(given, str):
            exprs[f"feed_{name}"] = models.ExpressionWrapper(F(given), output_field=field())
        else:
            exprs[f"feed_{name}"] = given
    if columns:
        raise ValueError(f"Unknown feed columns: {sorted(columns)}")
    return queryset.order_by().annotate(**exprs).values_list(*exprs)


def people_with(token):
    """A subquery: the id of the person whose feed ``token`` opens (none for an unknown token)."""
    from cop_platform.accounts.models import CalendarFeed

    return CalendarFeed.objects.filter(token_hash=token_hash(token)).values("user_id")


def feed_row(token):
    from cop_platform.accounts.models import CalendarFeed

    return feed_rows(CalendarFeed.objects.filter(token_hash=token_hash(token)), kind=FEED, id="pk",
                     updated="issued_at")


def read_rows(build):
    """Evaluate the union of the parts ``build()`` returns (one query) as :class:`FeedRow` s, outside any
    tenant scope: every part filters to the person itself."""
    with scopes_disabled():
        first, *rest = build()
        rows = list(first.union(*rest, all=True)) if rest else list(first)
    return [FeedRow(zip(NAMES, row, strict=True)) for row in rows]


def not_found():
    """A bare 404, not logged: Django's request log would write the URL, and the URL is the secret."""
    response = HttpResponseNotFound(b"Not found", content_type="text/plain")
    response._has_been_logged = True
    return response


def fingerprint(rows):
    """The feed's ETag and Last-Modified from its rows (no second query)."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: (r.kind, r.id)):
        digest.update(f"{row.kind}:{row.id}:{row.sequence}:{row.cancelled}:{row.updated}\n".encode())
    latest = max((row.updated for row in rows if row.updated), default=None)
    return f'"{digest.hexdigest()[:32]}"', latest


def feed_response(request, *, rows, entry_for, name, require=()):
    """The feed's answer: 404 without the person's feed row (or a required ``GATE`` row), 304 when the
    client's copy is current, else the ``.ics``. ``entry_for(row)`` turns a source's row into a
    :class:`CalendarEntry` (``None`` to leave it out)."""
    kinds = {row.kind for row in rows}
    if FEED not in kinds or any(kind not in kinds for kind in require):
        return not_found()
    etag, latest = fingerprint(rows)
    latest = int(latest.timestamp()) if latest else None  # HTTP dates are whole seconds
    conditional = get_conditional_response(request, etag=etag, last_modified=latest)
    if conditional is None:
        entries = [entry for row in rows if row.kind not in (FEED, GATE) and (entry := entry_for(row))]
        entries.sort(key=lambda e: (e.starts_at, e.uid))
        response = HttpResponse(feed_ics(entries, name=name), content_type="text/calendar; charset=utf-8")
    else:
        response = conditional
    response["ETag"] = etag
    if latest:
        response["Last-Modified"] = http_date(latest)
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
