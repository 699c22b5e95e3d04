"""What calls for conveners add to the organisation's home page and header (registered in
``ConvenersConfig.ready()``): open calls and your applications for everyone, review assignments for panel
members, calls in progress for host staff. Each list is short (at most five rows), each a single query."""

from django.db.models import Count, Q
from django.utils import timezone

from cop_platform.tenancy.models import Role

from .models import Application, ApplicationStatus, Assignment, AssignmentStatus, Call, CallStatus


def home_panel(tenant, user):
    organisation = tenant.organisation
    now = timezone.now()
    panel = {
        "open_calls": list(
            Call.objects.filter(organisation=organisation, status=CallStatus.OPEN, opens_at__lte=now,
                                closes_at__gt=now)
            .order_by("closes_at")[:5]
        ),
        "my_applications": list(
            Application.objects.filter(organisation=organisation, applicant=user)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .select_related("call").order_by("-updated_at")[:5]
        ),
    }
    if tenant.has_role(Role.PANEL_MEMBER):
        panel["reviews"] = list(
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
        panel["calls_in_progress"] = list(
            Call.objects.filter(organisation=organisation)
            .exclude(status=CallStatus.DECIDED)
            .annotate(submitted=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)))
            .order_by("closes_at")[:5]
        )
    return panel


def register():
    from cop_platform import registry

    registry.register_home_panel("conveners.calls", template="conveners/_home_panel.html", context=home_panel,
                                 order=10)
    registry.register_navigation_item("conveners.calls", text="Calls", url_name="conveners:calls", order=40)
