"""The programme lists of the organisation's home, fetched together: the cohort programmes open for
applications (everyone), the programmes running and the cohort programmes with applications to decide (host
staff). Two panels show them (``home_programmes``, ``home_participants``); one query (a UNION of the three
lists, five rows at most each) serves both, through :func:`cop_platform.home.shared`."""

from django.db.models import CharField, Count, IntegerField, Q, Value, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from cop_platform.home import shared
from cop_platform.permissions import STAFF_ROLES

from .models import CohortApplicationStatus, Programme, ProgrammeKind

LIST_LENGTH = 5
OPEN, RUNNING, COHORTS = "open", "running", "cohorts"


def _part(queryset, name, order, to_decide=None):
    """One list of the UNION: its rows tagged with the list's name and their rank in it."""
    return (queryset.annotate(home_list=Value(name, output_field=CharField()),
                              to_decide=to_decide if to_decide is not None else Value(0, output_field=IntegerField()),
                              home_rank=Window(RowNumber(), order_by=order))
            .order_by(*order)[:LIST_LENGTH])


def _fetch(tenant):
    organisation = tenant.organisation
    today = timezone.localdate()
    programmes = Programme.objects.filter(organisation=organisation)
    parts = [_part(programmes.filter(kind=ProgrammeKind.COHORT, applications_open_until__gte=today), OPEN,
                   ["applications_open_until"])]
    if tenant.has_role(*STAFF_ROLES):
        parts.append(_part(programmes.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
                           .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today)),
                           RUNNING, ["starts_on", "name"]))
        parts.append(_part(programmes.filter(kind=ProgrammeKind.COHORT), COHORTS, ["-starts_on", "name"],
                           to_decide=Count("cohort_applications", filter=Q(
                               cohort_applications__status=CohortApplicationStatus.SUBMITTED))))
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    lists = {OPEN: [], RUNNING: [], COHORTS: []}
    for programme in sorted(rows, key=lambda row: (row.home_list, row.home_rank)):
        programme.organisation = organisation
        lists[programme.home_list].append(programme)
    return lists


def home_programme_lists(tenant):
    """``{"open": [...], "running": [...], "cohorts": [...]}``; the staff lists are empty for others."""
    return shared("programmes.home_lists", lambda: _fetch(tenant))
