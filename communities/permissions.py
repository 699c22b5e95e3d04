"""Community permission predicates, built on :mod:`cop_platform.permissions`.

Views call these; templates read the booleans the views pass. Unlisted communities are "not found" to
people outside them (404); a page the person may see but an action they may not take is 403.
"""

from cop_platform import permissions as core
from cop_platform.tenancy.models import Role

from . import rules


def can_view(tenant, community, membership):
    return core.can_view_community(tenant, community, membership)


def can_convene(tenant, membership):
    """Conveners and co-conveners shape the community and invite people; the host's admins and project
    managers support every community and may act for it too."""
    if membership is not None and membership.is_convening:
        return True
    return tenant is not None and tenant.is_staff_role


def can_ask_to_join(tenant, community, membership):
    return (tenant is not None and tenant.member is not None and membership is None
            and community.open_to_join and community.is_listed and community.status != "closed")


def can_run(tenant, membership):
    """The core group shares the running of the community with its conveners: agendas, notes, the record
    of meetings and the momentum plan."""
    if membership is not None and (membership.is_convening or membership.role == "core_group"):
        return True
    return tenant is not None and tenant.is_staff_role


def _by(tenant, membership):
    return {"by_role": membership.role if membership is not None else None,
            "by_is_staff": tenant is not None and tenant.is_staff_role}


def can_change_role(tenant, membership, member, new):
    """May the person (``membership`` their own, or None) move ``member`` to role ``new`` (None: remove)?"""
    return rules.may_change_role(**_by(tenant, membership), current=member.role, new=new)


def roles_offered(tenant, membership, member):
    return rules.roles_offered(**_by(tenant, membership), current=member.role)


def can_read_content(tenant, community, membership):
    """The members-only pages of a community (directory, journal, meetings, library, plan): members, host
    staff and evaluators, or everyone who may see the community when its conveners opened them."""
    return rules.may_read_content(
        is_member=membership is not None, is_staff=tenant is not None and tenant.is_staff_role,
        is_evaluator=tenant is not None and tenant.has_role(Role.EVALUATOR),
        opened_to_organisation=community.content_open)


def can_edit_contribution(tenant, membership, *, author_ids, owner_id=None, user=None):
    """May ``user`` edit or delete a journal entry, practice exchange or plan action whose authors are
    ``author_ids`` (and whose owner is ``owner_id``, for an action)?"""
    user_id = getattr(user, "pk", None)
    return rules.may_edit_contribution(**_by(tenant, membership),
                                       is_author=user_id is not None and user_id in author_ids,
                                       is_owner=user_id is not None and owner_id == user_id)
