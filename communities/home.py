"""What communities add to the organisation's home page and header (registered in
``CommunitiesConfig.ready()``): your communities, and for people who see every community, how many there
are in each status (two queries at most); on an admin's page of a person, their communities here.

Both queries are shared with other panels of the home page (:func:`cop_platform.home.shared`): the counts
are per status *and* phase (the lifecycle panel counts phases), with the figures other apps register
(:func:`register_count_figures`: the evaluation panel's evidence of the last quarter), and your memberships
carry what the lifecycle panel advises conveners on (each community's phase, last meeting and members new
this quarter)."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cop_platform import permissions
from cop_platform.home import shared

from . import selectors
from .models import Community, CommunityStatus, Meeting, Membership

_count_figures = {}


def register_count_figures(key, figures):
    """``figures(tenant)`` returns aggregates (name → expression) over the organisation's communities, which
    the one query of :func:`community_counts` computes beside each group's count; :func:`count_figures`
    reads them. Registering the same ``key`` again replaces the earlier entry."""
    _count_figures[key] = figures


def _community_rows(tenant):
    from programmes.selectors import phase_annotation

    figures = {}
    for make in _count_figures.values():
        figures.update(make(tenant))
    return list(Community.objects.filter(organisation=tenant.organisation).annotate(phase=phase_annotation())
                .order_by().values("status", "phase").annotate(n=Count("pk"), **figures))


def community_counts(tenant):
    """One row per (status, phase) of the organisation's communities: ``status``, ``phase``, ``n`` (how many)
    and the registered figures. One query, once per page."""
    return shared("communities.counts", lambda: _community_rows(tenant))


def counts_by(tenant, position):
    """The counts of :func:`community_counts` summed by status (``position`` ``"status"``) or by phase
    (``"phase"``)."""
    totals = Counter()
    for row in community_counts(tenant):
        totals[row[position]] += row["n"]
    return totals


def home_memberships(tenant, user):
    """Your memberships here, by community name, each annotated with its community's phase
    (``community_phase``), last meeting held (``community_last_meeting``) and members who joined in the last
    quarter (``community_new_members``): one query, once per page."""
    def compute():
        from programmes.selectors import QUARTER_DAYS, phase_annotation

        now = timezone.now()
        last = (Meeting.objects.filter(community=OuterRef("community_id"), cancelled_at__isnull=True,
                                       starts_at__lte=now)
                .order_by("-starts_at").values("starts_at")[:1])
        new = (Membership.objects.filter(community=OuterRef("community_id"),
                                         joined_at__gte=now - timedelta(days=QUARTER_DAYS))
               .order_by().values("community").annotate(n=Count("pk")).values("n"))
        return list(selectors.memberships_of(organisation=tenant.organisation, user=user)
                    .annotate(community_phase=phase_annotation("community_id"), community_last_meeting=Subquery(last),
                              community_new_members=Coalesce(Subquery(new, output_field=IntegerField()), 0)))

    return shared("communities.memberships", compute)


def home_panel(tenant, user):
    panel = {"memberships": home_memberships(tenant, user)}
    if permissions.can_see_all_communities(tenant):
        counts = counts_by(tenant, "status")
        panel["status_counts"] = [(label, counts.get(value, 0)) for value, label in CommunityStatus.choices]
        panel["community_total"] = sum(counts.values())
    return panel


def person_panel(tenant, member):
    """An admin's page of one person: their communities in this organisation."""
    memberships = (Membership.objects.filter(organisation=tenant.organisation, user=member.user)
                   .select_related("community__organisation").order_by("community__name"))
    return {"memberships": list(memberships)}


def _is_staff_role(tenant):
    return tenant.is_staff_role


def register():
    from cop_platform import registry

    registry.register_home_panel("communities.yours", template="communities/_home_panel.html", context=home_panel,
                                 order=50)
    registry.register_panel(registry.PERSON, "communities.person", template="communities/_person_panel.html",
                            context=person_panel, order=50)
    registry.register_navigation_item("communities.directory", text="Communities", url_name="communities:directory",
                                      order=20)
    registry.register_navigation_item("communities.state_of_play", text="State of play",
                                      url_name="community_host:state_of_play", allowed=_is_staff_role, order=30)
