"""Answers remembered for one page: inside :meth:`Memo.kept_in` a value asked for again under the same key
is the first answer; outside such a block it is simply computed, so nothing outlives the page."""

from contextlib import contextmanager
from contextvars import ContextVar


class Memo:
    def __init__(self, name):
        self._store = ContextVar(name, default=None)

    @contextmanager
    def kept_in(self, store):
        """Within this block, answers are kept in ``store`` (a dict; ``None`` keeps nothing)."""
        token = self._store.set(store)
        try:
            yield
        finally:
            self._store.reset(token)

    def get(self, key, compute):
        """``compute()``, once per ``key`` within :meth:`kept_in`; every time outside it."""
        store = self._store.get()
        if store is None:
            return compute()
        if key not in store:
            store[key] = compute()
        return store[key]
