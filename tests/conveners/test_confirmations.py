"""Co-leads and sponsors confirm from the e-mailed link at /confirmations/<token>/, outside any tenant:
they may have no account in the host organisation. The link is minted when the e-mail is sent, stored only
as a hash, expires, works once; asking is limited and re-sends the same pending confirmation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners import services
from conveners.models import Application, ApplicationStatus, Lead
from cop_platform.models import AuditEvent, EmailStatus, OutgoingEmail
from tests.conveners.test_services import DETAILS, LEAD

COLEAD = "cory@elsewhere.example.org"
SPONSOR = "sam@example.org"


def _token(message):
    return message.body.split("/confirmations/")[1].split("/")[0]


@pytest.fixture
def draft(world, call):
    with scope(organisation=world.a.organisation):
        return services.application_create(
            organisation=world.a.organisation, by=world.a.member, call=call,
            lead=dict(LEAD, email=world.a.member.email),
            co_leads=[dict(LEAD, name="Cory Outside", email=COLEAD, employer="Elsewhere NHS Trust")], **DETAILS)


@pytest.fixture
def ask(world, draft, mailoutbox, django_capture_on_commit_callbacks):
    """``ask()``: the applicant asks for confirmations (the e-mails are sent, as by the worker); returns
    the newest link's token for each address."""

    def _ask(by=None, application=None):
        with scope(organisation=world.a.organisation), django_capture_on_commit_callbacks(execute=True):
            services.application_request_confirmations(organisation=world.a.organisation, by=by or world.a.member,
                                                       application=application or draft)
        return {m.to[0]: _token(m) for m in mailoutbox if "/confirmations/" in m.body}

    return _ask


def _lead(draft):
    with scopes_disabled():
        return Lead.objects.get(application=draft, email=COLEAD)


def _application(draft):
    with scopes_disabled():
        return Application.objects.get(pk=draft.pk)


def test_a_colead_without_an_account_confirms_from_the_link_once(ask, draft, client):
    url = f"/confirmations/{ask()[COLEAD]}/"
    page = client.get(url)
    assert page.status_code == 200 and b"Cory Outside" in page.content and b">Decline</button>" in page.content
    assert client.post(url, {"answer": "confirm"}).status_code == 200
    assert _lead(draft).confirmed_at is not None and _lead(draft).token_hash == ""
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="lead.confirmed", actor=None).exists()
    reused = client.get(url)  # single use
    assert reused.status_code == 404 and b"not valid" in reused.content
    assert client.post(url, {"answer": "decline"}).status_code == 404
    assert _lead(draft).declined_at is None


def test_a_sponsor_confirms_support(ask, draft, client):
    url = f"/confirmations/{ask()[SPONSOR]}/"
    assert b"Confirm our support" in client.get(url).content
    assert client.post(url).status_code == 200
    assert _application(draft).sponsor_confirmed_at is not None


def test_the_link_is_minted_when_sent_and_only_its_hash_is_stored(ask, draft, settings):
    settings.CONVENE_CONFIRMATION_DAYS = 3
    token = ask()[COLEAD]
    lead = _lead(draft)
    assert lead.token_hash == services.token_hash(token)
    assert timedelta(days=3) - timedelta(minutes=1) < lead.token_expires_at - timezone.now() <= timedelta(days=3)
    with scopes_disabled():
        stored = OutgoingEmail.objects.get(to=COLEAD)
    assert stored.body_text == "" and token not in stored.subject and stored.status == EmailStatus.SENT


def test_an_expired_link_says_so_and_confirms_nothing(ask, draft, client):
    token = ask()[COLEAD]
    with scopes_disabled():
        Lead.objects.filter(pk=_lead(draft).pk).update(token_expires_at=timezone.now() - timedelta(seconds=1))
    page = client.get(f"/confirmations/{token}/")
    assert page.status_code == 410 and b"This link has expired" in page.content
    assert client.post(f"/confirmations/{token}/").status_code == 410
    assert _lead(draft).confirmed_at is None


@pytest.mark.parametrize("token", ["x", "not-a-real-token-at-all", "%00", "a" * 500, "<script>"])
def test_garbled_or_forged_tokens_get_a_clear_404_page(db, client, token):
    page = client.get(f"/confirmations/{token}/")
    assert page.status_code == 404 and b"This link cannot be used" in page.content
    assert client.post(f"/confirmations/{token}/").status_code == 404


