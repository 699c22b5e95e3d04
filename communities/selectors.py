"""Reads for communities, shaped so a page's query count does not grow with the data."""

from django.db.models import Count, Prefetch, Q

from cop_platform import permissions

from .models import CONVENING_ROLES, Community, Membership


def _conveners_prefetch():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role__in=CONVENING_ROLES).select_related("user").order_by("role", "user__last_name"),
        to_attr="convener_memberships",
    )


def communities_visible_to(tenant):
    """Every community this person may see in the current organisation."""
    qs = Community.objects.filter(organisation=tenant.organisation)
    if permissions.can_see_all_communities(tenant):
        return qs
    user = tenant.member.user if tenant.member else None
    return qs.filter(Q(visibility="listed") | Q(memberships__user=user)).distinct()


def community_directory(tenant, *, query="", status=""):
    qs = communities_visible_to(tenant)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(domain_statement__icontains=query))
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("organisation")
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(_conveners_prefetch())
        .order_by("name")
    )


def community_for_home(*, organisation, slug):
    return (
        Community.objects.filter(organisation=organisation, slug=slug)
        .select_related("organisation")
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(_conveners_prefetch())
        .first()
    )


def memberships_of(*, organisation, user):
    return (
        Membership.objects.filter(organisation=organisation, user=user)
        .select_related("community__organisation")
        .order_by("community__name")
    )
