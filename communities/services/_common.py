"""Helpers shared by the community services."""

from django.core.exceptions import ValidationError

from cop_platform.tenancy.guards import same_tenant as _check_tenant  # noqa: F401  (the services' tenant check)

from ..models import Membership


def _member_or_none(community, user):
    if user is None:
        return None
    if not Membership.objects.filter(community=community, user=user).exists():
        raise ValidationError("That person is not a member of this community.")
    return user


def _standing(organisation, community, user):
    """``(role in the community or None, is host staff)`` for ``user``: what the rules in
    :mod:`communities.rules` need to know about the person acting."""
    from cop_platform.tenancy.models import OrganisationRole, Role

    role = Membership.objects.filter(community=community, user=user).values_list("role", flat=True).first()
    is_staff = bool(getattr(user, "is_superuser", False)) or OrganisationRole.objects.filter(
        organisation=organisation, user=user, role__in=(Role.ADMIN, Role.PROJECT_MANAGER)).exists()
    return role, is_staff


def _may_edit_contribution(organisation, community, by, *, author_ids, owner_id=None):
    """Refuse (PermissionDenied) unless ``by`` may edit or delete a journal entry, practice exchange or
    plan action: :func:`communities.rules.may_edit_contribution`."""
    from django.core.exceptions import PermissionDenied

    from .. import rules

    by_role, by_is_staff = _standing(organisation, community, by)
    if not rules.may_edit_contribution(by_role=by_role, by_is_staff=by_is_staff,
                                       is_author=by.pk in author_ids, is_owner=owner_id == by.pk):
        raise PermissionDenied("Only its author, the community's conveners or the host's staff can change this.")


def _changes(record, before, *, limit=200):
    """``{field: [before, after]}`` for the fields of ``record`` that changed, long texts shortened so the
    audit trail says what changed without copying a whole entry."""
    out = {}
    for name, old in before.items():
        new = getattr(record, name)
        if old != new:
            out[name] = [str(old)[:limit] if old is not None else None, str(new)[:limit] if new is not None else None]
    return out
