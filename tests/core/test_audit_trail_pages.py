"""The audit trail pages by position (keyset), newest first: every event once, however deep, one query for
the events whatever the page; filters kept in the links; edited or hostile positions give the first page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from cop_platform.models import AuditEvent
from cop_platform.pagination import cursor_of, parse_cursor

PER_PAGE = 50


def trail(tenant):
    return reverse("tenant_audit", kwargs={"org": tenant.organisation.slug})


def add_events(tenant, n, *, action="membership.added", same_time=False, start=None):
    start = start or timezone.now() - timedelta(days=1)
    with scopes_disabled():
        events = AuditEvent.objects.bulk_create(
            AuditEvent(organisation=tenant.organisation, action=action, target_label=f"Record {i:03d}",
                       summary=f"Event {i:03d}") for i in range(n))
        for i, event in enumerate(events):  # created_at is set on insert; spread them in time
            event.created_at = start if same_time else start + timedelta(minutes=i)
        AuditEvent.objects.bulk_update(events, ["created_at"])
    return events


def labels(response):
    return re.findall(r"Record \d{3}", response.content.decode())


def link(response, rel):
    match = re.search(rf'<a href="([^"]+)" class="nhsuk-pagination__\w+" rel="{rel}"', response.content.decode())
    return match.group(1).replace("&amp;", "&") if match else None


def walk(client, tenant):
    """Every page from the newest to the oldest, following the "Older" links."""
    pages, response = [], client.get(trail(tenant))
    while True:
        assert response.status_code == 200
        pages.append(labels(response))
        older = link(response, "next")
        if older is None:
            return pages, response
        response = client.get(trail(tenant) + older)


@pytest.mark.parametrize("same_time", [False, True], ids=["spread in time", "all at one instant"])
def test_every_event_once_newest_first_and_back(world, client_for, same_time):
    with scopes_disabled():
        AuditEvent.objects.filter(organisation=world.a.organisation).delete()
    events = add_events(world.a, 2 * PER_PAGE + 7, same_time=same_time)
    client = client_for(world.a.admin)
    pages, last = walk(client, world.a)
    assert [len(p) for p in pages] == [PER_PAGE, PER_PAGE, 7]
    seen = [label for page in pages for label in page]
    expected = [e.target_label for e in sorted(events, key=lambda e: (e.created_at, e.pk), reverse=True)]
    assert seen == expected  # newest first, none twice, none missed (ties broken by id)
    newer = client.get(trail(world.a) + link(last, "prev"))
    assert labels(newer) == pages[1]
    first = client.get(trail(world.a) + link(newer, "prev"))
    assert labels(first) == pages[0] and link(first, "prev") is None


def test_a_deep_page_costs_the_same_queries_as_the_first(world, client_for):
    add_events(world.a, 3 * PER_PAGE)
    client = client_for(world.a.admin)
    with CaptureQueriesContext(connection) as first:
        response = client.get(trail(world.a))
    older = link(response, "next")
    with CaptureQueriesContext(connection) as deep:
        second = client.get(trail(world.a) + older)
        deeper = client.get(trail(world.a) + link(second, "next"))
    assert deeper.status_code == 200 and len(labels(deeper)) == PER_PAGE
    assert len(deep) == 2 * len(first)
    assert not any("OFFSET" in q["sql"] or "COUNT(" in q["sql"] for q in first.captured_queries + deep.captured_queries
                   if "cop_platform_auditevent" in q["sql"])


def test_the_filter_is_kept_when_paging(world, client_for):
    add_events(world.a, PER_PAGE + 5, action="membership.added")
    add_events(world.a, 30, action="role.granted", start=timezone.now() - timedelta(hours=2))
    with scopes_disabled():
        AuditEvent.objects.filter(organisation=world.a.organisation, action="role.granted").update(
            target_label="Role change")
    client = client_for(world.a.admin)
    response = client.get(trail(world.a), {"action": "membership.added"})
    older = link(response, "next")
    assert "action=membership.added" in older
    second = client.get(trail(world.a) + older)
    assert len(labels(second)) == 5 and "Role change" not in second.content.decode()


@pytest.mark.parametrize("value", ["", "yesterday~12", "2026-11-30T10:00:00~abc", "2026-11-30T10:00:00~5",
                                   '"><script>alert(1)</script>~1', "9" * 5000])
def test_an_edited_or_hostile_position_gives_the_first_page(world, client_for, value):
    add_events(world.a, 3)
    response = client_for(world.a.admin).get(trail(world.a), {"older": value})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert len(labels(response)) >= 3


def test_a_position_past_the_end_shows_an_empty_page_not_an_error(world, client_for):
    add_events(world.a, 3)
    long_ago = (timezone.now() - timedelta(days=3650)).isoformat()
    response = client_for(world.a.admin).get(trail(world.a), {"older": f"{long_ago}~1"})
    assert response.status_code == 200 and "Nothing recorded yet." in response.content.decode()


def test_positions_hold_a_time_and_a_number_only(world):
    event = add_events(world.a, 1)[0]
    with scopes_disabled():
        event.refresh_from_db()
    cursor = cursor_of(event, "created_at")
    assert parse_cursor(cursor) == (event.created_at, event.pk)
    assert "Record" not in cursor and "@" not in cursor


def test_another_organisations_events_never_show(world, client_for):
    add_events(world.b, 5)
    with scopes_disabled():
        AuditEvent.objects.filter(organisation=world.b.organisation).update(target_label="Beta secret")
    response = client_for(world.a.admin).get(trail(world.a))
    assert "Beta secret" not in response.content.decode()
