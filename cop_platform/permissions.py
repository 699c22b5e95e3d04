"""Every permission check goes through here: views call these, templates read ``tenant``.

"Missing" and "forbidden" are answered alike where the thing itself must not leak (404); a page the
person knows exists in their own organisation but may not use answers 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from cop_platform.tenancy.models import Role


def require_role(*roles):
    """View decorator: the person must hold one of ``roles`` in the current organisation."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            tenant = getattr(request, "tenant", None)
            if tenant is None or not tenant.has_role(*roles):
                raise PermissionDenied("You do not have a role here that allows this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


STAFF_ROLES = (Role.ADMIN, Role.PROJECT_MANAGER)


def can_see_all_communities(tenant):
    """Host admins and project managers see and support every community of the organisation;
    evaluators read across communities to collect evidence."""
    return tenant is not None and tenant.has_role(Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR)


def can_view_community(tenant, community, membership):
    """Listed communities are visible to everyone in the organisation; unlisted ones only to their
    members and to host staff."""
    if tenant is None:
        return False
    if community.is_listed or membership is not None:
        return True
    return can_see_all_communities(tenant)


def can_manage_people(tenant):
    return tenant is not None and tenant.has_role(Role.ADMIN)
