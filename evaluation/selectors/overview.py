"""The evaluator's pictures across communities (issue item 6), for a :class:`Scope` — the whole
organisation, one programme's communities, or one community. One function per picture, each a small fixed
number of queries that aggregate in the database (never a query per community); the rules they apply
live in :mod:`evaluation.rules` and :mod:`evaluation.rules_reports`."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Case, Count, Exists, IntegerField, Max, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from .. import rules, rules_reports


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


def evidence_counts(scope, cycle_keys):
    """``{community id: {cycle: evidence items showing it}}`` across the scope, in one query; the matrix
    sums it, the phase grid groups it by phase."""
    from ..models import Evidence

    return _evidence_by(Evidence.objects.filter(community__in=scope.community_ids()), "community", cycle_keys)


def step_counts(scope, *, use=None):
    """``{(community id, effective cycle): (achieved steps, corroborated steps)}`` in one grouped query:
    a step is corroborated when it cites evidence or an indicator value (``EXISTS`` on the links, so no
    join multiplies the rows to count)."""
    from ..models import StoryStep

    cited = Exists(StoryStep.evidence.through.objects.filter(storystep_id=OuterRef("pk")))
    valued = Exists(StoryStep.indicator_values.through.objects.filter(storystep_id=OuterRef("pk")))
    rows = (StoryStep.objects.filter(story__in=_stories(scope, use), aspirational=False)
            .annotate(effective=_effective_cycle()).values("story__community", "effective")
            .annotate(n=Count("pk"), corroborated=Count("pk", filter=Q(cited) | Q(valued))).order_by())
    return {(row["story__community"], row["effective"]): (row["n"], row["corroborated"]) for row in rows}


def value_matrix(scope, *, use=None, cycle_set=None, evidence=None, steps=None):
    """The value-creation matrix (framework 2011): for each cycle, the effect data (indicators chosen,
    values recorded, evidence items) beside the contribution data (achieved story steps, and those citing
    evidence or indicator values: corroborated). Three queries, one if ``evidence``
    (:func:`evidence_counts`) and ``steps`` (:func:`step_counts`) are given."""
    from ..models import CommunityIndicator

    cycles = rules.cycles_of(cycle_set or scope.cycle_set())
    keys = [c.key for c in cycles]
    indicators = {row["cycle"]: row for row in CommunityIndicator.objects.filter(community__in=scope.community_ids())
                  .values("cycle").annotate(n=Count("pk", distinct=True), v=Count("values", distinct=True))
                  .order_by()}
    evidence = evidence_counts(scope, keys) if evidence is None else evidence
    steps = step_counts(scope, use=use) if steps is None else steps
    evidence_total = {key: sum(counts.get(key, 0) for counts in evidence.values()) for key in keys}
    steps_total, corroborated_total = dict.fromkeys(keys, 0), dict.fromkeys(keys, 0)
    for (_, key), (n, corroborated) in steps.items():
        if key in steps_total:
            steps_total[key] += n
            corroborated_total[key] += corroborated
    rows = []
    for cycle in cycles:
        ind = indicators.get(cycle.key, {})
        rows.append({"cycle": cycle, "values": [ind.get("n", 0), ind.get("v", 0), evidence_total[cycle.key],
                                                 steps_total[cycle.key], corroborated_total[cycle.key]]})
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


def phase_cycle_grid(scope, *, use=None, cycle_set=None, evidence=None, steps=None, phase_of=None):
    """The phase × cycle grid: for each lifecycle phase, how many communities are in it and how much value
    they show in each cycle (evidence items plus achieved story steps). Three queries, one if ``evidence``
    (:func:`evidence_counts`) and ``steps`` (:func:`step_counts`) are given, none if also ``phase_of``
    (``{community id: phase}`` of every community in scope, read by the caller)."""
    from programmes import rules as programme_rules
    from programmes.selectors import phase_annotation

    cycles = rules.cycles_of(cycle_set or scope.cycle_set())
    keys = [c.key for c in cycles]
    if phase_of is None:
        phase_of = dict(scope.communities().annotate(phase=phase_annotation()).values_list("pk", "phase"))
    evidence = evidence_counts(scope, keys) if evidence is None else evidence
    steps = step_counts(scope, use=use) if steps is None else steps
    grid = {p.key: dict.fromkeys(keys, 0) for p in programme_rules.PHASES}
    for community, counts in evidence.items():
        phase = phase_of.get(community)
        for key, n in counts.items():
            if phase in grid and key in grid[phase]:
                grid[phase][key] += n
    for (community, key), (n, _) in steps.items():
        phase = phase_of.get(community)
        if phase in grid and key in grid[phase]:
            grid[phase][key] += n
    in_phase = {p.key: sum(1 for v in phase_of.values() if v == p.key) for p in programme_rules.PHASES}
    return {"cycles": cycles, "rows": [{"phase": p, "communities": in_phase[p.key],
                                        "values": [grid[p.key][k] for k in keys]} for p in programme_rules.PHASES]}


def memberships(scope):
    """The memberships in scope as ``(community id, user id, joined_at, employer, profession, sector)``
    tuples, in one query: the participation tiers and the boundary-crossing picture share them."""
    from communities.models import Membership

    return list(Membership.objects.filter(community__in=scope.community_ids()).values_list(
        "community_id", "user_id", "joined_at", "employer", "profession", "sector"))


def _day_start(day):
    """The first instant of ``day`` in the current time zone: ``localdate(t) < day`` is ``t < _day_start(day)``
    without converting every row's time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _next_quarter(start):
    return date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)


