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


class TaskLedger:
    """Counts the Celery tasks published and finished in this process (the test's worker is a thread
    here): ``settled()`` is true once something has run and every task published has finished — the
    moment to count what duplicates did, instead of sleeping and hoping they are done. A task that
    enqueues another publishes it before it finishes itself, so a chain is followed to its end."""

    def __init__(self):
        import threading
        from collections import Counter

        self.published, self.finished = Counter(), Counter()
        self._lock = threading.Lock()

    def _on_publish(self, sender=None, **kwargs):
        with self._lock:
            self.published[sender] += 1

    def _on_finish(self, sender=None, **kwargs):
        with self._lock:
            self.finished[sender.name] += 1

    def settled(self):
        with self._lock:
            return bool(self.finished) and all(self.finished[name] >= n for name, n in self.published.items())

    def __enter__(self):
        from celery.signals import after_task_publish, task_postrun

        after_task_publish.connect(self._on_publish, weak=False)
        task_postrun.connect(self._on_finish, weak=False)
        return self

    def __exit__(self, *exc):
        from celery.signals import after_task_publish, task_postrun

        after_task_publish.disconnect(self._on_publish)
        task_postrun.disconnect(self._on_finish)


def work_callbacks(callbacks):
    """The commit callbacks that do work (tasks, e-mail), without the page cache's version moves
    (cop_platform/pagecache.py registers one per organisation a transaction writes)."""
    return [callback for callback in callbacks if not getattr(callback, "pagecache_scope", None)]
