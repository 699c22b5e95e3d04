"""What the value work adds to the organisation's home page and header (registered in
``EvaluationConfig.ready()``): for evaluators and host staff, a panel with the evidence of the last
quarter and a link to the evaluation home (no query of its own: its figures ride on the home page's one
query of community counts, ``communities.home.register_count_figures``), and an "Evaluation" navigation
item."""

from datetime import timedelta

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import permissions
from .selectors.values import RECENT_DAYS


def _since():
    return timezone.localdate() - timedelta(days=RECENT_DAYS)


def _recent_evidence():
    from .models import Evidence

    return Evidence.objects.filter(date__gte=_since())


def count_figures(tenant):
    """What this panel needs, computed in the home page's one query of community counts
    (``communities.home``): per group, the communities with evidence in the last quarter, and the
    organisation's evidence of the last quarter (with or without a community)."""
    if not permissions.can_evaluate(tenant):
        return {}
    recent = (_recent_evidence().filter(organisation=tenant.organisation).order_by().values("organisation")
              .annotate(n=Count("pk")).values("n")[:1])
    return {
        "evaluation_lively": Count("pk", filter=Q(Exists(_recent_evidence().filter(community=OuterRef("pk"))))),
        "evaluation_recent": Max(Coalesce(Subquery(recent, output_field=IntegerField()), 0)),
    }


def home_panel(tenant, user):
    if not permissions.can_evaluate(tenant):
        return None
    from communities.home import community_counts
    from communities.models import CommunityStatus

    rows = community_counts(tenant)
    if not rows:  # no community yet: none is quiet, and the evidence is counted on its own
        return {"recent": _recent_evidence().filter(organisation=tenant.organisation).count(), "quiet": 0}
    quiet = sum(row["n"] - row["evaluation_lively"] for row in rows if row["status"] != CommunityStatus.CLOSED)
    return {"recent": rows[0]["evaluation_recent"], "quiet": quiet}


def register():
    from communities.home import register_count_figures
    from cop_platform import registry

    register_count_figures("evaluation.values", count_figures)
    registry.register_home_panel("evaluation.values", template="evaluation/_home_panel.html", context=home_panel,
                                 order=60)
    registry.register_navigation_item("evaluation.home", text="Evaluation", url_name="evaluation:home",
                                      allowed=permissions.can_evaluate, order=60)
