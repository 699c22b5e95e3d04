"""Demo data for the value-cycle report (run by ``seed_demo`` through ``evaluation/demo.py``): in the HIN's
Sepsis community, members' words recorded as quotes with consent for reports, one per cycle they speak
to, in the manner of the programme report's quotes (seed ``004_…``), added by the community's convener
through the services. Fictional; idempotent."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

QUOTES = [
    ("immediate", "Huddle feedback", "I came away with three things to try on the ward tomorrow."),
    ("potential", "On the escalation chart", "The ambulance service's chart gave us a shared language for a "
                                              "deteriorating patient."),
    ("applied", "Night shift", "We used the ward version on every patient with a fever for a month."),
    ("reframing", "Audit", "We now count screening within the hour, not just whether screening happened."),
]


def seed(*, organisations, stdout):
    from communities.models import Community, Membership, MembershipRole
    from evaluation import services
    from evaluation.models import Evidence, EvidenceKind

    organisation = organisations.get("hin-south-london")
    if organisation is None:
        return
    with scope(organisation=organisation):
        community = Community.objects.filter(organisation=organisation, slug="sepsis").first()
        convener = (Membership.objects.filter(community=community, role=MembershipRole.CONVENER)
                    .select_related("user").order_by("pk").first()) if community else None
        if convener is None or Evidence.objects.filter(community=community, kind=EvidenceKind.QUOTE,
                                                       consent="report").exists():
            return
        today = timezone.localdate()
        for n, (cycle, title, text) in enumerate(QUOTES):
            services.evidence_add(organisation=organisation, by=convener.user, community=community,
                                  kind=EvidenceKind.QUOTE, title=title, text=text, cycles=[cycle],
                                  date=today - timedelta(days=7 * (len(QUOTES) - n)), consent="report")
    stdout.write("Reports: members' quotes with consent for the value-cycle report in Sepsis.\n")
