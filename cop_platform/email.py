"""Queue e-mails as rows and send them once (see :class:`cop_platform.models.OutgoingEmail`)."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from cop_platform.models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=15)


class TransientEmailError(Exception):
    """Worth trying again later (SMTP 4xx, connection refused, time-out)."""


def email_queue(*, organisation, key, to, subject, body_text, body_html=""):
    """Queue one e-mail, idempotently by ``key``, and enqueue its sending after commit."""
    from cop_platform.tasks import enqueue_on_commit, send_outgoing_email

    email, created = OutgoingEmail.objects.get_or_create(
        organisation=organisation,
        key=key,
        defaults={"to": to, "subject": subject[:250], "body_text": body_text, "body_html": body_html},
    )
    if created:
        enqueue_on_commit(send_outgoing_email, organisation.pk, email.pk)
    return email


def email_claim(email_id, now=None):
    """Claim a queued e-mail for sending. Exactly one caller wins; the others get ``None``."""
    now = now or timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
        status=EmailStatus.SENDING, claimed_at=now
    )
    if not claimed:
        return None
    return OutgoingEmail.objects.get(pk=email_id)


def email_deliver(email):
    """Send a claimed e-mail and record the outcome. Raises :class:`TransientEmailError` after putting
    the row back in the queue when a later try may succeed."""
    message = EmailMultiAlternatives(subject=email.subject, body=email.body_text, to=[email.to])
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError) as exc:
        _release(email, f"Temporary failure: {type(exc).__name__}")
        raise TransientEmailError(str(exc)) from exc
    except smtplib.SMTPResponseException as exc:
        if 400 <= exc.smtp_code < 500:
            _release(email, f"Temporary failure: SMTP {exc.smtp_code}")
            raise TransientEmailError(str(exc)) from exc
        _fail(email, f"The mail server refused the message (SMTP {exc.smtp_code}).")
        return email
    except smtplib.SMTPRecipientsRefused:
        _fail(email, "The mail server refused the address.")
        return email
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), attempts=email.attempts + 1, failure_reason=""
    )
    email.refresh_from_db()
    return email


def _release(email, reason):
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.QUEUED, attempts=email.attempts + 1, failure_reason=reason[:500]
    )


def _fail(email, reason):
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, attempts=email.attempts + 1, failure_reason=reason[:500]
    )
    logger.warning("E-mail %s failed permanently: %s", email.pk, reason)


def email_fail_after_retries(email_id, reason):
    OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
        status=EmailStatus.FAILED, failure_reason=reason[:500]
    )


def emails_pending(now=None):
    """Rows the sweep should re-enqueue: queued ones, and ones claimed long ago by a worker that died."""
    now = now or timezone.now()
    with transaction.atomic():
        OutgoingEmail.objects.filter(status=EmailStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
            status=EmailStatus.QUEUED
        )
    return OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).values_list("organisation_id", "pk")
