"""The value-cycle report of a community or a programme (issue item 7), as a PDF built in the background
through :mod:`cop_platform.builds`, following evaluation.md "The exported value-cycle report" and the
programme report of seed ``004_…`` (framed by the five value cycles, quotes per cycle, impact stories).

Only stories the narrator agreed may go in reports *and* an evaluator approved
(:func:`evaluation.rules.story_usable_for`, applied as a filter by :mod:`evaluation.rules_reports`), only
quotes with consent for reports; counts of people under 5 are held back (a report may leave the
organisation). Evaluators, project managers and admins may build either report; a community's conveners
may build their own community's.
"""

from django.db.models import Prefetch
from django.utils import timezone

from cop_platform.pdf import render_pdf

from . import permissions, rules, rules_reports
from .charts import sparkline
from .pictures import pictures
from .selectors.overview import Scope, pulse_overview

COMMUNITY_KIND = "evaluation.community_report"
PROGRAMME_KIND = "evaluation.programme_report"
USE = "report"
MAX_STORIES = 40
MAX_INDICATORS = 60
QUOTES_PER_CYCLE = 5
EXCERPTS_PER_CYCLE = 5
EXCERPT_CHARS = 300


def community_report_allowed(tenant, user, community_id):
    from .exports.access import community_exists, is_convener_of

    if tenant is None:
        return False
    if permissions.can_evaluate(tenant):
        return community_exists(tenant, community_id)
    return is_convener_of(tenant, user, community_id)


def programme_report_allowed(tenant, user, programme_id):
    from .exports.access import programme_exists

    return permissions.can_evaluate(tenant) and programme_exists(tenant, programme_id)


def _stories(scope):
    from .models import IndicatorValue, StoryStep, ValueCreationStory

    steps = StoryStep.objects.prefetch_related(
        "evidence", Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator")))
    stories = list(ValueCreationStory.objects.filter(
        organisation=scope.organisation, community__in=scope.community_ids(),
        status__in=rules_reports.statuses_for(USE), consent__in=rules_reports.consents_for(USE))
        .select_related("community").prefetch_related(Prefetch("steps", queryset=steps))
        .order_by("community__name", "-approved_at", "-pk")[:MAX_STORIES + 1])
    for story in stories:
        achieved = [s for s in story.steps.all()]
        story.furthest = rules.furthest_cycle((s.cycle, s.recoded_cycle, s.aspirational) for s in achieved)
        story.evidence_status = rules.story_evidence_status(
            [s.evidence_status for s in achieved if not s.aspirational])
    return stories[:MAX_STORIES], len(stories) > MAX_STORIES


def _indicators(scope):
    from .models import CommunityIndicator, IndicatorValue

    indicators = list(CommunityIndicator.objects.filter(community__in=scope.community_ids())
                      .select_related("community").prefetch_related(
                          Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "id")))
                      .order_by("cycle", "community__name", "name")[:MAX_INDICATORS])
    for n, indicator in enumerate(indicators):
        values = list(indicator.values.all())[-8:]
        indicator.latest = values[-1] if values else None
        indicator.chart = sparkline(f"spark-{n}", f"{indicator.name}: recent values",
                                    [(v.date.strftime("%b %Y"), float(v.value)) for v in values]) if values else None
    return indicators


def _quotes(scope):
    from .models import Evidence, EvidenceKind

    return list(Evidence.objects.filter(community__in=scope.community_ids(), kind=EvidenceKind.QUOTE,
                                        consent__in=rules_reports.consents_for(USE))
                .exclude(text="").order_by("-date", "-pk")[:200])


def report_context(scope, *, today=None):
    """Everything the report shows, in a fixed number of queries whatever the number of communities."""
    from programmes import rules as programme_rules
    from programmes.selectors import phase_annotation

    today = today or timezone.localdate()
    drawn = pictures(scope, use=USE, outside=True, today=today)
    stories, stories_cut = _stories(scope)
    indicators = _indicators(scope)
    quotes = _quotes(scope)
    counts = {row["cycle"].key: row["values"] for row in drawn["matrix"]["rows"]}
    sections = []
    for cycle in rules.cycles_of(drawn["cycle_set"]):
        excerpts = [(story, step) for story in stories for step in story.steps.all()
                    if step.effective_cycle == cycle.key and not step.aspirational][:EXCERPTS_PER_CYCLE]
        sections.append({
            "cycle": cycle, "indicators": [i for i in indicators if i.cycle == cycle.key],
            "evidence": counts.get(cycle.key, [0, 0, 0, 0, 0])[2], "steps": counts.get(cycle.key, [0] * 5)[3],
            "quotes": [q for q in quotes if cycle.key in (q.cycles or [])][:QUOTES_PER_CYCLE],
            "excerpts": excerpts})
    phase = None
    if scope.community is not None:
        key = (type(scope.community).objects.filter(pk=scope.community.pk).annotate(phase=phase_annotation())
               .values_list("phase", flat=True).first())
        phase = programme_rules.phase(key)
    pulse = pulse_overview(scope)
    pulse["count_shown"] = rules_reports.held_back(pulse["count"])
    return {**drawn, "scope": scope, "organisation": scope.organisation, "today": today,
            "cycle_set_name": dict(rules.CYCLE_SET_CHOICES)[drawn["cycle_set"]], "sections": sections,
            "headline": [s for s in stories if s.furthest][:5] or stories[:5],
            "per_cycle_indicator": [(sec["cycle"], sec["indicators"][0] if sec["indicators"] else None)
                                    for sec in sections],
            "stories": stories, "stories_cut": stories_cut, "max_stories": MAX_STORIES, "phase": phase,
            "pulse": pulse, "small": rules_reports.SMALL_COUNT}


def report_pdf(scope, *, today=None):
    return render_pdf("pdf/evaluation/report.html", report_context(scope, today=today),
                      title=f"Value-cycle report: {scope.label}")


def _slug(text):
    from django.utils.text import slugify

    return slugify(text)[:60] or "report"


def build_community_report(build, progress):
    from communities.models import Community
    from cop_platform.builds import BuildFailed

    community = Community.objects.select_related("organisation").filter(pk=build.target_id).first()
    if community is None:
        raise BuildFailed("The community no longer exists.")
    progress(10, "Gathering the community's value")
    content = report_pdf(Scope(organisation=community.organisation, community=community))
    progress(95, "Saving the PDF")
    return f"value-cycle-report-{_slug(community.slug)}.pdf", content, "application/pdf"


def build_programme_report(build, progress):
    from cop_platform.builds import BuildFailed
    from programmes.models import Programme

    programme = Programme.objects.select_related("organisation").filter(pk=build.target_id).first()
    if programme is None:
        raise BuildFailed("The programme no longer exists.")
    progress(10, "Gathering the programme's value")
    content = report_pdf(Scope(organisation=programme.organisation, programme=programme))
    progress(95, "Saving the PDF")
    return f"value-cycle-report-{_slug(programme.slug)}.pdf", content, "application/pdf"


def register():
    from cop_platform.builds import register_builder

    register_builder(COMMUNITY_KIND, label="Value-cycle report of a community (PDF)",
                     target_type="communities.community", build=build_community_report,
                     allowed=community_report_allowed, button="Build the value-cycle report (PDF)")
    register_builder(PROGRAMME_KIND, label="Value-cycle report of a programme (PDF)",
                     target_type="programmes.programme", build=build_programme_report,
                     allowed=programme_report_allowed, button="Build the value-cycle report (PDF)")
