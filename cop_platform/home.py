"""The panels of a core page (the organisation's home, a person's page), from what the apps register
(``cop_platform.registry``); each panel makes a few bounded queries.

Panels of one page often need the same rows (the organisation's communities counted by status and by
phase, the programmes running and open): :func:`shared` computes such a value once per page and hands it to
every panel that asks for it under the same key."""

from dataclasses import dataclass

from cop_platform import registry
from cop_platform.memo import Memo


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    template: str
    context: dict


_shared = Memo("home_shared")


def shared(key, compute):
    """``compute()``, once per page: panels of the same page asking for the same ``key`` get the first
    answer. Outside :func:`panels_for` (a panel called on its own) it simply computes."""
    return _shared.get(key, compute)


def panels_for(place, *args):
    """The panels of ``place`` that have something to show, in order, each with its context
    (``args``: ``tenant, user`` for the home page, ``tenant, member`` for a person's page)."""
    rendered = []
    with _shared.kept_in({}):
        for panel in registry.panels(place):
            context = panel.context(*args)
            if context is not None:
                rendered.append(RenderedPanel(key=panel.key, template=panel.template, context=context))
    return rendered
