from django.conf import settings


def tenant(request):
    """The current tenant (or ``None``) and the navigation shaped by the person's role."""
    from cop_platform.navigation import navigation_for

    current = getattr(request, "tenant", None)
    return {
        "tenant": current,
        "organisation": getattr(request, "organisation", None),
        "navigation": navigation_for(request),
        "open_signup": getattr(settings, "CONVENE_OPEN_SIGNUP", False),
    }
