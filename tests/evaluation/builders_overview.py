"""Builders for the evaluator's views and the value-cycle report: communities with members from several
employers, meetings with attendance, evidence, an indicator with a value, and stories in each state."""

from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import Attendance, Meeting, Membership
from evaluation import services
from evaluation.models import Evidence
from programmes.models import Programme
from tests.evaluation.builders_stories import story
from tests.factories import CommunityFactory, member_of

HOSTILE = '<script>alert("x")</script>'


def programme_of(tenant, *communities, name="Sepsis programme"):
    with scopes_disabled():
        programme, _ = Programme.objects.get_or_create(organisation=tenant.organisation,
                                                       slug=name.lower().replace(" ", "-"), defaults={"name": name})
        programme.communities.add(*communities)
    return programme


def people(community, *employers, profession="Nurse"):
    """Members of ``community`` working for ``employers`` (one each)."""
    made = []
    for employer in employers:
        user = member_of(community)
        with scopes_disabled():
            Membership.objects.filter(community=community, user=user).update(employer=employer,
                                                                             profession=profession)
        made.append(user)
    return made


def meeting(community, attendees, *, days_ago=3):
    with scopes_disabled():
        starts = timezone.now() - timedelta(days=days_ago)
        made = Meeting.objects.create(organisation=community.organisation, community=community, title="Huddle",
                                      starts_at=starts, ends_at=starts + timedelta(hours=1))
        for user in attendees:
            Attendance.objects.create(organisation=community.organisation, meeting=made, user=user)
    return made


def evidence(community, cycles=("immediate",), *, kind="document", text="", consent="community", title="Minutes"):
    with scopes_disabled():
        return Evidence.objects.create(organisation=community.organisation, community=community, title=title,
                                       kind=kind, text=text, consent=consent, date=timezone.localdate(),
                                       cycles=list(cycles))


def indicator_value(tenant, community, *, cycle="realised", name="Screened within the hour", value="87"):
    org = tenant.organisation
    with scope(organisation=org):
        indicator = services.community_indicator_add(organisation=org, by=tenant.convener, community=community,
                                                     cycle=cycle, name=name)
        return services.indicator_value_add(organisation=org, by=tenant.convener, indicator=indicator,
                                            date=date(2026, 10, 1), value=value)


def busy_community(tenant, n, *, programme=None, name=None):
    """A community with two members of different employers who met, evidence, an indicator value and an
    approved story — everything each picture counts."""
    community = CommunityFactory(organisation=tenant.organisation, name=name or f"Community {n}",
                                 slug=f"busy-{n}")
    a, b = people(community, f"Trust {n}", "Council")
    meeting(community, [a, b])
    evidence(community, ("immediate", "potential"))
    indicator_value(tenant, community)
    story(tenant, a, community=community, title=f"Story {n}", status="approved", steps=("immediate", "applied"))
    if programme is not None:
        with scopes_disabled():
            programme.communities.add(community)
    return community
