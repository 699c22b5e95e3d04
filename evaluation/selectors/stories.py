"""Reads for stories and the pulse, with their related rows fetched in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q

from .. import rules
from ..models import IndicatorValue, PulseAnswer, StoryStatus, StoryStep, ValueCreationStory

SHARED_STATUSES = (StoryStatus.SHARED, StoryStatus.APPROVED)


def _with_steps(queryset):
    return (queryset.select_related("narrator", "community")
            .annotate(step_count=Count("steps", distinct=True))
            .prefetch_related(Prefetch("steps", queryset=StoryStep.objects.only(
                "id", "story_id", "cycle", "recoded_cycle", "aspirational", "evidence_status", "position"))))


def _search(queryset, q):
    q = (q or "").strip()
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(steps__text__icontains=q)).distinct()
    return queryset


def stories_of_community(*, community, user, curator, member=True, q=""):
    """The stories of ``community`` this person may see (as :func:`evaluation.permissions.can_see_story`):
    all for evaluators and host staff; for members their own and those shared with the community with
    consent for it; for people outside it (pages opened to the organisation) approved ones with consent
    for reports."""
    stories = ValueCreationStory.objects.filter(community=community)
    if not curator and member:
        stories = stories.filter(Q(narrator=user) | Q(status__in=SHARED_STATUSES, consent__in=rules.USES))
    elif not curator:
        stories = stories.filter(Q(narrator=user) | Q(status=StoryStatus.APPROVED, consent__in=("report", "public")))
    return _with_steps(_search(stories, q)).order_by("-updated_at", "-id")


def stories_for_evaluator(*, organisation, q="", community="", status="", cycle="", waiting=False):
    """Every story of the organisation, for evaluators and host staff, filtered; ``waiting``: shared and not
    yet approved, or with a step nobody has placed in a cycle yet."""
    stories = ValueCreationStory.objects.filter(organisation=organisation)
    if community:
        stories = stories.filter(community__slug=community)
    if status:
        stories = stories.filter(status=status)
    if cycle:
        stories = stories.filter(Q(steps__cycle=cycle, steps__recoded_cycle="") | Q(steps__recoded_cycle=cycle))
    if waiting:
        stories = stories.filter(Q(status=StoryStatus.SHARED) | Q(steps__cycle="", steps__recoded_cycle=""))
    if cycle or waiting:
        stories = stories.distinct()
    return _with_steps(_search(stories, q)).order_by("-updated_at", "-id")


def furthest(story):
    """The furthest cycle a story's achieved steps reach (reads the prefetched steps)."""
    return rules.furthest_cycle((s.cycle, s.recoded_cycle, s.aspirational) for s in story.steps.all())


def story_detail(*, community, story_id):
    evidence = Prefetch("evidence")
    values = Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator"))
    steps = Prefetch("steps", queryset=StoryStep.objects.select_related("recoded_by").prefetch_related(evidence,
                                                                                                       values))
    return (ValueCreationStory.objects.filter(community=community, pk=story_id)
            .select_related("narrator", "approved_by", "meeting").prefetch_related(steps).first())


def pulse_results(*, meeting):
    """The pulse summary of a meeting (:func:`evaluation.rules.pulse_summary`), in one query."""
    rows = PulseAnswer.objects.filter(meeting=meeting).values("worth_time", "could_contribute", "takeaway",
                                                              "connection")
    return rules.pulse_summary(rows)