def participation_tiers(scope, *, today=None, quarters=4, members=None):
    """Core, active and peripheral members per quarter (:func:`evaluation.rules_reports.participation_tier`),
    from meetings held, attendance and memberships: three queries (two given ``members``, from
    :func:`memberships`): attendance counted in the database per community, person and quarter, and meetings
    held per community and quarter. Times are compared with the local days' bounds, so the database reads
    the meetings' index instead of converting every row's time (and the meetings held are counted once per
    community, not again for every person who came: 0.85 s → a few ms at scale M)."""
    from communities.models import Attendance, Meeting

    today = today or timezone.localdate()
    starts = rules.last_quarters(today, quarters)
    until = _day_start(today + timedelta(days=1))
    bounds = [(_day_start(start), min(_day_start(_next_quarter(start)), until)) for start in starts]
    meetings = Meeting.objects.filter(community__in=scope.community_ids(), cancelled_at__isnull=True,
                                      starts_at__gte=bounds[0][0], starts_at__lt=until)

    def within(i, prefix=""):
        return Q(**{f"{prefix}starts_at__gte": bounds[i][0], f"{prefix}starts_at__lt": bounds[i][1]})

    rows = (Attendance.objects.filter(meeting__in=meetings).values("meeting__community", "user")
            .annotate(**{f"came_{i}": Count("meeting", distinct=True, filter=within(i, "meeting__"))
                         for i in range(len(starts))}).order_by())
    held = {(row["community"], start): row[f"held_{i}"]
            for row in meetings.values("community").order_by()
            .annotate(**{f"held_{i}": Count("pk", filter=within(i)) for i in range(len(starts))})
            for i, start in enumerate(starts)}
    attended = {start: {} for start in starts}
    for row in rows:
        for i, start in enumerate(starts):
            if row[f"came_{i}"]:
                attended[start][(row["meeting__community"], row["user"])] = row[f"came_{i}"]
    members = memberships(scope) if members is None else members
    periods = []
    for start in starts:
        end = _day_start(_next_quarter(start))
        counts = {key: 0 for key, _ in rules_reports.TIERS}
        seen = attended.get(start, {})
        for (community, _), n in seen.items():
            counts[rules_reports.participation_tier(n, held.get((community, start), 0))] += 1
        counts["peripheral"] += sum(1 for community, user, joined, *_ in members
                                    if joined < end and (community, user) not in seen)
        periods.append({"quarter": rules.quarter_label(start), **counts})
    return {"tiers": rules_reports.TIERS, "periods": periods}


def _spans(rows):
    """Organisations, professions and sectors spanned by membership ``rows`` (as :func:`memberships`), and
    the people among them (as :func:`communities.selectors.boundary_crossing` counts them)."""
    return {
        "members": len({r[1] for r in rows}),
        "organisations": len({r[3].strip().lower() for r in rows if r[3].strip()}),
        "professions": len({r[4].strip().lower() for r in rows if r[4].strip()}),
        "sectors": len({r[5] for r in rows if r[5]}),
    }


def boundary(scope, *, today=None, months=6, tie_days=365, members=None):
    """The boundary-crossing picture: organisations, professions and sectors spanned now and month by
    month and people bridging communities (counted as :func:`communities.selectors.boundary_crossing` does,
    from the memberships), and the ties made at meetings over the last year with the share crossing an
    organisation or profession and the E-I index (:func:`evaluation.rules_reports.tie_counts`). Two
    queries (one given ``members``, from :func:`memberships`)."""
    from collections import Counter

    from communities.models import Attendance

    today = today or timezone.localdate()
    members = memberships(scope) if members is None else members
    history = []
    for back in range(months - 1, -1, -1):  # the last ``months`` months, oldest first
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        month += 1
        end = _day_start(date(year + (month == 12), month % 12 + 1, 1))
        history.append({"month": date(year, month, 1), **_spans([r for r in members if r[2] < end])})
    bridging = sum(1 for n in Counter(r[1] for r in members).values() if n > 1)
    rows = Attendance.objects.filter(meeting__community__in=scope.community_ids(), meeting__cancelled_at__isnull=True,
                                     meeting__starts_at__date__gte=today - timedelta(days=tie_days),
                                     meeting__starts_at__date__lte=today)
    meetings = {}
    for meeting, community, user in rows.values_list("meeting_id", "meeting__community_id", "user_id"):
        meetings.setdefault(meeting, set()).add((community, user))
    attributes = {(community, user): (employer, profession) for community, user, _, employer, profession, _ in members}
    return {"now": _spans(members), "history": history, "bridging": bridging,
            "ties": rules_reports.tie_counts(meetings.values(), attributes)}


def pulse_overview(scope):
    """The post-meeting pulse across the scope (:func:`evaluation.rules.pulse_summary`: averages only from
    five answers). One query."""
    from ..models import PulseAnswer

    rows = PulseAnswer.objects.filter(community__in=scope.community_ids()).values(
        "worth_time", "could_contribute", "takeaway", "connection")
    return rules.pulse_summary(rows)
