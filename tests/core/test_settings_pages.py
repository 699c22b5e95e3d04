"""Organisation admins keep their organisation's details and member organisations up to date."""

import pytest
from django_scopes import scopes_disabled

from cop_platform.models import AuditEvent
from cop_platform.tenancy.models import MemberOrganisation, Organisation
from tests.factories import MemberOrganisationFactory
from tests.helpers import assert_queries_flat


def test_admin_changes_the_organisation_details_and_it_is_audited(world, client_for):
    response = client_for(world.a.admin).post("/tenant-a/settings/", {
        "name": "Alpha Health Innovation Network", "short_description": "We host communities.",
        "contact_email": "hello@alpha.example.org"})
    assert response.status_code == 302
    org = Organisation.objects.get(pk=world.a.organisation.pk)
    assert org.name == "Alpha Health Innovation Network" and org.slug == "tenant-a"
    with scopes_disabled():
        event = AuditEvent.objects.get(action="organisation.updated")
    assert "name" in event.changes and event.changes["name"][1] == "Alpha Health Innovation Network"


@pytest.mark.parametrize("data,message", [
    ({"name": "", "contact_email": ""}, b"This field is required"),
    ({"name": "A", "contact_email": "not-an-email"}, b"Enter a valid email address"),
    ({"name": "x" * 300}, b"at most 200 characters"),
])
def test_settings_bad_input_is_explained_and_nothing_saved(world, client_for, data, message):
    response = client_for(world.a.admin).post("/tenant-a/settings/", data)
    assert response.status_code == 200 and message in response.content
    assert Organisation.objects.get(pk=world.a.organisation.pk).name == "Alpha Network"


def test_member_organisation_added_with_ods_code_normalised(world, client_for):
    response = client_for(world.a.admin).post("/tenant-a/settings/member-organisations/add/",
                                              {"name": "  Example   Hospitals NHS Trust ", "ods_code": "rj1 "})
    assert response.status_code == 302
    with scopes_disabled():
        mo = MemberOrganisation.objects.get(organisation=world.a.organisation)
    assert (mo.name, mo.ods_code) == ("Example Hospitals NHS Trust", "RJ1")
    body = client_for(world.a.admin).get("/tenant-a/settings/", {"q": "rj1"}).content.decode()
    assert "Example Hospitals NHS Trust" in body


@pytest.mark.parametrize("ods", ["R-J1", "<b>", "TOOLONGCODE123"])
def test_malformed_ods_code_is_refused(world, client_for, ods):
    response = client_for(world.a.admin).post("/tenant-a/settings/member-organisations/add/",
                                              {"name": "Trust", "ods_code": ods})
    assert response.status_code == 200 and b"ODS code" in response.content
    with scopes_disabled():
        assert not MemberOrganisation.objects.filter(organisation=world.a.organisation).exists()


def test_duplicate_member_organisation_name_is_refused(world, client_for):
    MemberOrganisationFactory(organisation=world.a.organisation, name="Example Trust")
    response = client_for(world.a.admin).post("/tenant-a/settings/member-organisations/add/",
                                              {"name": "example trust"})
    assert response.status_code == 200 and b"already a member organisation" in response.content


def test_same_name_is_fine_in_another_tenant(world, client_for):
    MemberOrganisationFactory(organisation=world.b.organisation, name="Example Trust")
    response = client_for(world.a.admin).post("/tenant-a/settings/member-organisations/add/", {"name": "Example Trust"})
    assert response.status_code == 302


def test_member_organisation_of_another_tenant_is_404(world, client_for):
    foreign = MemberOrganisationFactory(organisation=world.b.organisation)
    client = client_for(world.a.admin)
    assert client.get(f"/tenant-a/settings/member-organisations/{foreign.pk}/").status_code == 404
    assert client.post(f"/tenant-a/settings/member-organisations/{foreign.pk}/delete/").status_code == 404
    with scopes_disabled():
        assert MemberOrganisation.objects.filter(pk=foreign.pk).exists()


def test_member_organisation_removed_and_audited(world, client_for):
    mo = MemberOrganisationFactory(organisation=world.a.organisation, name="Old Trust")
    response = client_for(world.a.admin).post(f"/tenant-a/settings/member-organisations/{mo.pk}/delete/")
    assert response.status_code == 302
    with scopes_disabled():
        assert not MemberOrganisation.objects.filter(pk=mo.pk).exists()
        assert AuditEvent.objects.filter(action="member_organisation.removed").exists()


def test_settings_page_queries_do_not_grow(world, client_for):
    MemberOrganisationFactory.create_batch(2, organisation=world.a.organisation)  # an empty list skips a query

    def grow():
        for _ in range(40):
            MemberOrganisationFactory(organisation=world.a.organisation)

    assert_queries_flat(client_for(world.a.admin), "/tenant-a/settings/", grow)
