"""What calls for conveners add to the organisation's home page and header (registered in
``ConvenersConfig.ready()``): open calls and your applications for everyone, review assignments for panel
members, calls in progress for host staff. Each list is short (at most five rows); the open calls and the
calls in progress come from one query (a UNION of the two lists), the others from one query each."""

from django.db.models import CharField, Count, IntegerField, Q, Value, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from cop_platform.tenancy.models import Role

from .models import Application, ApplicationStatus, Assignment, AssignmentStatus, Call, CallStatus

LIST_LENGTH = 5


def _call_list(queryset, name, submitted=None):
    """One list of the UNION, soonest closing first: its rows tagged with the list's name and their rank."""
    return (queryset.annotate(home_list=Value(name, output_field=CharField()),
                              submitted=submitted if submitted is not None else Value(0, output_field=IntegerField()),
                              home_rank=Window(RowNumber(), order_by=["closes_at"]))
            .order_by("closes_at")[:LIST_LENGTH])


def _calls(tenant):
    """The open calls and, for host staff, the calls in progress with their submitted applications."""
    organisation = tenant.organisation
    now = timezone.now()
    calls = Call.objects.filter(organisation=organisation)
    rows = _call_list(calls.filter(status=CallStatus.OPEN, opens_at__lte=now, closes_at__gt=now), "open_calls")
    if tenant.is_staff_role:
        rows = rows.union(_call_list(
            calls.exclude(status=CallStatus.DECIDED), "calls_in_progress",
            submitted=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED))), all=True)
    lists = {"open_calls": [], "calls_in_progress": []}
    for call in sorted(rows, key=lambda row: (row.home_list, row.home_rank)):
        lists[call.home_list].append(call)
    return lists


def home_panel(tenant, user):
    organisation = tenant.organisation
    calls = _calls(tenant)
    panel = {
        "open_calls": calls["open_calls"],
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
        panel["calls_in_progress"] = calls["calls_in_progress"]
    return panel


def register():
    from cop_platform import registry

    registry.register_home_panel("conveners.calls", template="conveners/_home_panel.html", context=home_panel,
                                 order=10)
    registry.register_navigation_item("conveners.calls", text="Calls", url_name="conveners:calls", order=40)
