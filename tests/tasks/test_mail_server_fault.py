"""A fault of the mail server (SMTP 535, connection refused) is not the message's: mail stays queued,
the fault shows on /healthz and to organisation admins, and clears when a send succeeds."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import Invitation, InvitationStatus
from communities.tasks import send_invitation
from cop_platform.email import email_queue, email_send_now, mail_server_fault
from cop_platform.models import EmailStatus, OutgoingEmail
from tests.factories import OrganisationFactory

AUTH_FAILS = "tests.tasks.backends.AuthFailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def queue(org, key="welcome:1"):
    with scope(organisation=org):
        return email_queue(organisation=org, key=key, to="newcomer@example.org", subject="Welcome", body_text="Hi")


def row(email):
    with scopes_disabled():
        return OutgoingEmail.objects.get(pk=email.pk)


def test_smtp_535_keeps_the_mail_queued_uncounted_and_pushed_back(org, settings, mailoutbox):
    settings.EMAIL_BACKEND = AUTH_FAILS
    settings.CONVENE_EMAIL_SERVER_FAULT_RETRY_SECONDS = 300
    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 2
    email = queue(org)
    now = timezone.now()
    with scope(organisation=org):
        for i in range(5):  # far more tries than the cap allows a message
            result = email_send_now(email.pk, now=now + timedelta(minutes=10 * i))
            assert result.outcome == "deferred"
    stored = row(email)
    assert stored.status == EmailStatus.QUEUED and stored.attempts == 0
    assert stored.next_attempt_at == now + timedelta(minutes=40, seconds=300)
    assert "SMTP 535" in stored.failure_reason
    fault = mail_server_fault()
    assert fault is not None and "refused Convene's sign-in (SMTP 535)" in fault.reason
    assert fault.since == now  # since the first failure, not the latest

    settings.EMAIL_BACKEND = LOCMEM
    with scope(organisation=org):
        assert email_send_now(email.pk, now=now + timedelta(hours=1)).outcome == "sent"
    assert len(mailoutbox) == 1
    assert mail_server_fault() is None


def test_connection_refused_is_a_server_fault_too(org, settings):
    settings.EMAIL_BACKEND = "tests.tasks.backends.RefusingBackend"
    email = queue(org)
    with scope(organisation=org):
        assert email_send_now(email.pk).outcome == "deferred"
    assert row(email).attempts == 0
    assert "refused the connection" in mail_server_fault().reason


def test_healthz_names_the_mail_server_fault(org, settings, client):
    assert client.get("/healthz").json()["mail"] == {"ok": True, "reason": ""}
    settings.EMAIL_BACKEND = AUTH_FAILS
    email = queue(org)
    with scope(organisation=org):
        email_send_now(email.pk)
    response = client.get("/healthz")
    assert response.status_code == 200  # web processes are fine; the mail waits
    data = response.json()
    assert data["status"] == "degraded"
    assert data["mail"]["ok"] is False
    assert "SMTP 535" in data["mail"]["reason"] and "EMAIL_URL" in data["mail"]["reason"]


def test_organisation_admins_see_a_banner_until_a_send_succeeds(world, settings, client_for):
    org = world.a.organisation
    settings.EMAIL_BACKEND = AUTH_FAILS
    email = queue(org)
    with scope(organisation=org):
        email_send_now(email.pk)
    page = client_for(world.a.admin).get(f"/{org.slug}/").content.decode()
    assert "E-mails are not being sent" in page and "SMTP 535" in page
    member_page = client_for(world.a.member).get(f"/{org.slug}/").content.decode()
    assert "E-mails are not being sent" not in member_page

    settings.EMAIL_BACKEND = LOCMEM
    with scope(organisation=org):
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        assert email_send_now(email.pk).outcome == "sent"
    assert "E-mails are not being sent" not in client_for(world.a.admin).get(f"/{org.slug}/").content.decode()


def test_an_invitation_meeting_a_535_stays_queued_for_the_sweep(world, settings, mailoutbox):
    from communities.services import invitations_create

    org = world.a.organisation
    settings.EMAIL_BACKEND = AUTH_FAILS
    settings.CONVENE_EMAIL_SERVER_FAULT_RETRY_SECONDS = 0  # each try is due again at once
    with scope(organisation=org):  # no commit in this test: the task is not run until we run it
        invitations_create(organisation=org, by=world.a.convener, community=world.a.community,
                           addresses=["newcomer@example.org"], message="Join us")
        invitation = Invitation.objects.get(email="newcomer@example.org")
    assert invitation.status == InvitationStatus.QUEUED
    for _ in range(3):
        assert send_invitation.apply(args=(org.pk, invitation.pk)).get() == "deferred"
    with scopes_disabled():
        invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.QUEUED and invitation.attempts == 0
    assert "SMTP 535" in invitation.failure_reason
    assert "SMTP 535" in mail_server_fault().reason

    settings.EMAIL_BACKEND = LOCMEM
    assert send_invitation.apply(args=(org.pk, invitation.pk)).get() == "sent"
    assert len(mailoutbox) == 1 and mail_server_fault() is None
