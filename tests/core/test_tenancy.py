import pytest
from django.core import checks
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import ScopeError, scope

from communities.models import Community, Membership
from communities.services import membership_add
from cop_platform.tenancy.models import Organisation, OrganisationMember, OrganisationRole, Role
from tests.factories import OrganisationFactory, UserFactory, person_in


def test_querying_a_tenant_model_outside_a_scope_fails_loudly(world):
    for model in (Community, Membership, OrganisationMember, OrganisationRole):
        with pytest.raises(ScopeError):
            list(model.objects.all())


def test_a_scope_shows_only_its_tenants_rows(world):
    with scope(organisation=world.a.organisation):
        names = set(Community.objects.values_list("name", flat=True))
    assert names == {"Alpha Network Sepsis", "Alpha Network Quiet Circle"}


def test_every_model_is_tenant_owned_or_listed_as_global():
    errors = [e for e in checks.run_checks(tags=[checks.Tags.models]) if e.id == "convene.E001"]
    assert errors == []


def test_membership_add_refuses_a_community_of_another_tenant(world):
    with scope(organisation=world.a.organisation):
        with pytest.raises(ValidationError):
            membership_add(organisation=world.a.organisation, community=world.b.community, user=world.a.member)


def test_membership_add_makes_the_person_a_member_of_the_organisation(world):
    newcomer = UserFactory()
    with scope(organisation=world.a.organisation):
        membership_add(organisation=world.a.organisation, community=world.a.community, user=newcomer)
        assert OrganisationMember.objects.filter(user=newcomer).exists()


def test_root_lists_the_persons_organisations(db, client_for):
    a = OrganisationFactory(name="Alpha Network", slug="alpha")
    b = OrganisationFactory(name="Beta Network", slug="beta")
    OrganisationFactory(name="Gamma Network", slug="gamma")
    user = person_in(a)
    from tests.factories import OrganisationMemberFactory

    OrganisationMemberFactory(organisation=b, user=user)
    response = client_for(user).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alpha Network" in body and "Beta Network" in body
    assert "Gamma Network" not in body


def test_root_goes_straight_to_the_only_organisation(world, client_for):
    response = client_for(world.a.member).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/tenant-a/"


def test_person_with_no_organisation_is_told_how_to_join(db, client_for):
    response = client_for(UserFactory()).get("/")
    assert response.status_code == 200
    assert b"People join Convene by invitation" in response.content


def test_unknown_organisation_is_a_styled_404(world, client_for):
    response = client_for(world.a.member).get("/no-such-org/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"nhsuk-header" in response.content


def test_anonymous_unknown_organisation_is_404_not_a_login_prompt(db, client):
    assert client.get("/no-such-org/communities/").status_code == 404


def test_platform_admin_sees_every_organisation_as_admin(world, client_for):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(staff)
    assert client.get("/tenant-a/people/").status_code == 200
    assert client.get("/tenant-b/").status_code == 200
    body = client.get("/").content.decode()
    assert "Alpha Network" in body and "Beta Network" in body


def test_tenant_home_is_shaped_by_role(world, client_for):
    pm_home = client_for(world.a.project_manager).get("/tenant-a/").content.decode()
    assert "Project manager" in pm_home
    assert "Communities of the organisation" in pm_home  # staff see every community's status
    member_home = client_for(world.a.member).get("/tenant-a/").content.decode()
    assert "Communities of the organisation" not in member_home
    assert "Alpha Network Sepsis" in member_home  # their own community


def test_navigation_offers_people_only_to_admins(world, client_for):
    people = reverse("tenant_people", kwargs={"org": "tenant-a"})
    assert people.encode() in client_for(world.a.admin).get("/tenant-a/").content
    assert people.encode() not in client_for(world.a.member).get("/tenant-a/").content


def test_people_page_lists_roles_and_searches(world, client_for):
    client = client_for(world.a.admin)
    body = client.get("/tenant-a/people/").content.decode()
    assert "pm@tenant-a.example.org" in body and "Project manager" in body
    assert "pm@tenant-b.example.org" not in body
    body = client.get("/tenant-a/people/", {"role": Role.PANEL_MEMBER}).content.decode()
    assert "panel@tenant-a.example.org" in body and "pm@tenant-a.example.org" not in body
    body = client.get("/tenant-a/people/", {"q": "evaluator@"}).content.decode()
    assert "evaluator@tenant-a.example.org" in body and "panel@tenant-a.example.org" not in body


def test_reserved_slugs_cannot_name_an_organisation(db):
    org = Organisation(name="Accounts", slug="accounts")
    with pytest.raises(ValidationError):
        org.full_clean()


def test_audit_trail_records_and_shows_to_admins_only(world, client_for):
    from cop_platform.audit import audit_record

    with scope(organisation=world.a.organisation):
        audit_record(organisation=world.a.organisation, actor=world.a.project_manager,
                     action="community.status_changed",
                     target=world.a.community, summary="Forming → Active", changes={"status": ["forming", "active"]})
        with pytest.raises(ValueError):
            audit_record(organisation=world.a.organisation, actor=None, action="x", target=world.b.community)
    body = client_for(world.a.admin).get("/tenant-a/audit/").content.decode()
    assert "Community status changed" in body and "Forming → Active" in body
    assert world.a.project_manager.display_name in body
    assert client_for(world.a.project_manager).get("/tenant-a/audit/").status_code == 403
    assert "Forming → Active" not in client_for(world.b.admin).get("/tenant-b/audit/").content.decode()


def test_people_pages_keep_the_filter_in_page_links(world, client_for):
    for i in range(30):
        person_in(world.a.organisation, roles=[Role.EVALUATOR], email=f"eval{i:02d}@tenant-a.example.org")
    body = client_for(world.a.admin).get("/tenant-a/people/", {"role": "evaluator", "q": "a&b"}).content.decode()
    assert "Nobody matches" in body  # "a&b" is searched as typed, not split into parameters
    body = client_for(world.a.admin).get("/tenant-a/people/", {"role": "evaluator"}).content.decode()
    assert 'href="?role=evaluator&amp;page=2"' in body
    assert "Page 1 of 2" in body


def test_every_address_outside_the_organisations_is_reserved():
    """An organisation whose slug were ``confirmations`` would be shadowed by (or shadow) the public pages:
    every first segment of a URL outside ``/<org>/`` is refused as a slug."""
    from cop_platform import urls
    from cop_platform.tenancy.models import RESERVED_SLUGS

    segments = {str(pattern.pattern).strip("/").split("/")[0] for pattern in urls.urlpatterns}
    segments -= {"", "<slug:org>"}
    assert segments and segments <= RESERVED_SLUGS, segments - RESERVED_SLUGS
