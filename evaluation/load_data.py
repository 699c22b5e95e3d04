"""Evaluation's part of ``generate_load_data``: evidence across the communities (the largest has the most)
and the largest community's indicators with values, by bulk inserts.

Found by the core command through ``cop_platform.discovery.app_modules("load_data")``.
"""

from datetime import date, timedelta

from . import rules
from .models import CommunityIndicator, Evidence, IndicatorValue

SCALES = {"S": {"largest": 100, "per_community": 3}, "M": {"largest": 1000, "per_community": 5},
          "L": {"largest": 5000, "per_community": 8}}


def generate(*, organisation, users, scale):
    from communities.models import Community

    spec = SCALES[scale]
    communities = list(Community.objects.filter(organisation=organisation).order_by("slug"))
    if not communities:
        return ""
    keys = [c.key for c in rules.CHAIN]
    start = date(2026, 11, 1)
    rows = []
    for index, community in enumerate(communities):
        for i in range(spec["largest"] if index == 0 else spec["per_community"]):
            rows.append(Evidence(organisation=organisation, community=community, title=f"Evidence {i} of {index}",
                                 text="What happened and what it produced.", date=start - timedelta(days=i % 400),
                                 cycles=[keys[i % 5], keys[(i + 2) % 5]], added_by=users[i % len(users)]))
    Evidence.objects.bulk_create(rows, batch_size=2000)
    largest = communities[0]
    indicators = CommunityIndicator.objects.bulk_create(
        [CommunityIndicator(organisation=organisation, community=largest, cycle=cycle, name=f"{name} (load)",
                            how_measured=how, computed=computed)
         for cycle, name, how, computed in rules.DEFAULT_INDICATORS])
    if indicators[0].pk is None:
        indicators = list(CommunityIndicator.objects.filter(community=largest))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(organisation=organisation, indicator=indicator, date=start - timedelta(days=30 * m), value=m)
        for indicator in indicators if not indicator.computed for m in range(24))
    return f"{len(rows)} evidence items"
