"""What the feature apps contribute to the core's pages, registered in each app's ``AppConfig.ready()``.

The core imports no feature app: its home page and header navigation are assembled from this registry.

- A **panel** is a template and a function returning that template's context as a dict (or ``None`` when
  the panel has nothing to show). The template reads it as ``panel``. Panels go to a place: ``HOME``
  (the organisation's home; ``context(tenant, user)``) or ``PERSON`` (an admin's page of one person in
  the organisation; ``context(tenant, member)``). The function must make a small, fixed number of
  queries, whatever the data's size: the page's query count is the sum of its panels'.
- ``MY_WORK`` is a place too: a person's own page across the organisation (``context(tenant, user)``).
- A **calendar source** (``register_calendar_source``) gives a person's calendar feed its events:
  ``rows(people, since)`` returns querysets shaped by ``cop_platform.calendar.feeds.feed_rows`` (filtered to
  ``people``, a subquery of one user id), and ``entry(row)`` turns one of its rows into a ``CalendarEntry``.
- A **navigation item** is a text, a URL name (reversed with ``org``), a predicate ``allowed(tenant)``
  and an order; ``exact`` marks an item that is current only on its own page (not on pages below it).

Registering the same key again replaces the earlier entry, so a module reloaded in tests does not add
twice.
"""

from collections.abc import Callable
from dataclasses import dataclass

HOME = "home"
PERSON = "person"
MY_WORK = "my_work"


@dataclass(frozen=True)
class Panel:
    place: str
    key: str
    template: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class NavigationItem:
    key: str
    text: str
    url_name: str
    allowed: Callable = lambda tenant: True
    order: int = 100
    exact: bool = False


_panels: dict[str, Panel] = {}
_navigation: dict[str, NavigationItem] = {}
_calendar_sources: dict[str, "CalendarSource"] = {}


@dataclass(frozen=True)
class CalendarSource:
    kind: str
    rows: Callable
    entry: Callable
    narrower_feeds: Callable | None = None


def register_calendar_source(kind, *, rows, entry, narrower_feeds=None):
    """``narrower_feeds(user)``, if given, lists ``(name, url_name, kwargs)`` of feeds narrower than the
    person's own (a community's), shown with their feed URL; ``kwargs`` leave out ``token``."""
    _calendar_sources[kind] = CalendarSource(kind=kind, rows=rows, entry=entry, narrower_feeds=narrower_feeds)


def calendar_sources():
    return [_calendar_sources[kind] for kind in sorted(_calendar_sources)]


def register_panel(place, key, *, template, context, order=100):
    if place not in (HOME, PERSON, MY_WORK):
        raise ValueError(f"Unknown place for a panel: {place!r}")
    _panels[key] = Panel(place=place, key=key, template=template, context=context, order=order)


def register_home_panel(key, *, template, context, order=100):
    register_panel(HOME, key, template=template, context=context, order=order)


def register_navigation_item(key, *, text, url_name, allowed=lambda tenant: True, order=100, exact=False):
    _navigation[key] = NavigationItem(key=key, text=text, url_name=url_name, allowed=allowed, order=order,
                                      exact=exact)


def unregister(key):
    """Take a panel or navigation item out again (tests that register their own)."""
    _panels.pop(key, None)
    _navigation.pop(key, None)


def panels(place):
    return sorted((p for p in _panels.values() if p.place == place), key=lambda panel: (panel.order, panel.key))


def navigation_items():
    return sorted(_navigation.values(), key=lambda item: (item.order, item.key))
