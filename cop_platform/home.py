"""What waits for a person on their organisation's home page, by role: a few bounded queries."""

from django.db.models import Count, Q
from django.utils import timezone

from cop_platform import permissions
from cop_platform.tenancy.models import Role


def work_for(tenant, user):
    """Cards for the tenant home: open calls for everyone, review assignments for panel members,
    calls in progress for host staff. Each list is short (at most five rows)."""
    from conveners.models import Application, ApplicationStatus, Assignment, AssignmentStatus, Call, CallStatus

    organisation = tenant.organisation
    now = timezone.now()
    cards = {
        "open_calls": list(
            Call.objects.filter(organisation=organisation, status=CallStatus.OPEN, opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at")[:5]
        ),
        "my_applications": list(
            Application.objects.filter(organisation=organisation, applicant=user)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .select_related("call").order_by("-updated_at")[:5]
        ),
    }
    if tenant.has_role(Role.PANEL_MEMBER):
        cards["reviews"] = list(
            Assignment.objects.filter(organisation=organisation, reviewer=user)
            .exclude(call__status=CallStatus.DECIDED)
            .values("call__slug", "call__title")
            .annotate(
                waiting=Count("id", filter=Q(conflict="") & ~Q(status=AssignmentStatus.SUBMITTED)),
                done=Count("id", filter=Q(status=AssignmentStatus.SUBMITTED)),
            )
            .order_by("call__title")[:5]
        )
    if tenant.is_staff_role:
        cards["calls_in_progress"] = list(
            Call.objects.filter(organisation=organisation)
            .exclude(status=CallStatus.DECIDED)
            .annotate(submitted=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)))
            .order_by("closes_at")[:5]
        )
    cards["can_see_all_communities"] = permissions.can_see_all_communities(tenant)
    return cards
