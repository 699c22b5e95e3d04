"""The host's state of play: one row per community, sortable, with a CSV export safe against formula
injection; query counts flat to 300 communities."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Action, Community, Meeting, Membership
from cop_platform.exports import csv_safe
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat


def sop(tenant, csv_=False):
    name = "state_of_play_csv" if csv_ else "state_of_play"
    return reverse(f"community_host:{name}", kwargs={"org": tenant.organisation.slug})


def rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_safe_neutralises_formulas():
    assert [csv_safe(v) for v in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx", "Sepsis", None, 3]] == [
        "'=SUM(A1)", "'+1", "'-1", "'@cmd", "'\tx", "'\rx", "Sepsis", "", "3"]


def test_state_of_play_shows_every_community_with_its_people_and_meetings(world, client_for):
    with scopes_disabled():
        Meeting.objects.create(organisation=world.a.organisation, community=world.a.community, title="Next",
                               starts_at=timezone.now() + timedelta(days=5),
                               ends_at=timezone.now() + timedelta(days=5, hours=1), place="Room")
        Action.objects.create(organisation=world.a.organisation, community=world.a.community,
                              title="Write the audit summary", month=timezone.localdate().replace(day=1))
    response = client_for(world.a.project_manager).get(sop(world.a))
    assert response.status_code == 200
    page = response.context["page"]
    assert [c.name for c in page] == ["Alpha Network Quiet Circle", "Alpha Network Sepsis"]  # unlisted too
    sepsis = page[1]
    assert sepsis.member_total == 2 and sepsis.next_meeting is not None
    assert b"Write the audit summary" in response.content
    assert world.a.convener.display_name.encode() in response.content
    assert b"Beta Network" not in response.content


def test_the_last_meeting_is_the_last_one_held_not_a_cancelled_one(world, client_for):
    held, cancelled = timezone.now() - timedelta(days=120), timezone.now() - timedelta(days=10)
    with scopes_disabled():
        for title, start in (("Held", held), ("Called off", cancelled)):
            meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                             title=title, starts_at=start, ends_at=start + timedelta(hours=1))
        Meeting.objects.filter(pk=meeting.pk).update(cancelled_at=cancelled - timedelta(days=3))
    page = client_for(world.a.project_manager).get(sop(world.a)).context["page"]
    sepsis = next(c for c in page if c.name == "Alpha Network Sepsis")
    assert sepsis.last_meeting == held
    assert sepsis.quiet  # nothing held for three months: the cancelled meeting does not count


def test_state_of_play_sorts_by_members_and_ignores_unknown_sorts(world, client_for):
    for _ in range(3):
        member_of(world.a.unlisted)
    client = client_for(world.a.project_manager)
    names = [c.name for c in client.get(sop(world.a), {"sort": "-members"}).context["page"]]
    assert names[0] == "Alpha Network Quiet Circle"
    names = [c.name for c in client.get(sop(world.a), {"sort": "members"}).context["page"]]
    assert names[0] == "Alpha Network Sepsis"
    response = client.get(sop(world.a), {"sort": "; DROP TABLE", "status": "bogus"})
    assert response.status_code == 200 and response.context["sort"] == "name"


def test_csv_export_is_safe_against_formula_injection(world, client_for):
    with scopes_disabled():
        Community.objects.filter(pk=world.a.community.pk).update(name='=HYPERLINK("http://evil.example.org")')
        Action.objects.create(organisation=world.a.organisation, community=world.a.community,
                              title="@SUM(1+1)", month=timezone.localdate().replace(day=1))
    response = client_for(world.a.admin).get(sop(world.a, csv_=True))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = rows(response)
    assert table[0][:4] == ["Community", "Conveners", "Core group", "Members"]
    (evil,) = [r for r in table if "HYPERLINK" in r[0]]
    assert evil[0].startswith("'=") and evil[7].startswith("'@")


def test_members_cannot_see_the_state_of_play(world, client_for):
    for person in (world.a.convener, world.a.member):
        assert client_for(person).get(sop(world.a)).status_code == 403
        assert client_for(person).get(sop(world.a, csv_=True)).status_code == 403


def test_evaluators_read_the_state_of_play(world, client_for):
    """Evaluators work across communities (issue 10, the evaluator's home): the state of play has no actions."""
    assert client_for(world.a.evaluator).get(sop(world.a)).status_code == 200
    assert client_for(world.a.evaluator).get(sop(world.a, csv_=True)).status_code == 200


def test_state_of_play_queries_stay_flat_to_300_communities(world, client_for):
    client = client_for(world.a.project_manager)

    def grow():
        for i in range(298):
            c = CommunityFactory(organisation=world.a.organisation, slug=f"grown-{i}", name=f"Grown {i:03d}")
            if i % 50 == 0:
                member_of(c, role="convener")
                with scopes_disabled():
                    Action.objects.create(organisation=world.a.organisation, community=c, title="Step",
                                          month=timezone.localdate().replace(day=1))

    before, after = assert_queries_flat(client, sop(world.a), grow)
    assert before <= 12
    assert_queries_flat(client, sop(world.a, csv_=True), lambda: None)
    with scopes_disabled():
        assert Membership.objects.filter(community__organisation=world.a.organisation).exists()
