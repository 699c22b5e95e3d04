"""Services for membership: adding people, their profile and role, removing and leaving."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cop_platform.audit import audit_record
from cop_platform.tenancy.models import OrganisationMember
from cop_platform.tenancy.services import organisation_member_ensure

from .. import rules
from ..models import CONVENING_ROLES, Membership, MembershipRole
from ._common import _check_tenant, _standing


@transaction.atomic
def membership_add(*, organisation, community, user, role=MembershipRole.MEMBER, employer=None, profession=None,
                   role_title=None):
    """Add ``user`` to ``community`` (or change their role). The person becomes a member of the host
    organisation too. A new member's organisation, profession and role title start from what is known
    about them. Refuses a community of another organisation: scopes do not guard ``create()``."""
    if community.organisation_id != organisation.pk:
        raise ValidationError("That community belongs to another organisation.")
    org_member = organisation_member_ensure(organisation=organisation, user=user)
    membership = Membership.objects.filter(community=community, user=user).first()
    if membership is None:
        if employer is None:
            if org_member.member_organisation_id:
                org_member = OrganisationMember.objects.select_related("member_organisation").get(pk=org_member.pk)
            employer = org_member.employer_name or ""
        membership = Membership.objects.create(
            organisation=organisation, community=community, user=user, role=role,
            employer=(employer or "")[:200],
            profession=(profession if profession is not None else user.profession or "")[:150],
            role_title=(role_title if role_title is not None else user.job_title or "")[:200],
        )
        return membership
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def _convening_count(community, *, excluding=None):
    qs = Membership.objects.filter(community=community, role__in=CONVENING_ROLES)
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return qs.count()


def _keep_a_convener(membership, *, new_role=None):
    """A community always keeps at least one convener or co-convener: the last one may not leave, be
    removed or step down until someone else convenes."""
    if membership.role in CONVENING_ROLES and (new_role is None or new_role not in CONVENING_ROLES):
        if _convening_count(membership.community, excluding=membership) == 0:
            raise ValidationError("A community needs at least one convener. Make someone else a convener first.")


def _may_change(organisation, by, membership, *, new):
    by_role, by_is_staff = _standing(organisation, membership.community, by)
    if not rules.may_change_role(by_role=by_role, by_is_staff=by_is_staff, current=membership.role, new=new):
        if membership.role == MembershipRole.CONVENER:
            raise PermissionDenied("Only a convener or the host's staff can change or remove a convener.")
        if new == MembershipRole.CONVENER:
            raise PermissionDenied("Only a convener or the host's staff can make someone a convener.")
        raise PermissionDenied("Only the community's conveners can change roles.")


@transaction.atomic
def membership_profile_update(*, organisation, by, membership, employer, profession, sector, role_title, shares,
                              wants_to_learn):
    """A member edits their own profile in the community."""
    _check_tenant(organisation, membership)
    if membership.user_id != by.pk:
        raise PermissionDenied("You can only edit your own profile.")
    membership.employer = employer.strip()
    membership.profession = profession.strip()
    membership.sector = sector
    membership.role_title = role_title.strip()
    membership.shares = shares.strip()
    membership.wants_to_learn = wants_to_learn.strip()
    membership.full_clean(exclude=["organisation", "community", "user"])
    membership.save()
    return membership


@transaction.atomic
def membership_role_change(*, organisation, by, membership, role, working_role=""):
    """A convener changes a member's role (convener, co-convener, core group, member) and working role,
    within what :func:`communities.rules.may_change_role` allows them."""
    _check_tenant(organisation, membership)
    membership = Membership.objects.select_for_update().select_related("community").get(pk=membership.pk)
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose a role."})
    _may_change(organisation, by, membership, new=role)
    _keep_a_convener(membership, new_role=role)
    before = {"role": membership.role, "working_role": membership.working_role}
    membership.role = role
    membership.working_role = working_role or ""
    membership.full_clean(exclude=["organisation", "community", "user"])
    membership.save(update_fields=["role", "working_role"])
    changes = {k: [before[k], getattr(membership, k)] for k in before if before[k] != getattr(membership, k)}
    if changes:
        audit_record(organisation=organisation, actor=by, action="membership.role_changed", target=membership,
                     changes=changes)
    return membership


@transaction.atomic
def membership_remove(*, organisation, by, membership):
    """A convener removes a member from the community (only a convener or host staff removes a convener)."""
    _check_tenant(organisation, membership)
    membership = Membership.objects.select_for_update().select_related("community", "user").get(pk=membership.pk)
    _may_change(organisation, by, membership, new=None)
    _keep_a_convener(membership)
    audit_record(organisation=organisation, actor=by, action="membership.removed", target=membership)
    membership.delete()


@transaction.atomic
def membership_leave(*, organisation, by, membership):
    """A member leaves the community."""
    _check_tenant(organisation, membership)
    if membership.user_id != by.pk:
        raise PermissionDenied("You can only leave for yourself.")
    membership = Membership.objects.select_for_update().select_related("community", "user").get(pk=membership.pk)
    _keep_a_convener(membership)
    audit_record(organisation=organisation, actor=by, action="membership.left", target=membership)
    membership.delete()
