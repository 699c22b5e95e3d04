"""The header navigation, shaped by the person's role in the current organisation and assembled from
the items the apps register (``cop_platform.registry``)."""

from dataclasses import dataclass

from django.urls import reverse

from cop_platform import registry


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
    path = request.path
    result = []
    for item in registry.navigation_items():
        if not item.allowed(tenant):
            continue
        href = reverse(item.url_name, kwargs={"org": org})
        current = path == href if item.exact else path.startswith(href)
        result.append(NavItem(text=item.text, href=href, current=current))
    return result
