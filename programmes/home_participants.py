"""What applying to a cohort programme adds to the organisation's home page (registered in
``ProgrammesConfig.ready()``): cohort programmes open for applications and your own applications, for
everyone; for host staff, the cohort programmes with their applications to decide. At most five rows each;
the programme lists come from the home's one query of programme lists (``home_lists``), your applications
from one query."""

from cop_platform.permissions import STAFF_ROLES

from .home_lists import home_programme_lists
from .models import CohortApplication, CohortApplicationStatus


def home_panel(tenant, user):
    organisation = tenant.organisation
    lists = home_programme_lists(tenant)
    panel = {
        "open_programmes": lists["open"],
        "my_applications": list(CohortApplication.objects.filter(organisation=organisation, applicant=user)
                                .exclude(status=CohortApplicationStatus.WITHDRAWN)
                                .select_related("programme", "organisation").order_by("-updated_at")[:5]),
    }
    if tenant.has_role(*STAFF_ROLES):
        panel["cohorts"] = lists["cohorts"]
    if not any(panel.values()):
        return None
    return panel


def register():
    from cop_platform import registry

    registry.register_home_panel("programmes.cohort_applications", template="programmes/_cohort_home_panel.html",
                                 context=home_panel, order=60)
