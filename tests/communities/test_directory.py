import pytest
from django.urls import reverse

from communities.models import CommunityStatus, MembershipRole, Visibility
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat


def directory(org="tenant-a"):
    return reverse("communities:directory", kwargs={"org": org})


def test_directory_lists_listed_communities_of_this_tenant_only(world, client_for):
    body = client_for(world.a.outsider).get(directory()).content.decode()
    assert "Alpha Network Sepsis" in body
    assert "Beta Network Sepsis" not in body
    assert "Alpha Network Quiet Circle" not in body  # unlisted, and not theirs


def test_unlisted_community_shows_to_its_members_and_host_staff(world, client_for):
    assert "Alpha Network Quiet Circle" in client_for(world.a.convener).get(directory()).content.decode()
    assert "Alpha Network Quiet Circle" in client_for(world.a.project_manager).get(directory()).content.decode()


def test_directory_shows_conveners_and_member_counts(world, client_for):
    body = client_for(world.a.member).get(directory()).content.decode()
    assert "Convened by" in body
    assert "2 members" in body  # the convener and the member


def test_directory_searches_name_and_domain(world, client_for):
    CommunityFactory(organisation=world.a.organisation, name="Delirium", slug="delirium",
                     domain_statement="Earlier recognition of delirium in older people.")
    client = client_for(world.a.member)
    body = client.get(directory(), {"q": "older people"}).content.decode()
    assert "Delirium" in body and "Alpha Network Sepsis" not in body
    body = client.get(directory(), {"q": "no such thing"}).content.decode()
    assert "No communities match" in body


def test_directory_filters_by_status(world, client_for):
    CommunityFactory(organisation=world.a.organisation, name="Forming One", status=CommunityStatus.FORMING)
    body = client_for(world.a.member).get(directory(), {"status": "forming"}).content.decode()
    assert "Forming One" in body and "Alpha Network Sepsis" not in body


@pytest.mark.parametrize("params", [{"status": "<b>nope</b>"}, {"q": "x" * 5000}, {"page": "999"}, {"page": "abc"}])
def test_directory_survives_bad_input(world, client_for, params):
    response = client_for(world.a.member).get(directory(), params)
    assert response.status_code == 200
    assert b"<b>nope</b>" not in response.content


def test_hostile_html_in_a_name_is_escaped(world, client_for):
    CommunityFactory(organisation=world.a.organisation, name="<script>alert('x')</script>",
                     domain_statement="<img src=x onerror=alert(1)>")
    body = client_for(world.a.member).get(directory()).content.decode()
    assert "<script>alert('x')</script>" not in body
    assert "<img src=x onerror" not in body
    assert "&lt;script&gt;" in body


def test_directory_paginates(world, client_for):
    for i in range(30):
        CommunityFactory(organisation=world.a.organisation, name=f"Zeta {i:02d}")
    client = client_for(world.a.member)
    first = client.get(directory()).content.decode()
    assert "Page 1 of 2" in first and "page=2" in first
    second = client.get(directory(), {"page": 2}).content.decode()
    assert "Zeta 29" in second and "Zeta 29" not in first


def test_htmx_search_returns_only_the_results_fragment(world, client_for):
    response = client_for(world.a.member).get(directory(), {"q": "sepsis"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Alpha Network Sepsis" in body
    assert "<html" not in body and "nhsuk-header" not in body


def test_directory_queries_do_not_grow_from_10_to_200_communities(world, client_for):
    org = world.a.organisation
    for _ in range(8):
        c = CommunityFactory(organisation=org)
        member_of(c, role=MembershipRole.CONVENER)

    def grow():
        for _ in range(190):
            c = CommunityFactory(organisation=org, visibility=Visibility.LISTED)
            member_of(c, role=MembershipRole.CONVENER)
            member_of(c)

    before, _ = assert_queries_flat(client_for(world.a.project_manager), directory(), grow)
    assert before <= 12


def test_community_home_shows_domain_and_conveners(world, client_for):
    url = reverse("communities:home", kwargs={"org": "tenant-a", "slug": "sepsis"})
    body = client_for(world.a.member).get(url).content.decode()
    assert "What we care about" in body
    assert world.a.convener.display_name in body


def test_community_home_queries_do_not_grow_with_members(world, client_for):
    url = reverse("communities:home", kwargs={"org": "tenant-a", "slug": "sepsis"})

    def grow():
        for _ in range(50):
            member_of(world.a.community)
        member_of(world.a.community, role=MembershipRole.CO_CONVENER)

    assert_queries_flat(client_for(world.a.member), url, grow)


def test_tenant_home_queries_do_not_grow(world, client_for):
    def grow():
        for _ in range(40):
            c = CommunityFactory(organisation=world.a.organisation)
            member_of(c, user=world.a.project_manager)

    assert_queries_flat(client_for(world.a.project_manager), "/tenant-a/", grow)


def test_people_page_queries_do_not_grow(world, client_for):
    from cop_platform.tenancy.models import Role
    from tests.factories import person_in

    def grow():
        for i in range(60):
            person_in(world.a.organisation, roles=[Role.PANEL_MEMBER] if i % 2 else [])

    assert_queries_flat(client_for(world.a.admin), "/tenant-a/people/", grow)
