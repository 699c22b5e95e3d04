"""``{% community_home_lifecycle community %}``: on a community's home (communities app), its phase and its
transform links ("merged into X", "split into A, B", "split from Y"), in one query: the phase comes
annotated on the community the page loaded (``phase``, :func:`programmes.selectors.phase_annotation`), the
links from :func:`programmes.selectors.transform_links`. Only communities the viewer may see are named."""

from django import template

register = template.Library()


@register.inclusion_tag("programmes/_transform_links.html", takes_context=True)
def community_home_lifecycle(context, community):
    from .. import rules
    from ..selectors import transform_links
    from ..services import current_phase

    request = context["request"]
    phase = getattr(community, "phase", None) or current_phase(community)
    return {"links": transform_links(community=community, tenant=request.tenant), "community": community,
            "phase": rules.phase(phase), "can_read": context.get("can_read"),
            "organisation": community.organisation}
