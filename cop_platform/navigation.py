"""The header navigation, shaped by the person's role in the current organisation."""

from dataclasses import dataclass

from django.urls import reverse

from cop_platform import permissions


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False


def navigation_for(request):
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return []
    org = tenant.organisation.slug
    items = [
        ("Home", reverse("tenant_home", kwargs={"org": org}), True),
        ("Communities", reverse("communities:directory", kwargs={"org": org}), True),
        ("State of play", reverse("community_host:state_of_play", kwargs={"org": org}), tenant.is_staff_role),
        ("Calls", reverse("conveners:calls", kwargs={"org": org}), True),
        ("People", reverse("tenant_people", kwargs={"org": org}), permissions.can_manage_people(tenant)),
        ("Audit trail", reverse("tenant_audit", kwargs={"org": org}), permissions.can_manage_people(tenant)),
        ("Settings", reverse("tenant_settings", kwargs={"org": org}), permissions.can_manage_people(tenant)),
    ]
    path = request.path
    result = []
    for text, href, allowed in items:
        if not allowed:
            continue
        current = path == href if text == "Home" else path.startswith(href)
        result.append(NavItem(text=text, href=href, current=current))
    return result