def test_asking_again_resends_the_same_pending_confirmation_and_the_old_link_dies(ask, draft, client, mailoutbox):
    first = ask()[COLEAD]
    second = ask()[COLEAD]
    assert first != second
    with scopes_disabled():
        assert Lead.objects.filter(application=draft).count() == 2  # no new confirmation, one more e-mail
        assert OutgoingEmail.objects.filter(to=COLEAD).count() == 2
    assert client.get(f"/confirmations/{first}/").status_code == 404
    assert client.post(f"/confirmations/{second}/").status_code == 200


def test_a_request_while_the_mail_is_still_queued_sends_nothing_new(world, draft):
    with scope(organisation=world.a.organisation):  # no commit: the first mails stay queued
        for _ in range(3):
            services.application_request_confirmations(organisation=world.a.organisation, by=world.a.member,
                                                       application=draft)
        assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == [COLEAD, SPONSOR]


def test_asking_is_limited_per_address_with_a_clear_message(ask, settings, draft, world):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 2
    ask()
    ask()
    with pytest.raises(ValidationError, match=r"cory@elsewhere.example.org has been sent 2 e-mails like this in the "
                                              r"last 24 hours.*try again after"):
        ask()
    with scopes_disabled():
        assert OutgoingEmail.objects.filter(to=COLEAD).count() == 2


def test_asking_is_limited_per_person_with_a_clear_message(ask, settings, draft):
    settings.CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR = 3
    ask()  # two e-mails: co-lead and sponsor
    with pytest.raises(ValidationError, match="You have sent 3 e-mails like this in the last hour"):
        ask()
        ask()


def test_the_limit_is_shown_to_the_applicant_on_the_page(ask, settings, draft, client_for, world):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 1
    ask()
    url = f"/{world.a.organisation.slug}/calls/{draft.call.slug}/applications/{draft.pk}/confirmations/"
    page = client_for(world.a.member).post(url, follow=True)
    assert b"has been sent 1 e-mail like this in the last 24 hours" in page.content


def test_only_a_draft_can_ask_for_confirmations(ask, draft, world):
    with scopes_disabled():
        Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="while the application is a draft"):
        ask()


def test_only_the_applicant_can_ask(ask, world):
    with pytest.raises(PermissionDenied):
        ask(by=world.a.convener)


def test_another_tenants_person_cannot_ask_and_nothing_is_sent(draft, world, client_for, mailoutbox):
    url = f"/{world.a.organisation.slug}/calls/{draft.call.slug}/applications/{draft.pk}/confirmations/"
    assert client_for(world.b.member).post(url).status_code == 404
    other = f"/{world.b.organisation.slug}/calls/{draft.call.slug}/applications/{draft.pk}/confirmations/"
    assert client_for(world.b.member).post(other).status_code == 404
    with scopes_disabled():
        assert not OutgoingEmail.objects.exists()


def test_a_link_sent_before_the_application_left_draft_no_longer_works(ask, draft, client):
    token = ask()[COLEAD]
    with scopes_disabled():
        Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.WITHDRAWN)
    page = client.get(f"/confirmations/{token}/")
    assert page.status_code == 410 and b"no longer needs confirming" in page.content


def test_a_queued_mail_is_cancelled_when_the_colead_has_answered_meanwhile(world, draft, mailoutbox):
    from cop_platform.email import email_send_now

    with scope(organisation=world.a.organisation):
        services.application_request_confirmations(organisation=world.a.organisation, by=world.a.member,
                                                   application=draft)
        Lead.objects.filter(email=COLEAD).update(confirmed_at=timezone.now())
        email = OutgoingEmail.objects.get(to=COLEAD)
        assert email_send_now(email.pk).outcome == "cancelled"
    assert mailoutbox == []


