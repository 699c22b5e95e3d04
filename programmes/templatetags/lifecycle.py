"""``{% transform_links community %}``: "merged into X", "split into A, B", "split from Y" with links, for a
community's home (communities app) and its lifecycle page. Only communities the viewer may see are named;
two queries."""

from django import template

from ..selectors import transform_links as _links

register = template.Library()


@register.inclusion_tag("programmes/_transform_links.html", takes_context=True)
def transform_links(context, community, show_phase=False):
    """With ``show_phase`` (the community home), the community's phase too, linked to its lifecycle page
    for those who may read it (one query more)."""
    from .. import rules
    from ..services import current_phase

    request = context["request"]
    return {"links": _links(community=community, tenant=request.tenant), "community": community,
            "phase": rules.phase(current_phase(community)) if show_phase else None,
            "can_read": context.get("can_read"), "organisation": community.organisation}


@register.filter
def phase_label(key):
    """"3: Mature" for the phase key ``"mature"`` (Discover for an unknown key)."""
    from .. import rules

    found = rules.phase(key)
    return f"{found.number}: {found.name}"
