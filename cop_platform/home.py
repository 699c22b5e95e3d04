"""The panels of a core page (the organisation's home, a person's page), from what the apps register
(``cop_platform.registry``); each panel makes a few bounded queries.

Panels of one page often need the same rows (the organisation's communities counted by status and by
phase, the programmes running and open): :func:`shared` computes such a value once per page and hands it to
every panel that asks for it under the same key."""

from contextvars import ContextVar
from dataclasses import dataclass

from cop_platform import registry


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    template: str
    context: dict


_shared = ContextVar("home_shared", default=None)


def shared(key, compute):
    """``compute()``, once per page: panels of the same page asking for the same ``key`` get the first
    answer. Outside :func:`panels_for` (a panel called on its own) it simply computes."""
    memo = _shared.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def panels_for(place, *args):
    """The panels of ``place`` that have something to show, in order, each with its context
    (``args``: ``tenant, user`` for the home page, ``tenant, member`` for a person's page)."""
    rendered = []
    token = _shared.set({})
    try:
        for panel in registry.panels(place):
            context = panel.context(*args)
            if context is not None:
                rendered.append(RenderedPanel(key=panel.key, template=panel.template, context=context))
    finally:
        _shared.reset(token)
    return rendered
