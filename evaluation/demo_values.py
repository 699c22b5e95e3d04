"""Demo data for the value work (run by ``seed_demo`` through ``evaluation/demo.py``): the HIN's library of
suggested indicators, and for its Sepsis community two indicators from the library (computed from its
meetings and library), one of its own with values, and evidence across the cycles. Through the services;
fictional people and examples only."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

HIN = "hin-south-london"
EVIDENCE = (
    ("minutes", "Huddle notes: escalation at night", "Ward nurses and paramedics compared how they escalate "
     "at night; three tips agreed.", ["immediate"], 40, "community"),
    ("resource", "Sepsis escalation chart (v2)", "Reworked together from the trust's chart and a hospice's "
     "version.", ["potential"], 25, "report"),
    ("quote", "A ward nurse on the chart", "I used the chart on a night shift and called outreach an hour "
     "earlier than I would have.", ["applied", "realised"], 10, "report"),
)


def seed(*, organisations, stdout):
    from communities.models import Community, Membership, MembershipRole

    from . import services
    from .models import CommunityIndicator, SuggestedIndicator

    organisation = organisations.get(HIN)
    if organisation is None:
        return
    today = timezone.localdate()
    with scope(organisation=organisation):
        services.suggested_indicators_ensure(organisation=organisation)
        community = Community.objects.filter(organisation=organisation, slug="sepsis").first()
        convener = (Membership.objects.filter(community=community, role=MembershipRole.CONVENER)
                    .select_related("user").order_by("pk").first()) if community else None
        if convener is None or CommunityIndicator.objects.filter(community=community).exists():
            return
        by = convener.user
        for name in ("Attendance at meetings", "Resources added"):
            suggested = SuggestedIndicator.objects.get(organisation=organisation, name=name)
            services.community_indicator_add(organisation=organisation, by=by, community=community,
                                             suggested=suggested, cycle=suggested.cycle, name=suggested.name,
                                             how_measured=suggested.how_measured, computed=suggested.computed)
        audit = services.community_indicator_add(
            organisation=organisation, by=by, community=community, cycle="realised", name="Sepsis screening audit",
            how_measured="Share of patients screened within the hour, from the monthly ward audit (%).",
            frequency="monthly")
        for months_ago, value in ((3, 61), (2, 66), (1, 72)):
            services.indicator_value_add(organisation=organisation, by=by, indicator=audit,
                                         date=today - timedelta(days=30 * months_ago), value=value)
        for kind, title, text, cycles, days_ago, consent in EVIDENCE:
            services.evidence_add(organisation=organisation, by=by, community=community, kind=kind, title=title,
                                  text=text, date=today - timedelta(days=days_ago), cycles=cycles, consent=consent,
                                  source="mixed" if kind == "resource" else "generated")
    stdout.write("Evaluation demo: suggested indicators, Sepsis's indicators with values and evidence ready.")
