"""Outgoing e-mail rows: queued once, sent once, whatever retries, double clicks or broker outages do."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django_scopes import scope, scopes_disabled

from cop_platform.email import TransientEmailError, email_claim, email_deliver, email_queue
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.tasks import send_outgoing_email, sweep_pending_email
from tests.factories import OrganisationFactory
from tests.helpers import TaskLedger, wait_for


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def queue(org, key="welcome:1", to="newcomer@example.org"):
    with scope(organisation=org):
        return email_queue(organisation=org, key=key, to=to, subject="Welcome", body_text="Hello")


def test_queueing_sends_after_commit_only(org, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue(org)
        assert mailoutbox == []  # nothing before commit
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    with scopes_disabled():
        email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.sent_at is not None


def test_a_rolled_back_request_sends_nothing(org, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue(org)
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert mailoutbox == []
    with scopes_disabled():
        assert not OutgoingEmail.objects.exists()


def test_queueing_the_same_key_twice_sends_one_email(org, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(org)
        second = queue(org)
    assert first.pk == second.pk
    assert len(mailoutbox) == 1


def test_running_the_task_again_does_not_send_again(org, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(org)
    assert send_outgoing_email.apply(args=(org.pk, email.pk)).get() == "skipped"
    assert len(mailoutbox) == 1


def test_only_one_claim_wins(org):
    email = queue(org)
    with scope(organisation=org):
        assert email_claim(email.pk) is not None
        assert email_claim(email.pk) is None


def test_transient_smtp_error_puts_the_email_back_in_the_queue(org):
    email = queue(org)
    with scope(organisation=org):
        claimed = email_claim(email.pk)
        with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                        side_effect=smtplib.SMTPResponseException(451, b"try later")):
            with pytest.raises(TransientEmailError):
                email_deliver(claimed)
        email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert "451" in email.failure_reason


def test_permanent_smtp_error_marks_the_email_failed_with_a_reason(org):
    email = queue(org)
    with scope(organisation=org):
        claimed = email_claim(email.pk)
        with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                        side_effect=smtplib.SMTPResponseException(550, b"no such mailbox")):
            email_deliver(claimed)
        email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert "refused" in email.failure_reason


def test_sweep_sends_what_the_broker_missed(org, mailoutbox):
    # Queued while the broker was down: the row exists, no task ran.
    email = queue(org)
    assert mailoutbox == []
    assert sweep_pending_email.apply().get() == 1
    assert len(mailoutbox) == 1
    with scopes_disabled():
        email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_outbox_backend_writes_one_eml_file_per_message(tmp_path, settings):
    settings.EMAIL_BACKEND = "cop_platform.mail.OutboxEmailBackend"
    settings.EMAIL_OUTBOX_DIR = tmp_path
    mail.send_mail("Subject one", "Body one", None, ["a@example.org"])
    mail.send_mail("Subject two", "Body two", None, ["b@example.org"])
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    text = "".join(f.read_text() for f in files)
    assert "Subject: Subject one" in text and "To: b@example.org" in text


# --- With a real Celery worker on Redis -----------------------------------------------------------



def _status(pk):
    with scopes_disabled():
        return OutgoingEmail.objects.get(pk=pk).status


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_worker_sends_a_queued_email_once(celery_worker_redis, mailoutbox):
    org = OrganisationFactory(slug="alpha", name="Alpha Network")
    with transaction.atomic():
        email = queue(org)
    assert wait_for(lambda: _status(email.pk) == EmailStatus.SENT)
    assert [m.to for m in mailoutbox] == [["newcomer@example.org"]]


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_worker_sends_once_when_the_task_is_enqueued_many_times(celery_worker_redis, mailoutbox):
    """A double click, a retry and two workers racing: the row's claim lets one send."""
    org = OrganisationFactory(slug="alpha", name="Alpha Network")
    with TaskLedger() as tasks:
        with transaction.atomic():
            email = queue(org)
        for _ in range(5):
            send_outgoing_email.delay(org.pk, email.pk)
        assert wait_for(tasks.settled)  # the first send and all five duplicates have run
    assert tasks.finished[send_outgoing_email.name] == 6
    assert _status(email.pk) == EmailStatus.SENT
    assert len(mailoutbox) == 1


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_email_queued_while_the_broker_is_down_is_sent_when_it_returns(celery_worker_redis, mailoutbox):
    org = OrganisationFactory(slug="alpha", name="Alpha Network")
    from kombu.exceptions import OperationalError

    with mock.patch.object(send_outgoing_email, "apply_async", side_effect=OperationalError("broker down")):
        with transaction.atomic():
            email = queue(org)
    assert _status(email.pk) == EmailStatus.QUEUED and mailoutbox == []
    sweep_pending_email.delay()  # the broker is back; beat runs the sweep
    assert wait_for(lambda: _status(email.pk) == EmailStatus.SENT)
    assert len(mailoutbox) == 1
