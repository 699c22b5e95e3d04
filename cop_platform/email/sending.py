"""Sending outbox rows: claim, build, send, and record what happened on the row itself."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from cop_platform.models import EmailStatus, OutgoingEmail

from .classify import SendErrorKind, classify_send_error
from .queue import ComposedEmail, EmailCancelled, composer_for, outcome_hook_for, single_line
from .server import mail_server_fault_record, mail_server_ok_record

logger = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=15)  # a claim older than this belongs to a worker that died
CLAIM_GRACE = timedelta(seconds=2)  # a task whose countdown ends a moment early still sends


def max_attempts():
    return int(getattr(settings, "CONVENE_EMAIL_MAX_ATTEMPTS", 8))


def retry_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed attempt: capped exponential back-off
    (``CONVENE_EMAIL_RETRY_SECONDS`` doubled each time, at most ``CONVENE_EMAIL_RETRY_MAX_SECONDS``)."""
    base = float(getattr(settings, "CONVENE_EMAIL_RETRY_SECONDS", 60))
    cap = float(getattr(settings, "CONVENE_EMAIL_RETRY_MAX_SECONDS", 3600))
    return min(cap, base * 2 ** max(0, attempts - 1))


def server_fault_delay():
    """Seconds to wait before trying a mail again after a server fault (its attempt is not counted)."""
    return float(getattr(settings, "CONVENE_EMAIL_SERVER_FAULT_RETRY_SECONDS", 300))


@dataclass(frozen=True)
class SendResult:
    outcome: str  # sent | skipped | retry | deferred | failed | cancelled
    retry_in: float | None = None  # seconds, when the row is queued again


def email_claim(email_id, now=None):
    """Claim a queued e-mail that is due. Exactly one caller wins; the others get ``None``."""
    now = now or timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=EmailStatus.QUEUED, next_attempt_at__lte=now + CLAIM_GRACE
    ).update(status=EmailStatus.SENDING, claimed_at=now)
    if not claimed:
        return None
    return OutgoingEmail.objects.get(pk=email_id)


def email_send_now(email_id, *, now=None):
    """Claim the row if it is due, send it and record the outcome. Never leaves it "sending"."""
    email = email_claim(email_id, now=now)
    if email is None:
        return SendResult("skipped")
    return email_deliver(email, now=now)


def _content(email):
    if not email.composer:
        attachments = [(a.filename, bytes(a.content), a.mimetype) for a in email.attachments.all()]
        return ComposedEmail(email.subject, email.body_text, email.body_html, tuple(attachments),
                             headers=dict(email.headers or {}))
    composed = composer_for(email.composer)(email)
    if not isinstance(composed, ComposedEmail):
        raise TypeError(f"The composer {email.composer!r} returned {type(composed).__name__}, not ComposedEmail.")
    return composed


def _message(email):
    content = _content(email)
    message = EmailMultiAlternatives(
        subject=single_line(content.subject) or "(no subject)",
        body=content.body_text,
        to=[single_line(email.to, limit=254)],
        headers={**{single_line(k, limit=80): single_line(v, limit=900) for k, v in content.headers.items()},
                 "Auto-Submitted": "auto-generated"},
    )
    if content.body_html:
        message.attach_alternative(content.body_html, "text/html")
    for filename, data, mimetype in content.attachments:
        message.attach(single_line(filename, limit=200), data, single_line(mimetype, limit=100))
    return message


def _update(email, **fields):
    OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING).update(**fields)


def email_deliver(email, *, now=None):
    """Send a claimed e-mail and record the outcome on its row (see :mod:`cop_platform.email.classify`),
    then tell the composer's outcome hook, if it has one."""
    result = _deliver(email, now=now)
    hook = outcome_hook_for(email.composer) if email.composer else None
    if hook is not None:
        try:
            hook(OutgoingEmail.objects.get(pk=email.pk), result.outcome)
        except Exception:  # the row's outcome stands; the record it follows is reconciled by its own sweep
            logger.exception("Outcome hook of e-mail %s failed", email.pk)
    return result


def _deliver(email, *, now=None):
    try:
        _message(email).send(fail_silently=False)
    except EmailCancelled as exc:
        _update(email, status=EmailStatus.CANCELLED, failure_reason=str(exc)[:500] or "Nothing to send any more.")
        return SendResult("cancelled")
    except Exception as exc:  # noqa: BLE001 - every error is classified; none may leave the row "sending"
        return _record_failure(email, exc, now=now or timezone.now())
    _update(email, status=EmailStatus.SENT, sent_at=timezone.now(), attempts=email.attempts + 1, failure_reason="")
    mail_server_ok_record()
    return SendResult("sent")


def _record_failure(email, exc, *, now):
    error = classify_send_error(exc)
    if error.kind is SendErrorKind.SERVER:
        delay = server_fault_delay()
        _update(email, status=EmailStatus.QUEUED, next_attempt_at=now + timedelta(seconds=delay),
                failure_reason=error.reason[:500])
        mail_server_fault_record(error.reason, now=now)
        return SendResult("deferred", delay)
    attempts = email.attempts + 1
    if error.kind is SendErrorKind.PERMANENT:
        _update(email, status=EmailStatus.FAILED, attempts=attempts, failure_reason=error.reason[:500])
        logger.warning("E-mail %s failed: %s", email.pk, error.reason)
        return SendResult("failed")
    if attempts >= max_attempts():
        reason = f"Gave up after {attempts} attempts. The last one: {error.reason}"
        _update(email, status=EmailStatus.FAILED, attempts=attempts, failure_reason=reason[:500])
        logger.warning("E-mail %s failed after %s attempts", email.pk, attempts)
        return SendResult("failed")
    delay = retry_delay(attempts)
    _update(email, status=EmailStatus.QUEUED, attempts=attempts, next_attempt_at=now + timedelta(seconds=delay),
            failure_reason=error.reason[:500])
    return SendResult("retry", delay)


def emails_due(*, now=None, limit=500):
    """For the sweep (all organisations; the caller disables scopes): unstick rows claimed by a worker that
    died (a counted attempt: the mail may or may not have left), and list ``(organisation_id, id)`` of
    queued rows whose next attempt is due, oldest first."""
    now = now or timezone.now()
    stuck = OutgoingEmail.objects.filter(status=EmailStatus.SENDING, claimed_at__lt=now - STUCK_AFTER)
    stuck.filter(attempts__gte=max_attempts() - 1).update(
        status=EmailStatus.FAILED, attempts=F("attempts") + 1,
        failure_reason="Gave up: the sender stopped while sending this e-mail, too many times.")
    stuck.update(status=EmailStatus.QUEUED, attempts=F("attempts") + 1, next_attempt_at=now,
                 failure_reason="The sender stopped while sending this e-mail; trying again.")
    due = OutgoingEmail.objects.filter(status=EmailStatus.QUEUED, next_attempt_at__lte=now)
    return list(due.order_by("next_attempt_at").values_list("organisation_id", "pk")[:limit])
