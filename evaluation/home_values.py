"""What the value work adds to the organisation's home page and header (registered in
``EvaluationConfig.ready()``): for evaluators and host staff, a panel with the evidence of the last
quarter and a link to the evaluation home (two queries), and an "Evaluation" navigation item."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from . import permissions
from .selectors.values import RECENT_DAYS


def home_panel(tenant, user):
    if not permissions.can_evaluate(tenant):
        return None
    from communities.models import Community

    from .models import Evidence

    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    recent = Evidence.objects.filter(organisation=tenant.organisation, date__gte=since).count()
    quiet = (Community.objects.filter(organisation=tenant.organisation).exclude(status="closed")
             .annotate(n=Count("evidence", filter=Q(evidence__date__gte=since))).filter(n=0).count())
    return {"recent": recent, "quiet": quiet}


def register():
    from cop_platform import registry

    registry.register_home_panel("evaluation.values", template="evaluation/_home_panel.html", context=home_panel,
                                 order=60)
    registry.register_navigation_item("evaluation.home", text="Evaluation", url_name="evaluation:home",
                                      allowed=permissions.can_evaluate, order=60)
