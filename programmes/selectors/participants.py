"""Read-side queries of a cohort programme's applications and participants, each a fixed number of queries
whatever the number of rows."""

from django.db.models import Count, Q
from django.utils import timezone

from .. import rules_cohorts
from ..models import CohortApplication, CohortApplicationStatus, Participant, ParticipantStatus

CONFIRMED_FILTERS = {"both": "Both supporters confirmed", "waiting": "Waiting for a supporter"}
SPANS_FILTERS = {"both": "Both kinds of boundary", "one": "One kind of boundary", "none": "Neither"}


def cohort_applications_ranked_ids(programme, *, query="", status="", confirmed="", spans=""):
    """The ids of the programme's applications that match, best first by
    :func:`programmes.rules_cohorts.cohort_priority` (then earliest submitted): one query of a few columns, so the
    pure rule orders them and a page of full rows is read after."""
    rows = CohortApplication.objects.filter(programme=programme)
    if query:
        rows = rows.filter(Q(cop_title__icontains=query) | Q(employer__icontains=query)
                           | Q(applicant__first_name__icontains=query) | Q(applicant__last_name__icontains=query)
                           | Q(applicant__email__icontains=query) | Q(role_title__icontains=query))
    if status:
        rows = rows.filter(status=status)
    both = Q(line_manager_confirmed_at__isnull=False, sponsor_confirmed_at__isnull=False)
    if confirmed == "both":
        rows = rows.filter(both)
    elif confirmed == "waiting":
        rows = rows.exclude(both)
    if spans == "both":
        rows = rows.filter(spans_organisations=True, spans_professions=True)
    elif spans == "one":
        rows = rows.filter(Q(spans_organisations=True) ^ Q(spans_professions=True))
    elif spans == "none":
        rows = rows.filter(spans_organisations=False, spans_professions=False)
    values = rows.values_list("pk", "spans_organisations", "spans_professions", "line_manager_confirmed_at",
                              "sponsor_confirmed_at", "submitted_at", "created_at")
    far = timezone.now().replace(year=9999)

    def key(row):
        pk, orgs, profs, lm, sp, submitted, created = row
        return (*rules_cohorts.cohort_priority(spans_organisations=orgs, spans_professions=profs,
                                               fully_confirmed=lm is not None and sp is not None),
                submitted or far, created, pk)

    return [row[0] for row in sorted(values, key=key)]


def cohort_applications_page_rows(ids):
    """The full rows of ``ids`` (one page), in that order."""
    by_pk = {a.pk: a for a in CohortApplication.objects.filter(pk__in=ids).select_related("applicant", "programme",
                                                                                         "organisation")}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def cohort_application_counts(programme):
    """How many applications of the programme are in each status (one query)."""
    counts = dict(CohortApplication.objects.filter(programme=programme).values_list("status")
                  .annotate(n=Count("id")).values_list("status", "n"))
    return {status: counts.get(status, 0) for status in CohortApplicationStatus.values}


def meetings_convened(programme, communities, *, now=None):
    """``{community_id: number of its meetings that count towards the commitment to convene}`` for
    ``communities`` (ids): held — not cancelled, already started — on a day between the programme's start
    and end dates (:func:`programmes.rules_cohorts.counts_towards_commitment`, as one query)."""
    from communities.models import Meeting

    ids = {c for c in communities if c is not None}
    if not ids:
        return {}
    now = now or timezone.now()
    meetings = Meeting.objects.filter(community_id__in=ids, cancelled_at__isnull=True, starts_at__lt=now)
    if programme.starts_on:
        meetings = meetings.filter(starts_at__date__gte=programme.starts_on)
    if programme.ends_on:
        meetings = meetings.filter(starts_at__date__lte=programme.ends_on)
    # The __date lookups use the current time zone (UK), as the rule's localtime does.
    return dict(meetings.values_list("community_id").annotate(n=Count("id")).values_list("community_id", "n"))


def participants_with_commitment(programme, *, query="", now=None):
    """The programme's participants taking part, each with ``held`` (meetings counted) and ``commitment``
    (the words): two queries whatever their number."""
    participants = (Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED)
                    .select_related("user", "community__organisation"))
    if query:
        participants = participants.filter(Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query)
                                           | Q(user__email__icontains=query) | Q(employer__icontains=query)
                                           | Q(community__name__icontains=query))
    participants = list(participants)
    held = meetings_convened(programme, [p.community_id for p in participants], now=now)
    for participant in participants:
        participant.held = held.get(participant.community_id, 0) if participant.community_id else 0
        participant.commitment = rules_cohorts.commitment_summary(participant.held)
    return participants


def convening_communities(user):
    """The communities where ``user`` holds a convening role (for the participant's choice)."""
    from communities.models import Community
    from communities.models.membership import CONVENING_ROLES

    return Community.objects.filter(memberships__user=user, memberships__role__in=CONVENING_ROLES).distinct() \
        .order_by("name")
