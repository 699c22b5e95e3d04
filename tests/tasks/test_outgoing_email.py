"""Outgoing e-mail rows: queued once, sent once, retried at their due time, given up after a cap."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.email import email_claim, email_queue, email_send_now
from cop_platform.models import EmailStatus, OutgoingAttachment, OutgoingEmail
from cop_platform.tasks import send_outgoing_email, sweep_pending_email
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers import work_callbacks

SEND = "django.core.mail.EmailMultiAlternatives.send"


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def queue(org, key="welcome:1", to="newcomer@example.org", **kwargs):
    kwargs.setdefault("subject", "Welcome")
    kwargs.setdefault("body_text", "Hello")
    with scope(organisation=org):
        return email_queue(organisation=org, key=key, to=to, **kwargs)


def row(email):
    with scopes_disabled():
        return OutgoingEmail.objects.get(pk=email.pk)


def send(org, email, now=None):
    with scope(organisation=org):
        return email_send_now(email.pk, now=now)


def test_queueing_sends_after_commit_only(org, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue(org)
        assert mailoutbox == []  # nothing before commit
    assert len(work_callbacks(callbacks)) == 1
    assert len(mailoutbox) == 1
    assert row(email).status == EmailStatus.SENT and row(email).sent_at is not None


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


# --- Retries held on the row --------------------------------------------------------------------


def test_transient_error_counts_an_attempt_and_schedules_the_next_with_backoff(org, settings):
    settings.CONVENE_EMAIL_RETRY_SECONDS = 60
    email = queue(org)
    now = timezone.now()
    with mock.patch(SEND, side_effect=smtplib.SMTPResponseException(451, b"try later")):
        first = send(org, email, now=now)
        assert first.outcome == "retry" and first.retry_in == 60
        assert row(email).status == EmailStatus.QUEUED
        assert row(email).attempts == 1
        assert row(email).next_attempt_at == now + timedelta(seconds=60)
        assert "451" in row(email).failure_reason
        # Not due yet: nobody may send it, whatever enqueues it.
        assert send(org, email, now=now + timedelta(seconds=30)).outcome == "skipped"
        second = send(org, email, now=now + timedelta(seconds=61))
    assert second.retry_in == 120  # doubled
    assert row(email).attempts == 2


def test_backoff_is_capped(org, settings):
    settings.CONVENE_EMAIL_RETRY_SECONDS = 60
    settings.CONVENE_EMAIL_RETRY_MAX_SECONDS = 300
    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 20
    email = queue(org)
    now = timezone.now()
    delays = []
    with mock.patch(SEND, side_effect=TimeoutError()):
        for _ in range(6):
            result = send(org, email, now=now)
            delays.append(result.retry_in)
            now += timedelta(seconds=result.retry_in)
    assert delays == [60, 120, 240, 300, 300, 300]


def test_the_attempt_cap_ends_in_failed_with_a_readable_reason(org, settings):
    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 3
    email = queue(org)
    now = timezone.now() + timedelta(days=1)  # every try is due
    with mock.patch(SEND, side_effect=smtplib.SMTPResponseException(421, b"closing")):
        outcomes = [send(org, email, now=now + timedelta(days=i)).outcome for i in range(4)]
    assert outcomes == ["retry", "retry", "failed", "skipped"]
    failed = row(email)
    assert failed.status == EmailStatus.FAILED and failed.attempts == 3
    assert failed.failure_reason.startswith("Gave up after 3 attempts.")
    assert "421" in failed.failure_reason


def test_permanent_smtp_error_marks_the_email_failed_at_once(org):
    email = queue(org)
    with mock.patch(SEND, side_effect=smtplib.SMTPResponseException(550, b"no such mailbox")):
        assert send(org, email).outcome == "failed"
    assert row(email).status == EmailStatus.FAILED
    assert row(email).failure_reason == "The mail server refused the message (SMTP 550 no such mailbox)."


def test_an_unexpected_error_is_a_counted_attempt_not_a_row_stuck_sending(org):
    email = queue(org)
    with mock.patch(SEND, side_effect=RuntimeError("the template engine fell over")):
        assert send(org, email).outcome == "retry"
    assert row(email).status == EmailStatus.QUEUED and row(email).attempts == 1
    assert "RuntimeError: the template engine fell over" in row(email).failure_reason


def test_sweep_sends_what_the_broker_missed(org, mailoutbox):
    email = queue(org)  # queued while the broker was down: the row exists, no task ran
    assert mailoutbox == []
    assert sweep_pending_email.apply().get() == 1
    assert len(mailoutbox) == 1
    assert row(email).status == EmailStatus.SENT


def test_sweep_leaves_rows_whose_next_attempt_is_not_due(org, mailoutbox):
    email = queue(org)
    with scopes_disabled():
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert sweep_pending_email.apply().get() == 0
    assert mailoutbox == [] and row(email).status == EmailStatus.QUEUED


def test_sweep_frees_a_row_whose_worker_died_and_counts_the_attempt(org, mailoutbox):
    email = queue(org)
    with scopes_disabled():  # claimed an hour ago, then the worker died
        OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING,
                                                         claimed_at=timezone.now() - timedelta(hours=1))
    assert sweep_pending_email.apply().get() == 1
    assert len(mailoutbox) == 1
    assert row(email).status == EmailStatus.SENT and row(email).attempts == 2


# --- Headers, attachments, who and what ----------------------------------------------------------


def test_a_subject_with_line_breaks_is_sent_on_one_line(org, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.tasks.backends.StrictHeadersBackend"
    email = queue(org, subject="Meeting: Sepsis huddle\r\nBcc: victim@example.org\n(moved)")
    assert send(org, email).outcome == "sent"
    assert mail.outbox[0].subject == "Meeting: Sepsis huddle Bcc: victim@example.org (moved)"
    assert mail.outbox[0].bcc == []
    assert row(email).subject == "Meeting: Sepsis huddle Bcc: victim@example.org (moved)"


def test_a_header_line_break_reaching_the_sender_fails_the_row_with_its_reason(org, settings):
    """Even if a line break slipped past the outbox (a composer's subject), the row ends with a reason."""
    settings.EMAIL_BACKEND = "tests.tasks.backends.StrictHeadersBackend"
    email = queue(org)
    with mock.patch("cop_platform.email.sending.single_line", side_effect=lambda value, **kw: str(value)):
        with scopes_disabled():
            OutgoingEmail.objects.filter(pk=email.pk).update(subject="Two\r\nlines")
        assert send(org, email).outcome == "failed"
    assert row(email).status == EmailStatus.FAILED
    assert "BadHeaderError" in row(email).failure_reason


def test_attachments_are_stored_with_the_row_and_sent_with_the_mail(org, mailoutbox):
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    email = queue(org, attachments=[("huddle.ics", ics, "text/calendar")])
    with scope(organisation=org):
        stored = OutgoingAttachment.objects.get(email=email)
    assert stored.filename == "huddle.ics" and bytes(stored.content) == ics
    assert send(org, email).outcome == "sent"
    (filename, content, mimetype), = mailoutbox[0].attachments
    assert filename == "huddle.ics" and mimetype == "text/calendar"
    assert content.replace("\r\n", "\n") == ics.decode().replace("\r\n", "\n")


def test_the_row_records_its_kind_and_the_person_who_triggered_it(org):
    person = UserFactory(email="convener@example.org")
    email = queue(org, kind="communities.meeting", triggered_by=person)
    assert row(email).kind == "communities.meeting" and row(email).triggered_by == person


def test_outbox_backend_writes_one_eml_file_per_message(tmp_path, settings):
    settings.EMAIL_BACKEND = "cop_platform.mail.OutboxEmailBackend"
    settings.EMAIL_OUTBOX_DIR = tmp_path
    mail.send_mail("Subject one", "Body one", None, ["a@example.org"])
    mail.send_mail("Subject two", "Body two", None, ["b@example.org"])
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    text = "".join(f.read_text() for f in files)
    assert "Subject: Subject one" in text and "To: b@example.org" in text
