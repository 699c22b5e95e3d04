"""Load data for the cohort applications pages (tests/perf/bench_pages.py): a cohort programme in the
load-test organisation with applications at scale (S 60, M 400, L 2,000) in every state and a full cohort
of 28 participants, each convening a community with meetings during the programme. Bulk inserts; fictional
people only."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Community, Meeting
from programmes.models import CohortApplication, CohortApplicationStatus, Participant, Programme, ProgrammeKind

APPLICATIONS = {"S": 60, "M": 400, "L": 2000}
SLUG = "leadership-load"
STATUSES = [CohortApplicationStatus.SUBMITTED, CohortApplicationStatus.DRAFT, CohortApplicationStatus.NOT_SELECTED,
            CohortApplicationStatus.WITHDRAWN]


def generate(*, organisation, users, scale):
    now = timezone.now()
    uk = ZoneInfo("Europe/London")
    with scopes_disabled():
        programme = Programme.objects.create(
            organisation=organisation, name="Load Leadership Programme", slug=SLUG, kind=ProgrammeKind.COHORT,
            places=28, starts_on=date(2023, 9, 1), ends_on=date(2024, 7, 31),
            applications_open_until=timezone.localdate() + timedelta(days=30))
        count = min(APPLICATIONS[scale], len(users) - 2)
        applicants = users[2:2 + count]
        rows = []
        for i, user in enumerate(applicants):
            status = CohortApplicationStatus.SELECTED if i < 28 else STATUSES[i % len(STATUSES)]
            confirmed = now if i % 3 else None
            rows.append(CohortApplication(
                organisation=organisation, programme=programme, applicant=user, status=status,
                employer=f"Example NHS Trust {i % 12}", role_title="Nurse", cop_title=f"Community idea {i:05d}",
                cop_idea="An idea.", spans_organisations=bool(i % 2), spans_professions=bool(i % 5),
                commits_to_convene=True, line_manager_name="Lee Manager",
                line_manager_email=f"manager{i}@load.example.org", sponsor_name="Sam Sponsor",
                sponsor_email=f"sponsor{i}@load.example.org", submitted_at=now,
                line_manager_confirmed_at=confirmed if status != CohortApplicationStatus.SELECTED else now,
                sponsor_confirmed_at=confirmed if status != CohortApplicationStatus.SELECTED else now))
        CohortApplication.objects.bulk_create(rows)
        communities = list(Community.objects.filter(organisation=organisation).order_by("pk")[:28])
        Participant.objects.bulk_create(
            Participant(organisation=organisation, programme=programme, user=user,
                        community=communities[i] if i < len(communities) else None)
            for i, user in enumerate(applicants[:28]))
        start = datetime(2023, 10, 2, 10, tzinfo=uk)
        Meeting.objects.bulk_create(
            Meeting(organisation=organisation, community=community, title=f"Meeting {k}",
                    starts_at=start + timedelta(days=30 * k), ends_at=start + timedelta(days=30 * k, hours=1))
            for community in communities for k in range(3))
    return f"{count} cohort applications, 28 participants"
