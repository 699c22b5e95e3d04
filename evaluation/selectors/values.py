"""Read-side queries for the value page, the evaluation home and the computed indicators: each a small,
fixed number of queries whatever the data's size."""

from datetime import timedelta

from django.db.models import CharField, Count, Max, OuterRef, Prefetch, Q, Subquery, Value
from django.utils import timezone

from .. import rules

RECENT_DAYS = 91  # "the last quarter"


def computed_series(*, community, keys, today=None, quarters=4):
    """``{measure key: [(quarter label, value)]}`` over the last ``quarters`` calendar quarters for the
    computed measures in ``keys`` (at most three queries: attendance, employers, library)."""
    from communities.models import Attendance, LibraryItem, Membership

    today = today or timezone.localdate()
    starts = rules.last_quarters(today, quarters)
    keys = set(keys) & rules.COMPUTED_KEYS
    counts = {}
    if keys & {rules.ATTENDANCE, rules.RETURNING, rules.CROSS_ORG_TIES}:
        # Each presence carries the person's employer in this community (a subquery, not a second query).
        employer = Value(None, output_field=CharField())
        if rules.CROSS_ORG_TIES in keys:
            employer = Subquery(Membership.objects.filter(community=community, user=OuterRef("user_id"))
                                .values("employer")[:1])
        rows = list(Attendance.objects.filter(meeting__community=community, meeting__cancelled_at__isnull=True,
                                              meeting__starts_at__date__lte=today)
                    .annotate(employer=employer).values_list("meeting_id", "meeting__starts_at", "user_id", "employer"))
        presences = [(timezone.localdate(starts_at), user) for _, starts_at, user, _ in rows]
        by_meeting = {}
        for meeting, starts_at, user, _ in rows:
            by_meeting.setdefault(meeting, (timezone.localdate(starts_at), set()))[1].add(user)
        counts[rules.ATTENDANCE] = rules.attendance_by_quarter(
            (timezone.localdate(s), (m, u)) for m, s, u, _ in rows)
        counts[rules.RETURNING] = rules.returning_by_quarter(presences)
        if rules.CROSS_ORG_TIES in keys:
            employer_of = {user: employer for _, _, user, employer in rows if employer is not None}
            counts[rules.CROSS_ORG_TIES] = rules.new_ties_by_quarter(by_meeting.values(), employer_of)
    if rules.RESOURCES in keys:
        added = LibraryItem.objects.filter(community=community, created_at__date__gte=starts[0]).values_list(
            "created_at", flat=True)
        counts[rules.RESOURCES] = rules.count_by_quarter(timezone.localdate(at) for at in added)
    return {key: [(rules.quarter_label(start), counts.get(key, {}).get(start, 0)) for start in starts]
            for key in keys}


def with_cycle(evidence, key):
    """``evidence`` narrowed to items tagged with cycle ``key``: JSON containment in the database where it
    has it (PostgreSQL), otherwise by reading the tags (SQLite)."""
    from django.db import connection

    if connection.features.supports_json_field_contains:
        return evidence.filter(cycles__contains=[key])
    ids = [pk for pk, keys in evidence.values_list("pk", "cycles") if key in (keys or [])]
    return evidence.model.objects.filter(pk__in=ids)


def evidence_per_cycle(evidence, cycle_keys):
    """``{cycle key: how many of evidence show it}`` in one query (counted in the database where it can)."""
    from django.db import connection

    if connection.features.supports_json_field_contains:
        return evidence.aggregate(**{key: Count("pk", filter=Q(cycles__contains=[key])) for key in cycle_keys})
    return cycle_counts(evidence.values_list("cycles", flat=True), cycle_keys)


def cycle_counts(evidence_cycles, cycle_keys):
    """``{cycle key: how many items show it}`` from the items' ``cycles`` lists."""
    counts = dict.fromkeys(cycle_keys, 0)
    for keys in evidence_cycles:
        for key in set(keys or []):
            if key in counts:
                counts[key] += 1
    return counts


def community_value(*, community, cycle_set, today=None):
    """Everything the community's value page shows: the cycles as a ladder with their evidence counts,
    indicators (hand values or computed series) and the recent evidence."""
    from ..models import CommunityIndicator, Evidence, IndicatorValue

    cycles = rules.cycles_of(cycle_set)
    indicators = list(CommunityIndicator.objects.filter(community=community).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("-date", "-id"))))
    series = computed_series(community=community, keys={i.computed for i in indicators if i.computed},
                             today=today)
    for indicator in indicators:
        indicator.series = series.get(indicator.computed) if indicator.computed else None
        indicator.latest = list(indicator.values.all())[:4] if not indicator.computed else []
    evidence = Evidence.objects.filter(community=community)
    counts, recent = _recent_with_counts(evidence, [c.key for c in cycles])
    ladder = [{"cycle": c, "evidence": counts[c.key], "indicators": [i for i in indicators if i.cycle == c.key]}
              for c in cycles]
    return {"ladder": ladder, "indicators": indicators, "recent": recent}


def _recent_with_counts(evidence, cycle_keys, limit=5):
    """The ``limit`` most recent of ``evidence`` and how many of it show each cycle, in one query where the
    database counts JSON containment (each row carries the counts; no rows, no evidence); two otherwise."""
    from django.db import connection

    recent = evidence.select_related("added_by")
    if not connection.features.supports_json_field_contains:
        return evidence_per_cycle(evidence, cycle_keys), list(recent[:limit])
    totals = {f"in_cycle_{key}": Subquery(evidence.filter(cycles__contains=[key]).order_by().values("community")
                                         .annotate(n=Count("pk")).values("n")[:1]) for key in cycle_keys}
    recent = list(recent.annotate(**totals)[:limit])
    counts = {key: (getattr(recent[0], f"in_cycle_{key}") or 0) if recent else 0 for key in cycle_keys}
    return counts, recent


def evaluation_home(*, organisation, today=None):
    """For the evaluator's starting page: evidence per cycle across the organisation, and communities and
    programmes with their evidence of the last quarter (those with none come first)."""
    from communities.models import Community
    from programmes.models import Programme

    from ..models import Evidence

    today = today or timezone.localdate()
    since = today - timedelta(days=RECENT_DAYS)
    per_cycle = evidence_per_cycle(Evidence.objects.filter(organisation=organisation), [c.key for c in rules.CYCLES])
    communities = (Community.objects.filter(organisation=organisation)
                   .annotate(recent_evidence=Count("evidence", filter=Q(evidence__date__gte=since)),
                             last_evidence=Max("evidence__date")))
    programmes = list(Programme.objects.filter(organisation=organisation)
                      .annotate(recent_evidence=Count("communities__evidence",
                                                      filter=Q(communities__evidence__date__gte=since)),
                                community_total=Count("communities", distinct=True))
                      .order_by("recent_evidence", "name")[:20])
    return {"per_cycle": [(c, per_cycle[c.key]) for c in rules.CYCLES], "communities": communities,
            "programmes": programmes, "since": since}
