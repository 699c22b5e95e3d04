"""The community home's figures, computed by the database and loaded with the community: boundary crossing
by month, the next and last meeting, the conveners' dashboard (counts, join requests, arrivals, new
members), and the page's query budget whatever the data."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import selectors
from communities.models import Action, Community, Invitation, JoinRequest, MapEntry, Meeting, Membership, MembershipRole
from tests.factories import member_of, person_in
from tests.helpers import assert_queries_flat


def home(tenant):
    return reverse("communities:home", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug})


def _joined(community, user, when, **profile):
    with scopes_disabled():
        Membership.objects.filter(community=community, user=user).update(joined_at=when, **profile)


def test_boundary_crossing_by_month_counts_members_by_when_they_joined(world):
    community = world.a.community
    now = timezone.now()
    today = timezone.localdate()
    two_months_ago = now - timedelta(days=70)
    _joined(community, world.a.convener, now - timedelta(days=400), employer="Trust A", profession="Nurse",
            sector="nhs_acute")
    _joined(community, world.a.member, two_months_ago, employer=" trust a", profession="GP",
            sector="primary_care")
    late = member_of(community)
    _joined(community, late, now, employer="Council", profession="", sector="local_government")
    with scope(organisation=world.a.organisation):
        crossing = selectors.boundary_crossing(community=community, today=today)
        across = selectors.boundary_crossing(communities=Community.objects.filter(pk=community.pk), today=today)
    assert crossing["now"] == {"members": 3, "organisations": 2, "professions": 2, "sectors": 3}
    joined = [now - timedelta(days=400), two_months_ago, now]

    def month_end(month):  # the first moment of the next month
        first = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        return timezone.make_aware(datetime.combine(first, time.min))

    assert [row["members"] for row in crossing["history"]] == [
        sum(when < month_end(row["month"]) for when in joined) for row in crossing["history"]]
    assert crossing["history"][-1]["members"] == 3 and crossing["history"][-2]["members"] == 2
    assert crossing["history"][0] == {"month": crossing["history"][0]["month"], "members": 1, "organisations": 1,
                                      "professions": 1, "sectors": 1}
    assert crossing["history"][-1]["organisations"] == 2 and crossing["history"][-1]["sectors"] == 3
    # The database's count agrees with the count over the rows (kept for several communities at once).
    assert crossing["now"] == across["now"] and crossing["history"] == across["history"]


def test_home_shows_next_meeting_not_cancelled_and_the_last_one(world, client_for):
    community, org = world.a.community, world.a.organisation
    now = timezone.now()
    with scopes_disabled():
        for title, days, cancelled in [("Cancelled catch-up", 2, True), ("Handover huddle", 5, False),
                                       ("Audit review", -3, False), ("Older meeting", -30, False)]:
            starts = now + timedelta(days=days)
            Meeting.objects.create(organisation=org, community=community, title=title, starts_at=starts,
                                   ends_at=starts + timedelta(hours=1), cancelled_at=now if cancelled else None)
    page = client_for(world.a.member).get(home(world.a)).content.decode()
    next_meeting = page.split('data-testid="next-meeting"')[1].split("</p>")[0]
    assert "Handover huddle" in next_meeting and "Cancelled catch-up" not in next_meeting
    assert "Last met" in page and "Audit review" in page and "Older meeting" not in page


def test_convener_dashboard_counts_and_lists(world, client_for):
    community, org = world.a.community, world.a.organisation
    now = timezone.now()
    with scopes_disabled():
        for i, status in enumerate(["sent", "sent", "queued", "failed", "accepted"]):
            Invitation.objects.create(organisation=org, community=community, email=f"inv{i}@example.org",
                                      message="Hi", status=status, expires_at=now + timedelta(days=3))
        for k, status in enumerate(["planned", "in_progress", "done"]):
            Action.objects.create(organisation=org, community=community, title=f"Step {k}", status=status,
                                  month=now.date().replace(day=1))
        old_waiting = JoinRequest.objects.create(organisation=org, community=community,
                                                 user=person_in(org, first_name="Olwen", last_name="Waite"))
        JoinRequest.objects.filter(pk=old_waiting.pk).update(created_at=now - timedelta(days=60))
        JoinRequest.objects.create(organisation=org, community=community, status="declined",
                                   user=person_in(org, first_name="Dara", last_name="Nolan"))
    newcomers = [member_of(community, first_name=f"New{i}", last_name="Starter") for i in range(6)]
    for i, user in enumerate(newcomers):
        _joined(community, user, now - timedelta(days=i + 1))
    _joined(community, world.a.member, now - timedelta(days=45))
    _joined(community, world.a.convener, now - timedelta(days=400))
    page = client_for(world.a.convener).get(home(world.a)).content.decode()
    assert '<dd class="nhsuk-summary-list__value" data-testid="pending-invitations">3 (1 could not be sent)' in page
    assert 'data-testid="open-actions">2<' in page
    join_requests = page.split('data-testid="dashboard-join-requests">')[1].split("</dd>")[0]
    assert "Olwen Waite" in join_requests and "Dara Nolan" not in join_requests
    arrivals = page.split('data-testid="dashboard-arrivals"')[1].split("</ul>")[0]
    assert "Dara Nolan" in arrivals and "asked to join (declined)" in arrivals and "Olwen Waite" not in arrivals
    new_members = page.split("New members (30 days)")[1].split("</dd>")[0]
    assert [f"New{i} Starter" in new_members for i in range(6)] == [True] * 5 + [False]
    assert new_members.index("New0 Starter") < new_members.index("New4 Starter")
    assert world.a.member.display_name not in new_members
    convened = page.split("Convened by")[1].split("</dd>")[0]
    assert world.a.convener.display_name in convened and "New0" not in convened


def test_startup_checklist_reads_the_flags_loaded_with_the_community(world, client_for):
    with scopes_disabled():
        MapEntry.objects.create(organisation=world.a.organisation, community=world.a.community, name="Someone")
    page = client_for(world.a.convener).get(home(world.a)).content.decode()
    step = page.split('data-testid="step-map"')[1].split("</li>")[0]
    assert "Done" in step
    assert "To do" in page.split('data-testid="step-invitation"')[1].split("</li>")[0]


def _grow(community, n):
    org = community.organisation
    now = timezone.now()
    from cop_platform.accounts.models import User
    from tests.factories import UserFactory

    with scopes_disabled():
        start = Membership.objects.count()
        users = User.objects.bulk_create([UserFactory.build(email=f"g{start + i}@example.org", last_name="Grow")
                                          for i in range(n)])
        Membership.objects.bulk_create([
            Membership(organisation=org, community=community, user=u, employer=f"Trust {i % 7}",
                       profession=f"Profession {i % 5}", sector="nhs_acute",
                       role=MembershipRole.CONVENER if i % 10 == 0 else MembershipRole.MEMBER)
            for i, u in enumerate(users)])
        Invitation.objects.bulk_create([
            Invitation(organisation=org, community=community, email=f"grow{start + i}@example.org", message="Hi",
                       status=["sent", "failed", "accepted"][i % 3], responded_at=now, accepted_by=users[i],
                       expires_at=now + timedelta(days=3)) for i in range(n)])
        JoinRequest.objects.bulk_create([
            JoinRequest(organisation=org, community=community, user=u, status=["pending", "declined"][i % 2])
            for i, u in enumerate(users)])
        Meeting.objects.bulk_create([
            Meeting(organisation=org, community=community, title=f"M{i}", starts_at=now + timedelta(days=i - n // 2),
                    ends_at=now + timedelta(days=i - n // 2, hours=1)) for i in range(n)])
        Action.objects.bulk_create([
            Action(organisation=org, community=community, title=f"A{i}", owner=users[i],
                   month=now.date().replace(day=1)) for i in range(n)])
        MapEntry.objects.bulk_create([MapEntry(organisation=org, community=community, name=f"E{i}")
                                      for i in range(n)])


@pytest.mark.parametrize("who", ["convener", "admin", "member"])
def test_community_home_stays_within_its_query_budget_with_2_and_20_of_everything(world, client_for, who):
    community = world.a.community
    _grow(community, 2)
    before, _ = assert_queries_flat(client_for(getattr(world.a, who)), home(world.a), lambda: _grow(community, 18))
    assert before <= 15
