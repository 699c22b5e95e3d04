"""The brochure of the organisation's communities (PDF): a page per running listed community, the cover
and the value-cycle pages, PDF/UA tagging, least privilege (no convener e-mail, stories only with consent
for public material, counts under 5 suppressed), hostile text, who may have it, bounded queries."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities.models import Community, MembershipRole
from cop_platform.models import Build, BuildStatus
from evaluation.exports import BROCHURE_KIND, brochure_context, suppressed
from tests.core.pdf_helpers import embedded_things, pdf_reader, pdf_text
from tests.evaluation.builders_stories import HOSTILE, story
from tests.evaluation.exports_helpers import build, download, new_url
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat


def _text(content):
    return " ".join(pdf_text(content).split())


@pytest.fixture
def running(world):
    """Three running listed communities in tenant a (besides its forming "Sepsis"), one dormant and one closed."""
    a = world.a
    made = [CommunityFactory(organisation=a.organisation, name=f"Running {n}", slug=f"running-{n}", status="active",
                             domain_statement=f"Domain of running {n}.") for n in range(3)]
    CommunityFactory(organisation=a.organisation, name="Dormant Circle", slug="dormant", status="dormant")
    CommunityFactory(organisation=a.organisation, name="Closed Circle", slug="closed", status="closed")
    return made


def _brochure(client, tenant, capture):
    made = build(client, tenant, BROCHURE_KIND, tenant.organisation.pk, capture)
    assert made.status == BuildStatus.READY, made.failure_reason
    return download(client, tenant, made)


def test_brochure_has_a_page_per_running_community_the_cover_and_value_pages(
        world, running, client_for, django_capture_on_commit_callbacks):
    a = world.a
    with scopes_disabled():
        a.organisation.introduction = "Welcome to our communities: an introduction from the host."
        a.organisation.save()
    content, response = _brochure(client_for(a.evaluator), a, django_capture_on_commit_callbacks)
    assert response["Content-Type"] == "application/pdf"
    text = _text(content)
    names = [a.community.name] + [c.name for c in running]
    for name in names:
        assert f"Community: {name}" in text, name
    for absent in ("Dormant Circle", "Closed Circle", a.unlisted.name):
        assert absent not in text, absent
    pages = pdf_reader(content).pages
    assert len(pages) >= 1 + len(names)
    headed = [n for n in names if any(f"Community: {n}" in " ".join((p.extract_text() or "").split()) for p in pages)]
    assert headed == names
    for expected in ("our communities of practice", "Welcome to our communities: an introduction from the host.",
                     "The lifecycle of a community of practice", "Developing feedback", "The value cycle",
                     "Reframing value", "Telling stories", "Domain of running 1."):
        assert expected in text, expected
    assert embedded_things(content) == []


def test_brochure_is_tagged_pdf_ua(world, client_for, django_capture_on_commit_callbacks):
    content, _ = _brochure(client_for(world.a.admin), world.a, django_capture_on_commit_callbacks)
    reader = pdf_reader(content)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"]) and bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == f"{world.a.organisation.name}: our communities of practice"


def test_least_privilege_consent_and_small_counts(world, client_for, django_capture_on_commit_callbacks):
    a = world.a
    story(a, title="A story for everyone", consent="public", status="approved")
    story(a, title="A story for reports only", consent="report", status="approved")
    story(a, title="A draft with public consent", consent="public", status="draft")
    with scope(organisation=a.organisation):
        from conveners.services import support

        support.convener_profile_save(organisation=a.organisation, by=a.convener,
                                      about="I lead sepsis work on the wards.", motivation="")
    text = _text(_brochure(client_for(a.project_manager), a, django_capture_on_commit_callbacks)[0])
    assert "A story for everyone" in text
    assert "A story for reports only" not in text and "A draft with public consent" not in text
    assert "I lead sepsis work on the wards." in text and "Tell us about yourself" in text
    assert "What motivated you" not in text  # unanswered questions are left out
    assert a.convener.email not in text and a.member.email not in text
    assert "Members: fewer than 5" in text
    assert suppressed(4) == "fewer than 5" and suppressed(5) == "5" and suppressed(1234) == "1,234"


def test_hostile_html_in_a_domain_is_shown_as_text(world, client_for, django_capture_on_commit_callbacks):
    a = world.a
    with scopes_disabled():
        Community.objects.filter(pk=a.community.pk).update(
            domain_statement=HOSTILE + '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">')
    content, _ = _brochure(client_for(a.admin), a, django_capture_on_commit_callbacks)
    text = _text(content)
    assert HOSTILE in text and "root:x:0:0" not in text
    assert embedded_things(content) == []


def test_brochure_is_refused_to_members_conveners_reviewers_and_other_tenants(
        world, client_for, django_capture_on_commit_callbacks):
    a = world.a
    made = build(client_for(a.evaluator), a, BROCHURE_KIND, a.organisation.pk, django_capture_on_commit_callbacks)
    urls = [reverse(n, kwargs={"org": a.organisation.slug, "build_id": made.pk})
            for n in ("build_status", "build_download")]
    for person in (a.member, a.convener, a.panel_member, a.outsider, world.b.admin, world.b.evaluator):
        client = client_for(person)
        assert client.post(new_url(a, BROCHURE_KIND, a.organisation.pk)).status_code == 404, person.email
        for url in urls:
            assert client.get(url).status_code == 404, (person.email, url)
    # this organisation's staff asking for another organisation's brochure
    assert client_for(a.admin).post(new_url(a, BROCHURE_KIND, world.b.organisation.pk)).status_code == 404


def test_brochure_context_queries_do_not_grow_with_communities(world, running):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a = world.a

    def count():
        with scope(organisation=a.organisation), CaptureQueriesContext(connection) as ctx:
            context = brochure_context(a.organisation)
        return len(ctx.captured_queries), context

    before, context = count()
    assert len(context["communities"]) == 4
    for n in range(6):
        extra = CommunityFactory(organisation=a.organisation, name=f"More {n}", slug=f"more-{n}", status="active")
        member_of(extra, role=MembershipRole.CONVENER, user=a.convener)
        member_of(extra, role=MembershipRole.CO_CONVENER)
    after, context = count()
    assert len(context["communities"]) == 10 and after == before


def test_evaluators_home_lists_reports_built_and_building_with_flat_queries(
        world, client_for, django_capture_on_commit_callbacks):
    a = world.a
    client = client_for(a.evaluator)
    url = reverse("evaluation:home", kwargs={"org": a.organisation.slug})
    page = client.get(url).content.decode()
    assert 'data-testid="reports-panel"' in page and "Build the brochure (PDF)" in page
    build(client, a, BROCHURE_KIND, a.organisation.pk, django_capture_on_commit_callbacks)

    def grow():
        with scopes_disabled():
            for _ in range(5):
                Build.objects.create(organisation=a.organisation, kind="evaluation.data_pack",
                                     target_type="communities.community", target_id=a.community.pk,
                                     requested_by=a.admin, status=BuildStatus.BUILDING, progress=40)

    assert_queries_flat(client, url, grow)
    page = client.get(url).content.decode()
    assert "Value-cycle data pack (CSV and XLSX, zip)" in page and "40%" in page and "Ready" in page
    assert 'data-testid="reports-panel"' not in client_for(a.member).get(url).content.decode()
