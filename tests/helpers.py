"""Test helpers every feature reuses."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fn):
    """Run ``fn()`` and return (result, number of database queries it made)."""
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, len(ctx.captured_queries)


def assert_queries_flat(client, url, grow, *, status=200):
    """Request ``url``, call ``grow()`` to add data, request it again: the query count must not change.

    Returns the two counts so a test can also bound them.
    """
    response, before = count_queries(lambda: client.get(url))
    assert response.status_code == status, response.status_code
    grow()
    response, after = count_queries(lambda: client.get(url))
    assert response.status_code == status, response.status_code
    assert after == before, f"{url}: {before} queries before growing the data, {after} after"
    return before, after


def wait_for(predicate, timeout=20, interval=0.1):
    """Poll ``predicate()`` until it is true (returns True) or ``timeout`` seconds pass (returns False):
    for tests that wait on a real Celery worker."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
