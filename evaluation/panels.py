"""The evaluation home's extension slot: other parts of evaluation (stories waiting for re-coding or
approval, reports building) register a panel here and it appears on ``/<org>/evaluation/`` without
anyone editing its template.

A panel is a template and ``context(tenant, user)`` returning a dict (read as ``panel``) or ``None`` to
show nothing; it must make a small, fixed number of queries. Registering a key again replaces it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvaluationPanel:
    key: str
    template: str
    context: Callable
    order: int = 100


_panels: dict[str, EvaluationPanel] = {}


def register_evaluation_panel(key, *, template, context, order=100):
    _panels[key] = EvaluationPanel(key=key, template=template, context=context, order=order)


def unregister(key):
    _panels.pop(key, None)


def rendered_panels(tenant, user):
    """``[(panel, context)]`` for the panels that have something to show, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(tenant, user)
        if context is not None:
            shown.append((panel, context))
    return shown
