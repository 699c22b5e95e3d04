"""The value-cycle report of a community or a programme: built through the core's file builds; a section
per cycle, the charts, approved stories only (consent for reports), quotes with consent only, small counts
held back, hostile text escaped and nothing embedded, tagged PDF/UA; who may build it."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from cop_platform.models import Build, BuildStatus
from evaluation import reports, rules
from tests.core.pdf_helpers import embedded_things, pdf_reader, pdf_text
from tests.evaluation.builders_overview import HOSTILE, busy_community, evidence, meeting, people, programme_of
from tests.evaluation.builders_stories import story
from tests.helpers import count_queries

ORG = "tenant-a"


def build(client, kind, target, capture):
    with capture(execute=True):
        response = client.post(reverse("build_new", kwargs={"org": ORG, "build_kind": kind, "build_target": target}),
                               {"next": f"/{ORG}/evaluation/views/"})
    assert response.status_code == 302, response.status_code
    with scopes_disabled():
        return Build.objects.filter(kind=kind, target_id=target).order_by("-pk").first()


def download(client, made):
    response = client.get(reverse("build_download", kwargs={"org": ORG, "build_id": made.pk}))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def text_of(content):
    return " ".join(pdf_text(content).split())


@pytest.fixture
def programme(world):
    a = world.a
    community = busy_community(a, 1, name="Polypharmacy circle")
    story(a, title=f"Hostile {HOSTILE} title", status="approved", steps=("realised",), community=community)
    story(a, title="Shared only, not approved", status="shared", consent="report", steps=("applied",),
          community=community)
    story(a, title="Community consent only", status="shared", consent="community", steps=("applied",),
          community=community)
    story(a, title="A narrator's draft", steps=("applied",), community=community)
    evidence(community, ("potential",), kind="quote", text="Liberating structures changed our meetings.",
             consent="report", title="Quote")
    evidence(community, ("potential",), kind="quote", text="Only for the community's eyes.", consent="community",
             title="Private quote")
    return programme_of(a, community, name="Convener programme")


def test_programme_report_follows_the_outline_with_approved_stories_only(world, client_for, programme,
                                                                       django_capture_on_commit_callbacks):
    client = client_for(world.a.evaluator)
    made = build(client, reports.PROGRAMME_KIND, programme.pk, django_capture_on_commit_callbacks)
    assert made.status == BuildStatus.READY, made.failure_reason
    content = download(client, made)
    text = text_of(content)
    for expected in ("Value-cycle report: Convener programme", "Summary", "Headline stories", "Lifecycle phase",
                     *[c.name for c in rules.CHAIN], "The value-creation matrix", "Impact stories", "Value flow",
                     "Participation and rhythm", "Boundary crossing", "Pulse results", "Methods and limitations",
                     "Story 1", "Liberating structures changed our meetings."):
        assert expected in text, f"{expected!r} missing from the report"
    for chart_title in ("The cycle ladder: evidence items and story steps per cycle",
                        "Value flow: how far 2 stories reach", "Participation tiers by quarter",
                        "Phase × cycle: evidence items and story steps by lifecycle phase"):
        assert chart_title in text, chart_title
    for absent in ("Shared only, not approved", "Community consent only", "A narrator's draft",
                   "Only for the community's eyes."):
        assert absent not in text, f"{absent!r} leaked into the report"
    assert f"Hostile {HOSTILE} title" in text  # shown as text, never markup
    assert embedded_things(content) == []


def test_report_is_tagged_pdf_ua_with_its_title(world, programme):
    with scope(organisation=world.a.organisation):
        from evaluation.selectors.overview import Scope

        content = reports.report_pdf(Scope(organisation=world.a.organisation, programme=programme))
    reader = pdf_reader(content)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Value-cycle report: Convener programme"


def test_counts_of_people_under_five_are_held_back(world, client_for, django_capture_on_commit_callbacks):
    a = world.a
    community = busy_community(a, 1, name="Small circle")
    client = client_for(a.evaluator)
    made = build(client, reports.COMMUNITY_KIND, community.pk, django_capture_on_commit_callbacks)
    text = text_of(download(client, made))
    assert "Members fewer than 5" in text
    assert "fewer than 5" in text.split("Participation tiers by quarter")[1]
    # the page, for the organisation's own eyes, shows the counts
    page = client.get(reverse("evaluation:views", kwargs={"org": ORG}) + f"?community={community.slug}")
    assert "fewer than 5" not in page.content.decode()


def test_a_convener_builds_their_own_communitys_report_only(world, client_for, programme,
                                                          django_capture_on_commit_callbacks):
    a = world.a
    with scopes_disabled():
        community = programme.communities.get()
    convener = people(community, "Trust")[0]
    with scopes_disabled():
        community.memberships.filter(user=convener).update(role="convener")
    client = client_for(convener)
    made = build(client, reports.COMMUNITY_KIND, community.pk, django_capture_on_commit_callbacks)
    assert made.status == BuildStatus.READY, made.failure_reason
    value_page = client.get(reverse("evaluation:community_value", kwargs={"org": ORG, "slug": community.slug}))
    assert "The value-cycle report</h2>" in value_page.content.decode()
    for kind, target in ((reports.COMMUNITY_KIND, a.community.pk), (reports.PROGRAMME_KIND, programme.pk)):
        response = client.post(reverse("build_new", kwargs={"org": ORG, "build_kind": kind, "build_target": target}))
        assert response.status_code == 404, kind


def test_members_panel_and_other_tenants_cannot_build_or_see_the_box(world, client_for, programme):
    with scopes_disabled():
        community = programme.communities.get()
    member = people(community, "Trust")[0]
    for person in (member, world.a.panel_member, world.b.evaluator):
        client = client_for(person)
        for kind, target in ((reports.COMMUNITY_KIND, community.pk), (reports.PROGRAMME_KIND, programme.pk)):
            url = reverse("build_new", kwargs={"org": ORG, "build_kind": kind, "build_target": target})
            assert client.post(url).status_code == 404, (person, kind)
    page = client_for(member).get(reverse("evaluation:community_value", kwargs={"org": ORG, "slug": community.slug}))
    assert page.status_code == 200 and "value-cycle report" not in page.content.decode()


def test_other_tenants_community_or_programme_is_not_found(world, client_for):
    other = programme_of(world.b, world.b.community, name="Beta programme")
    client = client_for(world.a.evaluator)
    for kind, target in ((reports.COMMUNITY_KIND, world.b.community.pk), (reports.PROGRAMME_KIND, other.pk),
                         (reports.PROGRAMME_KIND, 10 ** 12)):
        url = reverse("build_new", kwargs={"org": ORG, "build_kind": kind, "build_target": target})
        assert client.post(url).status_code == 404


def test_report_context_query_count_does_not_grow_with_communities(world):
    a = world.a
    programme = programme_of(a, a.community)
    for n in range(2):
        busy_community(a, n, programme=programme)
    from evaluation.selectors.overview import Scope

    def count():
        with scope(organisation=a.organisation):
            return count_queries(lambda: reports.report_context(Scope(organisation=a.organisation,
                                                                      programme=programme)))[1]

    before = count()
    for n in range(2, 20):
        busy_community(a, n, programme=programme)
    assert count() == before


def test_a_meeting_with_many_people_shows_their_counts(world):
    a = world.a
    community = busy_community(a, 1)
    crowd = people(community, *[f"Trust {n}" for n in range(6)])
    meeting(community, crowd)
    from evaluation.selectors.overview import Scope

    with scope(organisation=a.organisation):
        context = reports.report_context(Scope(organisation=a.organisation, community=community))
    assert context["boundary"]["now_shown"]["members"] == 8


def test_the_programme_page_offers_its_report_to_evaluators_only(world, client_for, programme):
    url = reverse("programmes:programme", kwargs={"org": ORG, "slug": programme.slug})
    page = client_for(world.a.evaluator).get(url).content.decode()
    assert "Build the value-cycle report (PDF)" in page
    with scopes_disabled():
        member = people(programme.communities.get(), "Trust")[0]
    response = client_for(member).get(url)
    assert "Build the value-cycle report (PDF)" not in response.content.decode()
