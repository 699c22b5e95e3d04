"""``{% transform_links community %}``: "merged into X", "split into A, B", "split from Y" with links, for a
community's lifecycle page (the home's own tag, ``community_home_lifecycle``, adds the phase). Only
communities the viewer may see are named; one query."""

from django import template

from ..selectors import transform_links as _links

register = template.Library()


@register.inclusion_tag("programmes/_transform_links.html", takes_context=True)
def transform_links(context, community):
    request = context["request"]
    return {"links": _links(community=community, tenant=request.tenant), "community": community,
            "phase": None, "can_read": context.get("can_read"), "organisation": community.organisation}


@register.filter
def phase_label(key):
    """"3: Mature" for the phase key ``"mature"`` (Discover for an unknown key)."""
    from .. import rules

    found = rules.phase(key)
    return f"{found.number}: {found.name}"
