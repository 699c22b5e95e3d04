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
