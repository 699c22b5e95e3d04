"""Co-leads and sponsors confirm from the e-mailed link at /confirmations/<token>/, outside any tenant:
they may have no account in the host organisation."""

import pytest
from django_scopes import scope, scopes_disabled

from conveners import services
from cop_platform.models import AuditEvent, OutgoingEmail
from tests.conveners.test_services import DETAILS, LEAD


@pytest.fixture
def tokens(world, call):
    with scope(organisation=world.a.organisation):
        application = services.application_create(
            organisation=world.a.organisation, by=world.a.member, call=call,
            lead=dict(LEAD, email=world.a.member.email),
            co_leads=[dict(LEAD, name="Cory Outside", email="cory@elsewhere.example.org")], **DETAILS)
        services.application_request_confirmations(organisation=world.a.organisation, by=world.a.member,
                                                   application=application)
    with scopes_disabled():
        colead = OutgoingEmail.objects.get(to="cory@elsewhere.example.org").body_text
        sponsor = OutgoingEmail.objects.get(to="sam@example.org").body_text
    take = lambda body: body.split("/confirmations/")[1].split("/")[0]  # noqa: E731
    return application, take(colead), take(sponsor)


def test_a_colead_without_an_account_confirms_from_the_link(tokens, client):
    application, colead_token, _ = tokens
    url = f"/confirmations/{colead_token}/"
    page = client.get(url)
    assert page.status_code == 200 and b"Cory Outside" in page.content
    assert client.post(url).status_code == 200
    with scopes_disabled():
        lead = application.leads.get(name="Cory Outside")
        assert lead.confirmed_at is not None and lead.token_hash == ""
        assert AuditEvent.objects.filter(action="lead.confirmed", actor=None).exists()
    assert client.get(url).status_code == 404  # single use


def test_a_sponsor_confirms_support(tokens, client):
    application, _, sponsor_token = tokens
    assert client.post(f"/confirmations/{sponsor_token}/").status_code == 200
    with scopes_disabled():
        application.refresh_from_db()
    assert application.sponsor_confirmed_at is not None


@pytest.mark.parametrize("token", ["x", "not-a-real-token-at-all", "%00", "a" * 500, "<script>"])
def test_garbled_or_forged_tokens_are_404(db, client, token):
    assert client.get(f"/confirmations/{token}/").status_code in (404,)


def test_the_confirmation_page_names_the_host_not_the_visitors_tenant(tokens, client_for, world):
    _, colead_token, _ = tokens
    response = client_for(world.b.member).get(f"/confirmations/{colead_token}/")
    assert response.status_code == 200  # the link is the key, whoever is signed in
    assert b"a call for conveners by Alpha Network" in response.content
