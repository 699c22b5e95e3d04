"""Who may do what with calls for conveners. Builds on :mod:`cop_platform.permissions`.

- host admins and project managers run calls (set up, assign, rank, decide, release, pay);
- panel members see only their own assignments, never each other's scores nor a conflicted application;
- applicants see only their own applications, never reviewers' names or raw scores;
- everyone in the organisation reads a call once it is out of draft.
"""

from cop_platform.permissions import STAFF_ROLES
from cop_platform.tenancy.models import Role

from .models import CallStatus


def can_manage_calls(tenant):
    return tenant is not None and tenant.has_role(*STAFF_ROLES)


def can_view_call(tenant, call):
    return tenant is not None and (call.status != CallStatus.DRAFT or can_manage_calls(tenant))


def can_review(tenant):
    return tenant is not None and tenant.has_role(Role.PANEL_MEMBER)


def can_view_application(tenant, user, application):
    """The applicant and host staff. (Reviewers read an application through their assignment.)"""
    return application.applicant_id == user.pk or can_manage_calls(tenant)


def is_applicant(user, application):
    return application.applicant_id == user.pk


def can_open_assignment(user, assignment):
    """A reviewer opens only their own assignment, and not one with a conflict of interest."""
    return assignment.reviewer_id == user.pk and not assignment.conflict
