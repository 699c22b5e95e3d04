"""What applying to a cohort programme adds to the organisation's home page (registered in
``ProgrammesConfig.ready()``): cohort programmes open for applications and your own applications, for
everyone; for host staff, the cohort programmes with their applications to decide. At most five rows each,
one query each."""

from django.db.models import Count, Q
from django.utils import timezone

from cop_platform.permissions import STAFF_ROLES

from .models import CohortApplication, CohortApplicationStatus, Programme, ProgrammeKind


def home_panel(tenant, user):
    organisation = tenant.organisation
    today = timezone.localdate()
    panel = {
        "open_programmes": list(Programme.objects.filter(organisation=organisation, kind=ProgrammeKind.COHORT,
                                                         applications_open_until__gte=today)
                                .order_by("applications_open_until")[:5]),
        "my_applications": list(CohortApplication.objects.filter(organisation=organisation, applicant=user)
                                .exclude(status=CohortApplicationStatus.WITHDRAWN)
                                .select_related("programme", "organisation").order_by("-updated_at")[:5]),
    }
    if tenant.has_role(*STAFF_ROLES):
        panel["cohorts"] = list(
            Programme.objects.filter(organisation=organisation, kind=ProgrammeKind.COHORT)
            .annotate(to_decide=Count("cohort_applications",
                                      filter=Q(cohort_applications__status=CohortApplicationStatus.SUBMITTED)))
            .order_by("-starts_on", "name")[:5])
    if not any(panel.values()):
        return None
    return panel


def register():
    from cop_platform import registry

    registry.register_home_panel("programmes.cohort_applications", template="programmes/_cohort_home_panel.html",
                                 context=home_panel, order=60)
