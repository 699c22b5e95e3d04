"""What communities add to the organisation's home page and header (registered in
``CommunitiesConfig.ready()``): your communities, and for people who see every community, how many there
are in each status (two queries at most); on an admin's page of a person, their communities here."""

from django.db.models import Count

from cop_platform import permissions

from . import selectors
from .models import Community, CommunityStatus, Membership


def home_panel(tenant, user):
    organisation = tenant.organisation
    panel = {"memberships": list(selectors.memberships_of(organisation=organisation, user=user))}
    if permissions.can_see_all_communities(tenant):
        counts = dict(
            Community.objects.filter(organisation=organisation)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        panel["status_counts"] = [(label, counts.get(value, 0)) for value, label in CommunityStatus.choices]
        panel["community_total"] = sum(counts.values())
    return panel


def person_panel(tenant, member):
    """An admin's page of one person: their communities in this organisation."""
    memberships = (Membership.objects.filter(organisation=tenant.organisation, user=member.user)
                   .select_related("community__organisation").order_by("community__name"))
    return {"memberships": list(memberships)}


def _is_staff_role(tenant):
    return tenant.is_staff_role


def register():
    from cop_platform import registry

    registry.register_home_panel("communities.yours", template="communities/_home_panel.html", context=home_panel,
                                 order=50)
    registry.register_panel(registry.PERSON, "communities.person", template="communities/_person_panel.html",
                            context=person_panel, order=50)
    registry.register_navigation_item("communities.directory", text="Communities", url_name="communities:directory",
                                      order=20)
    registry.register_navigation_item("communities.state_of_play", text="State of play",
                                      url_name="community_host:state_of_play", allowed=_is_staff_role, order=30)
