"""Access table for the evaluation app's tenant URLs (see tests/isolation/access.py)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from cop_platform.tenancy.models import Role
from tests.isolation.access import (
    COMMUNITY_CONTRIBUTORS,
    COMMUNITY_CORE,
    COMMUNITY_EVALUATION,
    COMMUNITY_MEMBERS,
    MEMBER,
    STORY_NARRATOR,
    STORY_WRITER,
)

EVALUATION_ROLES = (Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR)

# --- values (issue 10: cycles, indicators, evidence, the value page, the evaluator's home) -----------------
ACCESS = {
    "evaluation:home": EVALUATION_ROLES,
    "evaluation:views": EVALUATION_ROLES,  # the evaluator's views (charts across communities)
    # Everyone reads the cycles; switching a programme's set (POST) is for evaluators and host staff.
    "evaluation:cycles": MEMBER,
    "evaluation:suggested_indicators": EVALUATION_ROLES,
    "evaluation:suggested_indicator": EVALUATION_ROLES,
    "evaluation:community_value": COMMUNITY_MEMBERS,
    "evaluation:indicators": COMMUNITY_CORE,
    "evaluation:indicator": COMMUNITY_CORE,
    # Members read the evidence (adding it is guarded within: conveners, core group, evaluators, staff).
    "evaluation:evidence": COMMUNITY_MEMBERS,
    "evaluation:evidence_edit": COMMUNITY_CONTRIBUTORS,
    "evaluation:evidence_download": COMMUNITY_MEMBERS,
}


def values_url_arguments(tenant, *, community):
    """A suggested indicator of the organisation, an indicator and a file of evidence of ``community``."""
    from evaluation import services
    from evaluation.models import CommunityIndicator, Evidence, SuggestedIndicator

    org = community.organisation
    with scopes_disabled():
        services.suggested_indicators_ensure(organisation=org)
        suggested = SuggestedIndicator.objects.filter(organisation=org).order_by("pk").first()
        indicator = CommunityIndicator.objects.filter(community=community).first() or \
            services.community_indicator_add(organisation=org, by=tenant.convener, community=community,
                                             cycle="immediate", name="Crawler indicator")
        evidence = Evidence.objects.filter(community=community).exclude(file="").first() or services.evidence_add(
            organisation=org, by=tenant.convener, community=community, kind="document", title="Crawler evidence",
            date=date(2026, 11, 2), cycles=["immediate"],
            uploaded=SimpleUploadedFile("notes.txt", b"What we learnt", content_type="text/plain"))
    return {"suggested_id": suggested.pk, "indicator_id": indicator.pk, "evidence_id": evidence.pk}


# --- Stories and the pulse -------------------------------------------------------------
# The pulse page reads like the meeting it belongs to (answering is for those who came: checked within);
# the crawler's story is shared with its community, told by the convener.
ACCESS.update({
    "evaluation:evaluator_stories": (Role.EVALUATOR, Role.ADMIN, Role.PROJECT_MANAGER),
    "evaluation:pulse": COMMUNITY_MEMBERS,
    "evaluation:pulse_results": COMMUNITY_EVALUATION,
    "evaluation:stories": COMMUNITY_MEMBERS,
    "evaluation:story_new": COMMUNITY_MEMBERS,
    "evaluation:story_spine": COMMUNITY_MEMBERS,
    "evaluation:story": COMMUNITY_MEMBERS,
    "evaluation:story_edit": STORY_WRITER,
    "evaluation:story_step_add": STORY_WRITER,
    "evaluation:story_step": STORY_WRITER,
    "evaluation:story_step_delete": STORY_WRITER,
    "evaluation:story_delete": STORY_NARRATOR,
    "evaluation:story_follow_up": STORY_NARRATOR,
})


def _stories_arguments(tenant, *, community):
    from django_scopes import scopes_disabled

    from evaluation.models import StoryStep, ValueCreationStory

    with scopes_disabled():
        story, _ = ValueCreationStory.objects.get_or_create(
            organisation=community.organisation, community=community, title="Crawler story",
            defaults={"narrator": tenant.convener, "status": "shared", "consent": "report"})
        step, _ = StoryStep.objects.get_or_create(organisation=community.organisation, story=story, position=1,
                                                  defaults={"text": "Crawler step", "cycle": "applied"})
    return {"story_id": story.pk, "step_id": step.pk}


def url_arguments(tenant, *, community):
    return {**values_url_arguments(tenant, community=community), **_stories_arguments(tenant, community=community)}


def grow(tenant, *, community, n):
    """``n`` more pieces of evidence of ``community`` (every cycle, some for reports), indicators with values
    (and values of the crawler's indicator), shared stories with steps citing evidence (and steps of the
    crawler's story), and pulse answers to the crawler's meeting."""
    from datetime import timedelta

    from django.utils import timezone

    from communities.models import Meeting
    from evaluation import rules
    from evaluation.models import (
        CommunityIndicator,
        Evidence,
        IndicatorValue,
        PulseAnswer,
        StoryStep,
        ValueCreationStory,
    )
    from tests.factories import people_in

    org = community.organisation
    today = timezone.localdate()
    keys = [cycle.key for cycle in rules.CHAIN]
    arguments = url_arguments(tenant, community=community)
    people = people_in(org, n, label="narrator", community=community)
    with scopes_disabled():
        evidence = Evidence.objects.bulk_create(
            Evidence(organisation=org, community=community, kind="link", title=f"Grown evidence {i}",
                     url="https://example.org/evidence", date=today - timedelta(days=i),
                     cycles=keys[: 1 + i % len(keys)],
                     consent="report" if i % 2 else "community", added_by=people[i]) for i in range(n))
        indicators = CommunityIndicator.objects.bulk_create(
            CommunityIndicator(organisation=org, community=community, cycle=keys[i % len(keys)],
                               name=f"Grown indicator {i}", added_by=tenant.convener) for i in range(n))
        crawler_indicator = CommunityIndicator.objects.get(pk=arguments["indicator_id"])
        IndicatorValue.objects.bulk_create(
            IndicatorValue(organisation=org, indicator=indicator, date=today - timedelta(days=30 * k), value=k + 1,
                           added_by=tenant.convener)
            for indicator in indicators for k in range(2))
        values = IndicatorValue.objects.bulk_create(
            IndicatorValue(organisation=org, indicator=crawler_indicator, date=today - timedelta(days=i), value=i,
                           added_by=tenant.convener) for i in range(n))
        stories = ValueCreationStory.objects.bulk_create(
            ValueCreationStory(organisation=org, community=community, title=f"Grown story {i}",
                               narrator=tenant.convener if i % 2 else people[i], status="shared", consent="report")
            for i in range(n))
        crawler_story = ValueCreationStory.objects.get(pk=arguments["story_id"])
        start = StoryStep.objects.filter(story=crawler_story).count()
        steps = StoryStep.objects.bulk_create(
            [StoryStep(organisation=org, story=story, position=k + 1, text=f"Step {k}", cycle=keys[k % len(keys)])
             for story in stories for k in range(3)]
            + [StoryStep(organisation=org, story=crawler_story, position=start + i + 1, text=f"Grown step {i}",
                         cycle=keys[i % len(keys)]) for i in range(n)])
        for step, item, value in zip(steps[-n:] + steps[::3], evidence * 4, values * 4, strict=False):
            step.evidence.add(item)
            step.indicator_values.add(value)
        meeting = Meeting.objects.get(community=community, title="Crawler meeting")
        PulseAnswer.objects.bulk_create(PulseAnswer(organisation=org, community=community, meeting=meeting, user=person,
                                                    worth_time=4, could_contribute=3, plan="Try it")
                                        for person in people)
