"""The tenant a request works in, and who the person is there."""

from dataclasses import dataclass, field

from .models import Organisation, OrganisationMember, OrganisationRole, Role


@dataclass(frozen=True)
class Tenant:
    organisation: Organisation
    member: OrganisationMember | None
    roles: frozenset = field(default_factory=frozenset)
    is_platform_admin: bool = False
    organisation_count: int | None = None  # of the person's organisations, when counted with the membership
    # The change versions this standing was checked against (cop_platform.pagecache), when it was.
    versions: tuple | None = field(default=None, compare=False)

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


def _role_flag(role):
    return f"has_role_{role}"


def _membership_with_standing(slug, user):
    """The person's membership of the organisation ``slug``, with the organisation, their roles there (one
    ``Exists`` per role), their unread notifications, how many organisations they belong to and whether the
    mail server is in fault (the admins' banner), in ONE query; ``None`` when they are not a member (or
    there is no such organisation).

    Filtered on both the slug and the person, so it runs before any tenant scope exists."""
    from django.db.models import Count, Exists, OuterRef, Subquery
    from django_scopes import scopes_disabled

    from cop_platform.email.server import mail_server_down

    with scopes_disabled():
        role_flags = {
            _role_flag(role): Exists(OrganisationRole.objects.filter(
                organisation=OuterRef("organisation"), user=OuterRef("user"), role=role))
            for role in Role.values
        }
        # One membership row per organisation (unique constraint), so counting rows counts organisations.
        organisations = (OrganisationMember.objects.filter(user=OuterRef("user"))
                         .order_by().values("user").annotate(n=Count("pk")).values("n"))
        return (OrganisationMember.objects.filter(organisation__slug=slug, user=user)
                .select_related("organisation")
                .annotate(unread_notifications=_unread_notifications(), organisation_count=Subquery(organisations),
                          mail_server_down=mail_server_down(), **role_flags)
                .first())


def _member_tenant(slug, user):
    member = _membership_with_standing(slug, user)
    if member is None:
        return None
    roles = frozenset(role for role in Role.values if getattr(member, _role_flag(role)))
    return Tenant(organisation=member.organisation, member=member, roles=roles,
                  is_platform_admin=bool(user.is_superuser),
                  # Platform admins switch between every organisation, not only their own.
                  organisation_count=None if user.is_superuser else member.organisation_count or 0)


def resolve_tenant(slug, user):
    """The organisation ``slug`` and ``user``'s standing there, for the tenant middleware.

    Returns ``(organisation, tenant)``: ``(None, None)`` for an unknown organisation; ``tenant`` is
    ``None`` for anonymous people and those who may not see the organisation. A member costs one query
    (see :func:`_membership_with_standing`), none while nothing changed since it was kept
    (``pagecache.kept_standing``); everyone else pays the organisation's query (and platform admins
    :func:`load_tenant`'s, in the organisation's scope).
    """
    from django_scopes import scope

    if user.is_authenticated and user.is_active:
        from cop_platform import pagecache

        tenant = pagecache.kept_standing(slug, user.pk, lambda: _member_tenant(slug, user))
        if tenant is not None:
            tenant.member.user = user  # the same person: reading ``member.user`` costs no query
            return tenant.organisation, tenant
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not user.is_authenticated or not user.is_superuser:
        return organisation, None
    with scope(organisation=organisation):
        return organisation, load_tenant(organisation, user)


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
