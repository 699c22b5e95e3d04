"""Who may do what in evaluation. Builds on :mod:`cop_platform.permissions` and the community's own
predicates.

- evaluators and host staff (admins, project managers) work across communities: the evaluation home, the
  library of suggested indicators, each programme's set of value cycles, every community's evidence;
- a community's conveners and core group contribute for their community: its indicators and their values,
  its evidence;
- a community's members (and whoever its conveners opened its pages to) read its value page and its
  evidence; never another community's.
"""

from communities import permissions as community_permissions
from cop_platform.permissions import STAFF_ROLES
from cop_platform.tenancy.models import Role

EVALUATION_ROLES = (*STAFF_ROLES, Role.EVALUATOR)


def can_evaluate(tenant):
    """Evaluators and host staff: the evaluation home, suggested indicators, programmes' cycle sets."""
    return tenant is not None and tenant.has_role(*EVALUATION_ROLES)


def can_choose_indicators(tenant, membership):
    """The community's conveners and core group (and host staff) choose and record its indicators."""
    return community_permissions.can_run(tenant, membership)


def can_contribute_evidence(tenant, membership):
    """Conveners, core group, evaluators and host staff add, edit and delete a community's evidence."""
    return community_permissions.can_run(tenant, membership) or can_evaluate(tenant)
