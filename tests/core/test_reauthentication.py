"""Sensitive actions (role changes, releasing outcomes, changing payments) ask the person to confirm who
they are when their last sign-in or confirmation is older than 15 minutes; nothing is done until then,
and they come back to the page told to submit again."""

import time

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from cop_platform.accounts.mfa import authenticated_recently
from cop_platform.tenancy.models import OrganisationRole, Role
from tests.conveners.builders import crawler_records
from tests.core.test_second_factor import PASSWORD, authenticated_at
from tests.isolation.cast import cast_of

SIXTEEN_MINUTES_AGO = 16 * 60
FIVE_MINUTES_AGO = 5 * 60


@pytest.fixture
def reauth_on(settings):
    settings.CONVENE_SENSITIVE_REAUTHENTICATION = True
    return settings


def _person_url(world):
    with scopes_disabled():
        member = world.a.organisation.members.get(user=world.a.outsider)
    return reverse("tenant_person", kwargs={"org": world.a.organisation.slug, "member_id": member.pk})


def _roles(world):
    with scopes_disabled():
        return set(OrganisationRole.objects.filter(organisation=world.a.organisation, user=world.a.outsider)
                   .values_list("role", flat=True))


def test_rule_recent_is_within_fifteen_minutes(rf, world, client_for):
    client = client_for(world.a.admin)
    now = time.time()
    authenticated_at(client, world.a.admin, now - (15 * 60 - 1), reauthenticated=False)
    request = rf.get("/")
    request.user = world.a.admin
    request.session = client.session
    assert authenticated_recently(request, now=now)
    assert not authenticated_recently(request, now=now + 2)


def test_role_change_after_fifteen_minutes_asks_to_confirm_then_comes_back(world, client_for, reauth_on):
    world.a.admin.set_password(PASSWORD)
    world.a.admin.save()
    client = client_for(world.a.admin)
    authenticated_at(client, world.a.admin, time.time() - SIXTEEN_MINUTES_AGO, reauthenticated=False)
    url = _person_url(world)
    response = client.post(url, {"roles": [Role.EVALUATOR]}, headers={"referer": f"http://testserver{url}"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert _roles(world) == set()  # nothing saved

    page = client.get(response["Location"])
    assert b"confirm it is you before changing someone&#x27;s roles" in page.content
    wrong = client.post(response["Location"], {"password": "not it"})
    assert wrong.status_code == 200 and b"nhsuk-error-message" in wrong.content
    back = client.post(response["Location"], {"password": PASSWORD})
    assert back["Location"] == url
    page = client.get(url)
    assert b"submit it again" in page.content
    assert client.post(url, {"roles": [Role.EVALUATOR]}).status_code == 302
    assert _roles(world) == {Role.EVALUATOR}


def test_role_change_within_fifteen_minutes_goes_through(world, client_for, reauth_on):
    client = client_for(world.a.admin)
    authenticated_at(client, world.a.admin, time.time() - FIVE_MINUTES_AGO, reauthenticated=False)
    client.post(_person_url(world), {"roles": [Role.PANEL_MEMBER]})
    assert _roles(world) == {Role.PANEL_MEMBER}


def test_role_change_without_any_sign_in_record_asks(world, client_for, reauth_on):
    response = client_for(world.a.admin).post(_person_url(world), {"roles": [Role.ADMIN]})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert _roles(world) == set()


def test_reading_the_page_needs_no_confirmation(world, client_for, reauth_on):
    assert client_for(world.a.admin).get(_person_url(world)).status_code == 200


def test_wrong_role_gets_403_not_a_confirmation(world, client_for, reauth_on):
    assert client_for(world.a.project_manager).post(_person_url(world), {"roles": [Role.ADMIN]}).status_code == 403


def test_htmx_post_is_sent_to_confirm_by_a_client_redirect(world, client_for, reauth_on):
    response = client_for(world.a.admin).post(_person_url(world), {"roles": [Role.ADMIN]},
                                              headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("account_reauthenticate"))


def test_a_foreign_referer_is_not_where_they_come_back_to(world, client_for, reauth_on):
    url = _person_url(world)
    response = client_for(world.a.admin).post(url, {"roles": []}, headers={"referer": "https://evil.example.org/x"})
    assert "evil" not in response["Location"]


def test_setting_off_asks_nobody(world, client_for, settings):
    settings.CONVENE_SENSITIVE_REAUTHENTICATION = False
    client_for(world.a.admin).post(_person_url(world), {"roles": [Role.EVALUATOR]})
    assert _roles(world) == {Role.EVALUATOR}


def test_community_role_change_asks(world, client_for, reauth_on):
    with scopes_disabled():
        membership = world.a.community.memberships.get(user=world.a.member)
    url = reverse("communities:member_role", kwargs={"org": world.a.organisation.slug, "slug": world.a.community.slug,
                                                     "membership_id": membership.pk})
    client = client_for(world.a.convener)
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "core", "working_role": ""})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    with scopes_disabled():
        membership.refresh_from_db()
    assert membership.role == "member"


@pytest.mark.parametrize("name", ["conveners:release", "conveners:payment_update"])
def test_releasing_outcomes_and_changing_payments_ask(world, client_for, reauth_on, name):
    records = crawler_records(world.a, applicant=cast_of(world.a).applicant)
    kwargs = {"org": world.a.organisation.slug, "call": records["call"]}
    if name == "conveners:payment_update":
        kwargs["payment"] = records["payment"]
    client = client_for(world.a.project_manager)
    response = client.post(reverse(name, kwargs=kwargs), {"confirm": "yes", "status": "claim_received"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    authenticated_at(client, world.a.project_manager, time.time())
    response = client.post(reverse(name, kwargs=kwargs), {"confirm": "yes", "status": "claim_received"})
    assert not response.get("Location", "").startswith(reverse("account_reauthenticate"))
