"""Community permission predicates, built on :mod:`cop_platform.permissions`.

Views call these; templates read the booleans the views pass. Unlisted communities are "not found" to
people outside them (404); a page the person may see but an action they may not take is 403.
"""

from cop_platform import permissions as core


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
