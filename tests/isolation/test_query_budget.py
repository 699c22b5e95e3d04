"""The query budget: every tenant GET page, as each kind of person it is for, makes at most ``BUDGET`` SQL
queries, and the same number with 2 and with 20 of everything (no query per row listed or counted).

It reuses the crawler's tables: every URL pattern under ``/<org>/`` (``test_crawler.TENANT_URLS``), its
records (``access.url_arguments``) and who is let in (``test_refusals.expected``). Each app's access table
has a ``grow(tenant, community=..., n=...)`` next to its ``url_arguments`` that adds ``n`` of every record
kind its pages list or count; the test grows the crawler's tenant and listed community by 2, measures every
page, grows it to 20 and measures again. A page that answers GET with anything but 200 (a POST-only
action's 405, a redirect) is not a page to budget. Failures list every offending page with its counts,
and for a count that grows, the SQL run more often. The ``outside`` group measures the pages outside the
tenant a signed-in person opens often (``/`` and the calendar feeds).
"""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.isolation.access import ACCESS, grow
from tests.isolation.test_crawler import TENANT_URLS, _reverse
from tests.isolation.test_refusals import ALLOW, _as, cast, expected

BUDGET = 12
SMALL, LARGE = 2, 20

# Each distinct view of a page: host staff (the admin; project managers see what admins see), the
# convener, the core group, a plain member, the real applicant (no role, no community), a panel member and
# an evaluator.
VIEWERS = ("admin", "convener", "core_group", "member", "applicant", "panel_member", "evaluator")

# The pages measured in one test each (so ``-n 2`` spreads them), by the start of their URL name.
GROUPS = {
    "communities": ("communities:", "community_host:"),
    "conversations": ("communities:conversation",),
    "conveners": ("conveners:",),
    "programmes": ("programmes:",),
    "evaluation": ("evaluation:",),
}


def _group_of(name):
    found = "core"
    for group, prefixes in GROUPS.items():
        if name.startswith(prefixes):
            found = group  # the longest prefixes (conversations) come after the ones they extend
    return found


def _pages(group, world):
    """(label, url, viewer name) of every page of ``group`` for every viewer it lets in."""
    pages = []
    for name, route in TENANT_URLS:
        if _group_of(name) != group:
            continue
        url = _reverse(name, route, world.a, world.a.community)
        for who in VIEWERS:
            if expected(ACCESS[name], who) == ALLOW:
                pages.append((name, url, who))
    return pages


def _outside_pages(world, people):
    """The pages outside the tenant a signed-in person opens often: ``/`` (their organisations; a redirect
    for a person of one organisation, so not budgeted then) and their calendar feeds, personal and of the
    listed community (polled by calendar programs: the token names the person)."""
    from django.urls import reverse

    from cop_platform.calendar.services import calendar_feed_issue

    pages = []
    for who in VIEWERS:
        token = calendar_feed_issue(user=people[who])
        pages += [("home", reverse("home"), who),
                  ("calendar_feed", reverse("calendar_feed", kwargs={"token": token}), who)]
        if who in ("convener", "core_group", "member"):
            pages.append(("community_calendar_feed", reverse("community_calendar_feed", kwargs={
                "token": token, "community_id": world.a.community.pk}), who))
    return pages


def _count(client, url):
    """The status and the queries of a GET of ``url``, a streamed body (files, CSV) read to its end."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return response.status_code, context.captured_queries


def _measure(client, people, pages, *, warm):
    """``{(name, who): (status, queries)}``; ``warm``: request each page once first, so a per-process or
    cached value filled on a first visit (and kept afterwards) is not counted as the page's cost."""
    counts = {}
    for name, url, who in pages:
        signed_in = _as(client, people[who])
        if warm:
            signed_in.get(url)
        counts[(name, who)] = _count(signed_in, url)
    return counts


def _problems(small, large):
    """Two lists of lines: the pages whose count grows with the data (each followed by the SQL it runs
    more often), and the pages over the budget."""
    over, growing = [], []
    for (name, who), (status, queries) in small.items():
        if status != 200:
            continue
        large_status, large_queries = large[(name, who)]
        label = f"{name} as {who}: {len(queries)} queries with {SMALL}, {len(large_queries)} with {LARGE}"
        if large_status != status:
            growing.append(f"{name} as {who}: answers {status} with {SMALL}, {large_status} with {LARGE}")
        elif len(large_queries) != len(queries):
            growing += [label, *_more_queries(queries, large_queries)]
        if max(len(queries), len(large_queries)) > BUDGET:
            over.append(label)
    return over, growing


def _more_queries(small, large):
    """The SQL the larger world runs more often than the smaller one (numbers and strings blanked out)."""
    def shapes(queries):
        return Counter(re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "'…'", query["sql"]))[:300] for query in queries)

    extra = shapes(large) - shapes(small)
    return [f"    {times} more: {sql}" for sql, times in extra.most_common(3)]


def _budget_test(world, client, group):
    people = cast(world)
    pages = _pages(group, world) if group != "outside" else _outside_pages(world, people)
    assert pages, f"no pages in group {group}"
    grow(world.a, community=world.a.community, n=SMALL)
    small = _measure(client, people, pages, warm=True)
    grow(world.a, community=world.a.community, n=LARGE - SMALL)
    large = _measure(client, people, pages, warm=False)
    # A count that changed may be a first visit after the growth refilling a cache: ask once more.
    urls = {(name, who): url for name, url, who in pages}
    for key, (_status, queries) in small.items():
        if len(large[key][1]) != len(queries):
            large[key] = _count(_as(client, people[key[1]]), urls[key])
    over, growing = _problems(small, large)
    message = []
    if growing:
        flat = sum(1 for line in growing if not line.startswith(" "))
        message.append(f"{flat} page(s) make a different number of queries with {LARGE} of everything than "
                       f"with {SMALL}:\n" + "\n".join(growing))
    if over:
        message.append(f"{len(over)} page(s) over the budget of {BUDGET} queries:\n" + "\n".join(over))
    if message:
        pytest.fail("\n\n".join(message), pytrace=False)


@pytest.mark.parametrize("group", [*GROUPS, "core", "outside"])
def test_every_page_keeps_to_the_query_budget_as_the_data_grows(world, client, group):
    _budget_test(world, client, group)


def test_every_tenant_page_is_in_a_group():
    groups = {_group_of(name) for name, _ in TENANT_URLS}
    assert groups == {*GROUPS, "core"}
