from django import template

from communities.navigation import community_nav as nav_items

register = template.Library()


@register.inclusion_tag("communities/_nav.html", takes_context=True)
def community_nav(context):
    """``{% community_nav %}``: the community's own navigation, for the page being rendered."""
    community = context["community"]
    return {"community": community, "items": nav_items(request=context["request"], community=community,
                                                       can_convene=bool(context.get("can_convene")),
                                                       can_read=bool(context.get("can_read", True)))}
