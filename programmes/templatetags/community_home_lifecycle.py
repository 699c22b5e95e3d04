"""``{% community_home_lifecycle community %}``: on a community's home (communities app), its phase and its
transform links ("merged into X", "split into A, B", "split from Y"), as ``{% transform_links community
show_phase=True %}`` shows them, in one query: the phase comes annotated on the community the page loaded
(``phase``, :func:`programmes.selectors.phase_annotation`), the links in both directions from one query.
Only communities the viewer may see are named."""

from django import template

register = template.Library()


def home_transform_links(*, community, tenant):
    """:func:`programmes.selectors.transform_links`, in one query: the links of ``community``'s own
    outcomes (split into, merged into) and the links to it from others' outcomes (split from, joined by),
    each outcome not withdrawn, the other community visible to the viewer, ordered by its name."""
    from django.db.models import Case, F, Q, When

    from communities.selectors import communities_visible_to

    from ..models import OutcomeLink

    visible = communities_visible_to(tenant).values("pk")
    other_name = Case(When(outcome__community=community, then=F("community__name")),
                      default=F("outcome__community__name"))
    rows = list(OutcomeLink.objects.filter(outcome__withdrawn_at__isnull=True)
                .filter(Q(outcome__community=community, community__in=visible)
                        | Q(community=community, outcome__community__in=visible))
                .select_related("community__organisation", "outcome__community__organisation")
                .order_by(other_name, "pk"))
    outgoing = [link for link in rows if link.outcome.community_id == community.pk]
    incoming = [link.outcome for link in rows if link.community_id == community.pk]
    return {
        "split_into": [link.community for link in outgoing if link.outcome.kind == "split"],
        "merged_into": [link.community for link in outgoing if link.outcome.kind == "merged"],
        "split_from": [o.community for o in incoming if o.kind == "split"],
        "merged_from": [o.community for o in incoming if o.kind == "merged"],
    }


@register.inclusion_tag("programmes/_transform_links.html", takes_context=True)
def community_home_lifecycle(context, community):
    from .. import rules
    from ..services import current_phase

    request = context["request"]
    phase = getattr(community, "phase", None) or current_phase(community)
    return {"links": home_transform_links(community=community, tenant=request.tenant), "community": community,
            "phase": rules.phase(phase), "can_read": context.get("can_read"),
            "organisation": community.organisation}
