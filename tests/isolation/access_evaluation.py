"""Access table for the evaluation app's tenant URLs (see tests/isolation/access.py). Each helper keeps its
own commented block and its own argument builder."""

from cop_platform.tenancy.models import Role
from tests.isolation.access import (
    COMMUNITY_EVALUATION,
    COMMUNITY_MEMBERS,
    STORY_NARRATOR,
    STORY_WRITER,
)

ACCESS = {}

# --- Stories and the pulse (helper "stories") -------------------------------------------------------------
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
    return {**_stories_arguments(tenant, community=community)}
