"""Evaluation's part of ``generate_load_data``: evidence across every load organisation's communities (the
main organisation's largest has the most), each organisation's largest community's indicators with values,
and a value-creation story per community (draft, shared or approved, four steps each), by bulk inserts.

Found by the core command through ``cop_platform.discovery.app_modules("load_data")``.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import rules
from .models import CommunityIndicator, Evidence, IndicatorValue, StoryStep, ValueCreationStory

SCALES = {"S": {"largest": 100, "per_community": 3}, "M": {"largest": 1000, "per_community": 5},
          "L": {"largest": 5000, "per_community": 8}}
STORY_STATUSES = ["draft", "shared", "approved"]
STEPS = ("immediate", "potential", "applied", "realised")


def generate(*, plan):
    from communities.models import Community, Membership

    spec = SCALES[plan.scale]
    communities = list(Community.objects.filter(organisation__in=plan.organisations).order_by("slug"))
    if not communities:
        return ""
    main = plan.organisations[0].pk
    conveners = dict(Membership.objects.filter(community__in=communities, role="convener")
                     .values_list("community_id", "user_id"))
    evaluators = {org.pk: plan.members[org.pk][2].pk for org in plan.organisations}
    keys = [c.key for c in rules.CHAIN]
    start = plan.anchor - timedelta(days=1)
    rows, firsts = [], {}
    for index, community in enumerate(communities):
        largest = firsts.setdefault(community.organisation_id, community) is community
        n = spec["largest"] if largest and community.organisation_id == main else spec["per_community"]
        for i in range(n):
            rows.append(Evidence(organisation_id=community.organisation_id, community=community,
                                 title=f"Evidence {i} of {index}", text="What happened and what it produced.",
                                 date=start - timedelta(days=i % 1800), cycles=[keys[i % 5], keys[(i + 2) % 5]],
                                 added_by_id=conveners.get(community.pk)))
    plan.bulk(Evidence, rows)
    indicators = plan.bulk(CommunityIndicator, [
        CommunityIndicator(organisation_id=c.organisation_id, community=c, cycle=cycle, name=f"{name} (load)",
                           how_measured=how, computed=computed)
        for c in firsts.values() for cycle, name, how, computed in rules.DEFAULT_INDICATORS])
    plan.bulk(IndicatorValue, [
        IndicatorValue(organisation_id=indicator.organisation_id, indicator=indicator,
                       date=start - timedelta(days=30 * m), value=m)
        for indicator in indicators if not indicator.computed for m in range(60)])
    approved_at = datetime.combine(start, time(12), tzinfo=ZoneInfo("Europe/London"))
    stories = plan.bulk(ValueCreationStory, [
        ValueCreationStory(
            organisation_id=c.organisation_id, community=c, narrator_id=conveners.get(c.pk),
            title=f"How {c.name} changed handovers", status=STORY_STATUSES[i % 3],
            consent="report" if i % 3 else "",
            approved_by_id=evaluators[c.organisation_id] if i % 3 == 2 else None,
            approved_at=approved_at if i % 3 == 2 else None)
        for i, c in enumerate(communities)])
    plan.bulk(StoryStep, [
        StoryStep(organisation_id=story.organisation_id, story=story, position=i, cycle=cycle,
                  text=f"What happened at the {cycle} stage, in the narrator's words.")
        for story in stories for i, cycle in enumerate(STEPS)])
    return f"{len(rows)} evidence items, {len(stories)} stories"
