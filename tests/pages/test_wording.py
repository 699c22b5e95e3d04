"""Words a new user trips on: the sign-in page, the header's organisation switch, the 403 page."""

from django.urls import reverse

from tests.factories import OrganisationMemberFactory


def test_sign_in_page_has_one_forgot_password_link_and_sentence_case(db, client):
    page = client.get(reverse("account_login")).content.decode()
    assert page.count(reverse("account_reset_password")) == 1
    assert "Forgot your password?" in page
    assert "Remember me" in page and "Remember Me" not in page


def test_sign_in_page_offers_create_an_account_in_sentence_case_when_sign_up_is_open(db, client, settings):
    settings.CONVENE_OPEN_SIGNUP = True
    page = client.get(reverse("account_login")).content.decode()
    assert "Create an account" in page and "Create an Account" not in page


def test_switch_organisation_is_offered_only_to_people_in_more_than_one(world, client_for):
    home = reverse("tenant_home", kwargs={"org": world.a.organisation.slug})
    assert "Switch organisation" not in client_for(world.a.member).get(home).content.decode()
    OrganisationMemberFactory(organisation=world.b.organisation, user=world.a.member)
    assert "Switch organisation" in client_for(world.a.member).get(home).content.decode()


def test_a_project_managers_403_does_not_send_them_to_their_project_manager(world, client_for):
    people = reverse("tenant_people", kwargs={"org": world.a.organisation.slug})
    response = client_for(world.a.project_manager).get(people)
    page = response.content.decode()
    assert response.status_code == 403
    assert "project manager" not in page
    assert "organisation administrator can change your roles" in page


def test_a_members_403_tells_them_to_ask_the_project_manager(world, client_for):
    people = reverse("tenant_people", kwargs={"org": world.a.organisation.slug})
    response = client_for(world.a.member).get(people)
    assert response.status_code == 403
    assert "contact your host organisation's project manager" in response.content.decode()
