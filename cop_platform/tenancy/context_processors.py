from django.conf import settings


def tenant(request):
    """The current tenant (or ``None``) and the navigation shaped by the person's role."""
    from cop_platform.navigation import navigation_for

    current = getattr(request, "tenant", None)
    user = getattr(request, "user", None)

    def several_organisations():
        """Whether "Switch organisation" means anything: counted with the membership on a tenant page,
        otherwise asked only when a page shows it."""
        from cop_platform.tenancy.selectors import organisations_for_user

        counted = getattr(current, "organisation_count", None)
        if counted is not None:
            return counted > 1

        return user is not None and organisations_for_user(user)[:2].count() > 1

    return {
        "several_organisations": several_organisations,
        "tenant": current,
        "organisation": getattr(request, "organisation", None),
        "navigation": navigation_for(request),
        "open_signup": getattr(settings, "CONVENE_OPEN_SIGNUP", False),
    }
