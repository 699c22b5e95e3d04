"""The panels of a core page (the organisation's home, a person's page), from what the apps register
(``cop_platform.registry``); each panel makes a few bounded queries."""

from dataclasses import dataclass

from cop_platform import registry


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    template: str
    context: dict


def panels_for(place, *args):
    """The panels of ``place`` that have something to show, in order, each with its context
    (``args``: ``tenant, user`` for the home page, ``tenant, member`` for a person's page)."""
    rendered = []
    for panel in registry.panels(place):
        context = panel.context(*args)
        if context is not None:
            rendered.append(RenderedPanel(key=panel.key, template=panel.template, context=context))
    return rendered
