"""The outbox with a real Celery worker on Redis: once, retried when due, patient with a broken server."""

from unittest import mock

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled
from kombu.exceptions import OperationalError

from cop_platform.email import email_queue
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.tasks import send_outgoing_email, sweep_pending_email
from tests.factories import OrganisationFactory
from tests.helpers import wait_for
from tests.tasks.backends import BusyBackend

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def queue(org, key="welcome:1", to="newcomer@example.org"):
    with transaction.atomic(), scope(organisation=org):
        return email_queue(organisation=org, key=key, to=to, subject="Welcome", body_text="Hello")


def row(pk):
    with scopes_disabled():
        return OutgoingEmail.objects.get(pk=pk)


@pytest.fixture
def org():
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def test_worker_sends_a_queued_email_once(celery_worker_redis, org, mailoutbox):
    email = queue(org)
    assert wait_for(lambda: row(email.pk).status == EmailStatus.SENT)
    assert [m.to for m in mailoutbox] == [["newcomer@example.org"]]


@pytest.fixture
def outcomes():
    """What each ``send_outgoing_email`` run by the worker returned, in order."""
    from celery.signals import task_postrun

    seen = []

    def record(sender=None, retval=None, **kwargs):
        if getattr(sender, "name", None) == send_outgoing_email.name:
            seen.append(retval)

    task_postrun.connect(record, weak=False)
    yield seen
    task_postrun.disconnect(record)


def test_worker_sends_once_when_the_task_is_enqueued_many_times(celery_worker_redis, org, mailoutbox, outcomes):
    """A double click, a retry and two workers racing: the row's claim lets one send."""
    with mock.patch.object(send_outgoing_email, "apply_async", side_effect=OperationalError("broker down")):
        email = queue(org)
    for _ in range(5):
        send_outgoing_email.delay(org.pk, email.pk)
    assert wait_for(lambda: len(outcomes) == 5)
    assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped", "skipped"]
    assert len(mailoutbox) == 1 and row(email.pk).status == EmailStatus.SENT


def test_email_queued_while_the_broker_is_down_is_sent_when_it_returns(celery_worker_redis, org, mailoutbox):
    with mock.patch.object(send_outgoing_email, "apply_async", side_effect=OperationalError("broker down")):
        email = queue(org)
    assert row(email.pk).status == EmailStatus.QUEUED and mailoutbox == []
    sweep_pending_email.delay()  # the broker is back; beat runs the sweep
    assert wait_for(lambda: row(email.pk).status == EmailStatus.SENT)
    assert len(mailoutbox) == 1


def test_smtp_535_leaves_mail_queued_and_healthz_says_why_then_a_good_server_sends_it_once(
        celery_worker_redis, org, settings, client, mailoutbox, outcomes):
    settings.EMAIL_BACKEND = "tests.tasks.backends.AuthFailingBackend"
    settings.CONVENE_EMAIL_SERVER_FAULT_RETRY_SECONDS = 1
    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 2
    email = queue(org)
    assert wait_for(lambda: outcomes.count("deferred") >= 3)  # tried again and again, never given up
    stored = row(email.pk)
    assert stored.status in {EmailStatus.QUEUED, EmailStatus.SENDING} and stored.attempts == 0
    health = client.get("/healthz").json()
    assert health["status"] == "degraded" and health["mail"]["ok"] is False
    assert "SMTP 535" in health["mail"]["reason"]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the password is fixed
    assert wait_for(lambda: row(email.pk).status == EmailStatus.SENT)
    assert len(mailoutbox) == 1 and row(email.pk).attempts == 1
    assert client.get("/healthz").json()["mail"] == {"ok": True, "reason": ""}


def test_a_transient_failure_is_retried_at_its_due_time_and_ends_failed_after_the_cap(
        celery_worker_redis, org, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.tasks.backends.BusyBackend"
    settings.CONVENE_EMAIL_RETRY_SECONDS = 0.5
    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 3
    BusyBackend.tries.clear()
    email = queue(org)
    assert wait_for(lambda: row(email.pk).status == EmailStatus.FAILED)
    failed = row(email.pk)
    assert failed.attempts == 3 and failed.failure_reason.startswith("Gave up after 3 attempts.")
    assert "451" in failed.failure_reason
    first, second, third = BusyBackend.tries
    assert second - first >= 0.5 - 0.05  # each try waited for its due time, doubling
    assert third - second >= 1.0 - 0.05
    assert mailoutbox == []