def test_a_colead_declines_and_the_applicant_is_told_and_sees_it(ask, draft, client, client_for, world, mailoutbox):
    url = f"/confirmations/{ask()[COLEAD]}/"
    page = client.post(url, {"answer": "decline"})
    assert page.status_code == 200 and b"You have declined" in page.content
    assert _lead(draft).declined_at is not None and _lead(draft).confirmed_at is None
    with scope(organisation=world.a.organisation):  # the decline's e-mail, sent as by the worker
        from cop_platform.email import email_send_now

        email_send_now(OutgoingEmail.objects.get(kind="conveners.colead_declined").pk)
    told = [m for m in mailoutbox if m.to == [world.a.member.email]]
    assert len(told) == 1 and "Cory Outside has declined to co-lead" in told[0].subject
    application_page = client_for(world.a.member).get(
        f"/{world.a.organisation.slug}/calls/{draft.call.slug}/applications/{draft.pk}/")
    assert b"Declined to co-lead" in application_page.content
    assert b"Name someone else, or remove them" in application_page.content
    assert client.post(url, {"answer": "confirm"}).status_code == 404  # the link is used up


def test_a_sponsor_cannot_decline_through_a_forged_answer(ask, draft, client):
    url = f"/confirmations/{ask()[SPONSOR]}/"
    client.post(url, {"answer": "decline"})
    assert _application(draft).sponsor_confirmed_at is not None  # sponsors confirm; there is no decline


def _update(world, draft, *, colead=None, **details):
    with scope(organisation=world.a.organisation):
        services.application_update(
            organisation=world.a.organisation, by=world.a.member, application=draft,
            lead=dict(LEAD, email=world.a.member.email),
            co_leads=[{**LEAD, "name": "Cory Outside", "email": COLEAD, "employer": "Elsewhere NHS Trust",
                       **(colead or {})}],
            **{**DETAILS, **details})


@pytest.mark.parametrize("change", [{"colead": {"employer": "Acme Devices Ltd"}},
                                    {"colead": {"sector": "industry"}},
                                    {"domain": "Delirium"}])
def test_a_colead_confirmation_is_reset_when_what_they_confirmed_changes(ask, draft, client, world, change):
    client.post(f"/confirmations/{ask()[COLEAD]}/")
    assert _lead(draft).confirmed_at is not None
    _update(world, draft, **change)
    assert _lead(draft).confirmed_at is None
    with scopes_disabled():
        assert Lead.objects.get(application=draft, is_lead=True).confirmed_at is not None  # the applicant


@pytest.mark.parametrize("change", [{"sponsor_name": "Dr Someone Else"},
                                    {"sponsor_organisation": "Another Trust"},
                                    {"sponsor_email": "other@example.org"}])
def test_a_sponsor_confirmation_is_reset_when_the_sponsor_changes(ask, draft, client, world, change):
    client.post(f"/confirmations/{ask()[SPONSOR]}/")
    assert _application(draft).sponsor_confirmed_at is not None
    _update(world, draft, **change)
    assert _application(draft).sponsor_confirmed_at is None


def test_confirmations_stand_when_nothing_they_confirmed_changes(ask, draft, client, world):
    tokens = ask()
    client.post(f"/confirmations/{tokens[COLEAD]}/")
    client.post(f"/confirmations/{tokens[SPONSOR]}/")
    _update(world, draft, passion="A new paragraph", colead={"job_title": "Matron", "employer": "elsewhere  nhs trust"})
    assert _lead(draft).confirmed_at is not None and _application(draft).sponsor_confirmed_at is not None


def test_hostile_text_is_escaped_on_the_confirmation_page(world, call, client, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    hostile = '<script>alert("x")</script>'
    with scope(organisation=world.a.organisation):
        application = services.application_create(
            organisation=world.a.organisation, by=world.a.member, call=call,
            lead=dict(LEAD, email=world.a.member.email),
            co_leads=[dict(LEAD, name=hostile, email=COLEAD, employer=hostile)], **{**DETAILS, "domain": hostile})
        with django_capture_on_commit_callbacks(execute=True):
            services.application_request_confirmations(organisation=world.a.organisation, by=world.a.member,
                                                       application=application)
    token = _token(next(m for m in mailoutbox if m.to == [COLEAD]))
    page = client.get(f"/confirmations/{token}/")
    assert page.status_code == 200
    assert hostile.encode() not in page.content and b"&lt;script&gt;" in page.content


def test_the_confirmation_page_names_the_host_not_the_visitors_tenant(ask, client_for, world):
    response = client_for(world.b.member).get(f"/confirmations/{ask()[COLEAD]}/")
    assert response.status_code == 200  # the link is the key, whoever is signed in
    assert b"a call for conveners by Alpha Network" in response.content
