"""What the lifecycle adds to the organisation's home page (registered from ``ProgrammesConfig.ready()``
through :func:`register_lifecycle`): for conveners, the phase of each community they convene with the
brochure's advice; for the host's staff, how many communities are in each phase, each linking to the state
of play filtered by that phase. Two queries at most, whatever the number of communities. Also registers the
composer of the e-mails about Transform outcomes."""

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import rules
from .selectors import QUARTER_DAYS, phase_annotation
from .selectors.lifecycle import _months_between

MAX_CONVENED = 10


def lifecycle_panel(tenant, user):
    from communities.models import CONVENING_ROLES, Community, Meeting, Membership

    organisation = tenant.organisation
    now = timezone.now()
    last = (Meeting.objects.filter(community=OuterRef("pk"), cancelled_at__isnull=True, starts_at__lte=now)
            .order_by("-starts_at").values("starts_at")[:1])
    new = (Membership.objects.filter(community=OuterRef("pk"), joined_at__gte=now - timedelta(days=QUARTER_DAYS))
           .order_by().values("community").annotate(n=Count("pk")).values("n"))
    convened = list(
        Community.objects.filter(organisation=organisation, memberships__user=user,
                                 memberships__role__in=CONVENING_ROLES)
        .select_related("organisation")
        .annotate(phase=phase_annotation(), last_meeting=Subquery(last),
                  new_members=Coalesce(Subquery(new, output_field=IntegerField()), 0))
        .order_by("name")[:MAX_CONVENED])
    yours = []
    for community in convened:
        months = (None if community.last_meeting is None
                  else _months_between(timezone.localdate(community.last_meeting), timezone.localdate(now)))
        yours.append({"community": community, "phase": rules.phase(community.phase),
                      "advice": rules.phase_advice(community.phase, months_since_meeting=months,
                                                   new_members_last_quarter=community.new_members)})
    panel = {"yours": yours, "phase_counts": None}
    if tenant.is_staff_role:
        counts = dict(Community.objects.filter(organisation=organisation).annotate(phase=phase_annotation())
                      .order_by().values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
        panel["phase_counts"] = [(phase, counts.get(phase.key, 0)) for phase in rules.PHASES]
    if not yours and panel["phase_counts"] is None:
        return None
    return panel


def register_lifecycle():
    from cop_platform import registry
    from cop_platform.email import register_composer

    from .services import OUTCOME_COMPOSER, compose_outcome_email

    register_composer(OUTCOME_COMPOSER, compose_outcome_email)
    registry.register_home_panel("programmes.lifecycle", template="programmes/_home_panel.html",
                                 context=lifecycle_panel, order=55)
