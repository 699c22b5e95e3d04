"""The evaluator's pictures across communities (issue item 6), for a :class:`Scope` — the whole
organisation, one programme's communities, or one community. One function per picture, each a small fixed
number of queries that aggregate in the database (never a query per community); the rules they apply
live in :mod:`evaluation.rules` and :mod:`evaluation.rules_reports`."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.db.models.functions import Coalesce, NullIf, TruncQuarter
from django.utils import timezone

from .. import rules, rules_reports
from .values import evidence_per_cycle


@dataclass(frozen=True)
class Scope:
    """What a picture covers: ``programme`` or ``community`` narrow the ``organisation``."""

    organisation: object
    programme: object = None
    community: object = None

    @property
    def label(self):
        if self.community is not None:
            return self.community.name
        if self.programme is not None:
            return self.programme.name
        return f"All communities of {self.organisation.name}"

    def communities(self):
        """The communities in scope, as a queryset (used as a subquery: no query of its own)."""
        from communities.models import Community

        communities = Community.objects.filter(organisation=self.organisation)
        if self.community is not None:
            communities = communities.filter(pk=self.community.pk)
        if self.programme is not None:
            communities = communities.filter(programmes=self.programme)
        return communities

    def community_ids(self):
        return self.communities().values("pk")

    def cycle_set(self):
        """The programme's set of cycles; for a community, the 2020 set if any of its programmes uses it;
        for the organisation, the 2020 set if any programme does (one query)."""
        from ..models import ProgrammeEvaluation

        sets = ProgrammeEvaluation.objects.filter(organisation=self.organisation)
        if self.programme is not None:
            sets = sets.filter(programme=self.programme)
        elif self.community is not None:
            sets = sets.filter(programme__communities=self.community)
        return rules.cycle_set_of(sets.values_list("cycle_set", flat=True))


def _stories(scope, use):
    """Stories in scope: for a ``use`` (``"report"``, ``"public"``) only those the consent rule lets in;
    otherwise (the organisation's own views) every story shared or approved — never a narrator's draft."""
    from ..models import ValueCreationStory

    stories = ValueCreationStory.objects.filter(organisation=scope.organisation, community__in=scope.community_ids())
    if use:
        return stories.filter(status__in=rules_reports.statuses_for(use), consent__in=rules_reports.consents_for(use))
    return stories.filter(status__in=("shared", "approved"), consent__in=rules.USES)


def _effective_cycle(prefix=""):
    return Coalesce(NullIf(f"{prefix}recoded_cycle", Value("")), f"{prefix}cycle")


def _evidence_by(evidence, group, cycle_keys):
    """``{group value: {cycle: count}}`` of ``evidence`` in one query (JSON containment in the database;
    SQLite reads the tags)."""
    if connection.features.supports_json_field_contains:
        rows = evidence.values(group).annotate(**{f"c_{k}": Count("pk", filter=Q(cycles__contains=[k]))
                                                 for k in cycle_keys}).order_by()
        return {row[group]: {k: row[f"c_{k}"] for k in cycle_keys} for row in rows}
    result = {}
    for value, cycles in evidence.values_list(group, "cycles"):
        counts = result.setdefault(value, dict.fromkeys(cycle_keys, 0))
        for key in set(cycles or []):
            if key in counts:
                counts[key] += 1
    return result


MATRIX_COLUMNS = ("Indicators", "Indicator values", "Evidence items", "Story steps", "Corroborated steps")


def value_matrix(scope, *, use=None, cycle_set=None):
    """The value-creation matrix (framework 2011): for each cycle, the effect data (indicators chosen,
    values recorded, evidence items) beside the contribution data (achieved story steps, and those citing
    evidence or indicator values: corroborated). Three queries."""
    from ..models import CommunityIndicator, Evidence, StoryStep

    cycles = rules.cycles_of(cycle_set or scope.cycle_set())
    keys = [c.key for c in cycles]
    ids = scope.community_ids()
    indicators = {row["cycle"]: row for row in CommunityIndicator.objects.filter(community__in=ids)
                  .values("cycle").annotate(n=Count("pk", distinct=True), v=Count("values", distinct=True))
                  .order_by()}
    evidence = evidence_per_cycle(Evidence.objects.filter(community__in=ids), keys)
    steps = {row["effective"]: row for row in StoryStep.objects
             .filter(story__in=_stories(scope, use), aspirational=False)
             .annotate(effective=_effective_cycle()).values("effective")
             .annotate(n=Count("pk", distinct=True),
                       corroborated=Count("pk", distinct=True, filter=Q(evidence__isnull=False)
                                          | Q(indicator_values__isnull=False)))
             .order_by()}
    rows = []
    for cycle in cycles:
        ind, st = indicators.get(cycle.key, {}), steps.get(cycle.key, {})
        rows.append({"cycle": cycle, "values": [ind.get("n", 0), ind.get("v", 0), evidence.get(cycle.key, 0),
                                                 st.get("n", 0), st.get("corroborated", 0)]})
    return {"columns": MATRIX_COLUMNS, "rows": rows}


def value_flow(scope, *, use=None):
    """How far stories reach: each story's furthest achieved cycle along the chain, worked out in the
    database (one query, a row per story), counted into :func:`evaluation.rules_reports.reach_counts`."""
    furthest = Max(Case(*[When(steps__aspirational=False, then=Case(
        *[When(Q(steps__recoded_cycle=c.key) | Q(steps__recoded_cycle="", steps__cycle=c.key), then=Value(c.number))
          for c in rules.CHAIN], default=Value(0), output_field=IntegerField()))],
        default=Value(0), output_field=IntegerField()))
    numbers = list(_stories(scope, use).annotate(furthest=furthest).values_list("furthest", flat=True))
    return {"stories": len(numbers), "reach": rules_reports.reach_counts(numbers)}


def phase_cycle_grid(scope, *, use=None, cycle_set=None):
    """The phase × cycle grid: for each lifecycle phase, how many communities are in it and how much value
    they show in each cycle (evidence items plus achieved story steps). Three queries."""
    from programmes import rules as programme_rules
    from programmes.selectors import phase_annotation

    from ..models import Evidence, StoryStep

    cycles = rules.cycles_of(cycle_set or scope.cycle_set())
    keys = [c.key for c in cycles]
    phase_of = dict(scope.communities().annotate(phase=phase_annotation()).values_list("pk", "phase"))
    evidence = _evidence_by(Evidence.objects.filter(community__in=scope.community_ids()), "community", keys)
    steps = (StoryStep.objects.filter(story__in=_stories(scope, use), aspirational=False)
             .annotate(effective=_effective_cycle()).values("story__community", "effective")
             .annotate(n=Count("pk")).order_by())
    grid = {p.key: dict.fromkeys(keys, 0) for p in programme_rules.PHASES}
    for community, counts in evidence.items():
        phase = phase_of.get(community)
        for key, n in counts.items():
            if phase in grid:
                grid[phase][key] += n
    for row in steps:
        phase = phase_of.get(row["story__community"])
        if phase in grid and row["effective"] in grid[phase]:
            grid[phase][row["effective"]] += row["n"]
    in_phase = {p.key: sum(1 for v in phase_of.values() if v == p.key) for p in programme_rules.PHASES}
    return {"cycles": cycles, "rows": [{"phase": p, "communities": in_phase[p.key],
                                        "values": [grid[p.key][k] for k in keys]} for p in programme_rules.PHASES]}


def _quarter(value):
    if isinstance(value, datetime):
        return rules.quarter_start(timezone.localdate(value) if timezone.is_aware(value) else value.date())
    return rules.quarter_start(value) if isinstance(value, date) else None


def participation_tiers(scope, *, today=None, quarters=4):
    """Core, active and peripheral members per quarter (:func:`evaluation.rules_reports.participation_tier`),
    from meetings held, attendance and memberships: three queries, counted in the database per community,
    person and quarter."""
    from communities.models import Attendance, Meeting, Membership

    today = today or timezone.localdate()
    starts = rules.last_quarters(today, quarters)
    ids = scope.community_ids()
    meetings = Meeting.objects.filter(community__in=ids, cancelled_at__isnull=True,
                                      starts_at__date__gte=starts[0], starts_at__date__lte=today)
    held = {(row["community"], _quarter(row["q"])): row["n"] for row in meetings.annotate(q=TruncQuarter("starts_at"))
            .values("community", "q").annotate(n=Count("pk")).order_by()}
    attended = {}
    for row in (Attendance.objects.filter(meeting__in=meetings).annotate(q=TruncQuarter("meeting__starts_at"))
                .values("meeting__community", "user", "q").annotate(n=Count("meeting", distinct=True)).order_by()):
        attended[(row["meeting__community"], row["user"], _quarter(row["q"]))] = row["n"]
    members = list(Membership.objects.filter(community__in=ids).values_list("community_id", "user_id", "joined_at"))
    periods = []
    for start in starts:
        end = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
        counts = {key: 0 for key, _ in rules_reports.TIERS}
        seen = set()
        for (community, user, quarter), n in attended.items():
            if quarter == start:
                counts[rules_reports.participation_tier(n, held.get((community, quarter), 0))] += 1
                seen.add((community, user))
        for community, user, joined in members:
            if timezone.localdate(joined) < end and (community, user) not in seen:
                counts["peripheral"] += 1
        periods.append({"quarter": rules.quarter_label(start), **counts})
    return {"tiers": rules_reports.TIERS, "periods": periods}


def boundary(scope, *, today=None, months=6, tie_days=365):
    """The boundary-crossing picture: organisations, professions and sectors spanned now and month by
    month, people bridging communities (:func:`communities.selectors.boundary_crossing`, one query), and
    the ties made at meetings over the last year with the share crossing an organisation or profession
    and the E-I index (:func:`evaluation.rules_reports.tie_counts`, two queries)."""
    from datetime import timedelta

    from communities.models import Attendance, Membership
    from communities.selectors import boundary_crossing

    today = today or timezone.localdate()
    spans = boundary_crossing(communities=scope.community_ids(), months=months, today=today)
    rows = Attendance.objects.filter(meeting__community__in=scope.community_ids(), meeting__cancelled_at__isnull=True,
                                     meeting__starts_at__date__gte=today - timedelta(days=tie_days),
                                     meeting__starts_at__date__lte=today)
    meetings = {}
    for meeting, community, user in rows.values_list("meeting_id", "meeting__community_id", "user_id"):
        meetings.setdefault(meeting, set()).add((community, user))
    attributes = {(community, user): (employer, profession) for community, user, employer, profession in
                  Membership.objects.filter(community__in=scope.community_ids())
                  .values_list("community_id", "user_id", "employer", "profession")}
    return {**spans, "ties": rules_reports.tie_counts(meetings.values(), attributes)}


def pulse_overview(scope):
    """The post-meeting pulse across the scope (:func:`evaluation.rules.pulse_summary`: averages only from
    five answers). One query."""
    from ..models import PulseAnswer

    rows = PulseAnswer.objects.filter(community__in=scope.community_ids()).values(
        "worth_time", "could_contribute", "takeaway", "connection")
    return rules.pulse_summary(rows)
