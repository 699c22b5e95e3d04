"""The tenant a request works in, and who the person is there."""

from dataclasses import dataclass, field

from .models import Organisation, OrganisationMember, OrganisationRole, Role


@dataclass(frozen=True)
class Tenant:
    organisation: Organisation
    member: OrganisationMember | None
    roles: frozenset = field(default_factory=frozenset)
    is_platform_admin: bool = False

    def has_role(self, *roles):
        """True if the person holds any of ``roles`` here. Platform admins act as organisation admins."""
        if self.is_platform_admin and Role.ADMIN in roles:
            return True
        return bool(self.roles.intersection(roles))

    @property
    def is_staff_role(self):
        """Host staff who see and support every community: admins and project managers."""
        return self.has_role(Role.ADMIN, Role.PROJECT_MANAGER)

    @property
    def role_labels(self):
        labels = [Role(r).label for r in sorted(self.roles)]
        if self.is_platform_admin and Role.ADMIN not in self.roles:
            labels.insert(0, "Platform administrator")
        return labels


def _unread_notifications():
    """The person's unread notifications here, counted in the same query as their membership, so the
    header's count costs no query of its own."""
    from django.db.models import Count, OuterRef, Subquery

    from cop_platform.models import Notification

    unread = (Notification.objects.filter(organisation=OuterRef("organisation"), recipient=OuterRef("user"),
                                          read_at__isnull=True)
              .order_by().values("recipient").annotate(n=Count("pk")).values("n"))
    return Subquery(unread)


def load_tenant(organisation, user):
    """Resolve ``user``'s standing in ``organisation`` (call inside the organisation's scope).

    Returns ``None`` when the person may not see the organisation at all.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    member = (OrganisationMember.objects.filter(organisation=organisation, user=user)
              .annotate(unread_notifications=_unread_notifications()).first())
    is_platform_admin = bool(user.is_superuser)
    if member is None and not is_platform_admin:
        return None
    roles = frozenset(
        OrganisationRole.objects.filter(organisation=organisation, user=user).values_list("role", flat=True)
    )
    return Tenant(organisation=organisation, member=member, roles=roles, is_platform_admin=is_platform_admin)
