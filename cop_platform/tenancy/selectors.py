"""Reads across tenants, on purpose and only for the person asking."""

from .models import Organisation


def organisations_for_user(user):
    """The host organisations ``user`` belongs to (platform admins: all of them)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(members__user=user).distinct()
