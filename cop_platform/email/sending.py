"""Sending outbox rows: claim, build, send, and record what happened on the row itself."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
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
    return _message_of(email, _content(email))


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


# --- Batches: one claim, one SMTP connection, outcomes recorded together ---------------------------


def emails_claim(email_ids, *, now=None):
    """Claim those of ``email_ids`` that are queued and due, in one go. Two claimers racing never get the
    same row: on PostgreSQL the rows are locked (``SKIP LOCKED``) and updated in one statement; elsewhere
    each row is claimed by its own conditional update. Returns the claimed rows (attachments loaded)."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(pk__in=list(email_ids), status=EmailStatus.QUEUED,
                                       next_attempt_at__lte=now + CLAIM_GRACE)
    if connection.vendor == "postgresql":
        with transaction.atomic():
            pks = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True))
            OutgoingEmail.objects.filter(pk__in=pks).update(status=EmailStatus.SENDING, claimed_at=now)
    else:
        pks = [pk for pk in due.values_list("pk", flat=True)
               if OutgoingEmail.objects.filter(pk=pk, status=EmailStatus.QUEUED).update(
                   status=EmailStatus.SENDING, claimed_at=now)]
    if not pks:
        return []
    return list(OutgoingEmail.objects.filter(pk__in=pks).prefetch_related("attachments").order_by("pk"))


def _compose_all(emails):
    """Content for each claimed row: ``{pk: ComposedEmail | Exception}``. A composer with a ``many``
    attribute (``fn.many(emails) -> {pk: ComposedEmail | Exception}``) builds its rows in one go."""
    results, by_composer = {}, {}
    for email in emails:
        if email.composer:
            by_composer.setdefault(email.composer, []).append(email)
        else:
            results[email.pk] = _content(email)
    for name, group in by_composer.items():
        try:
            fn = composer_for(name)
            many = getattr(fn, "many", None)
            if many is not None:
                results.update(many(group))
                continue
        except Exception as exc:  # noqa: BLE001 - recorded on each row of the group
            results.update({email.pk: exc for email in group})
            continue
        for email in group:
            try:
                results[email.pk] = _content(email)
            except Exception as exc:  # noqa: BLE001 - recorded on the row
                results[email.pk] = exc
    return results


def _message_of(email, content):
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


def _is_connection_failure(exc, error):
    """The server or the connection failed, not this message: the rest of the batch cannot go now."""
    return error.kind is SendErrorKind.SERVER or isinstance(
        exc, (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError))


def emails_deliver(emails, *, now=None):
    """Send claimed rows over ONE connection to the mail server and record each outcome on its row.

    One bad address fails only its own row. A connection that fails (refused, dropped) ends the batch:
    the row being sent gets the outcome the failure calls for, and the rows not yet tried go back to the
    queue without counting an attempt, due when that row is. Outcome hooks then run, in one go per
    composer when the hook has a ``many`` attribute. Returns ``{pk: SendResult}``."""
    from django.core.mail import get_connection

    now = now or timezone.now()
    composed = _compose_all(emails)
    results, sent = {}, []
    pending = []
    for email in emails:
        content = composed.get(email.pk)
        if isinstance(content, EmailCancelled):
            _update(email, status=EmailStatus.CANCELLED,
                    failure_reason=str(content)[:500] or "Nothing to send any more.")
            results[email.pk] = SendResult("cancelled")
        elif isinstance(content, Exception):
            results[email.pk] = _record_failure(email, content, now=now)
        else:
            try:
                pending.append((email, _message_of(email, content)))
            except Exception as exc:  # noqa: BLE001 - recorded on the row
                results[email.pk] = _record_failure(email, exc, now=now)
    mail = None
    try:
        if pending:
            mail = get_connection(fail_silently=False)
            mail.open()
        for index, (email, message) in enumerate(pending):
            try:
                message.connection = mail  # the batch's one open connection
                message.send(fail_silently=False)
            except Exception as exc:  # noqa: BLE001 - classified below
                error = classify_send_error(exc)
                results[email.pk] = _record_failure(email, exc, now=now)
                if _is_connection_failure(exc, error):
                    _release([e for e, _ in pending[index + 1:]], results, error, now=now,
                             delay=results[email.pk].retry_in)
                    break
            else:
                sent.append(email)
                results[email.pk] = SendResult("sent")
    except Exception as exc:  # noqa: BLE001 - opening the connection failed: nothing in the batch was tried
        error = classify_send_error(exc)
        untried = [e for e, _ in pending if e.pk not in results]
        if untried:
            first = untried[0]
            results[first.pk] = _record_failure(first, exc, now=now)
            _release(untried[1:], results, error, now=now, delay=results[first.pk].retry_in)
    finally:
        if mail is not None:
            try:
                mail.close()
            except Exception:  # noqa: BLE001 - the messages are sent or recorded already
                logger.warning("Closing the mail connection failed", exc_info=True)
    if sent:
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in sent], status=EmailStatus.SENDING).update(
            status=EmailStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, failure_reason="")
        mail_server_ok_record()
    _run_hooks(emails, results)
    return results


def _release(emails, results, error, *, now, delay):
    """Rows a failed connection never tried: back to the queue, their attempt not counted."""
    if not emails:
        return
    delay = delay if delay is not None else server_fault_delay()
    OutgoingEmail.objects.filter(pk__in=[e.pk for e in emails], status=EmailStatus.SENDING).update(
        status=EmailStatus.QUEUED, next_attempt_at=now + timedelta(seconds=delay), failure_reason=error.reason[:500])
    for email in emails:
        results[email.pk] = SendResult("deferred", delay)


def _run_hooks(emails, results):
    groups = {}
    for email in emails:
        if email.composer and outcome_hook_for(email.composer) is not None:
            groups.setdefault(email.composer, []).append(email)
    for name, group in groups.items():
        hook = outcome_hook_for(name)
        recorded = OutgoingEmail.objects.in_bulk([e.pk for e in group])
        by_outcome = {}
        for email in group:
            by_outcome.setdefault(results[email.pk].outcome, []).append(recorded.get(email.pk, email))
        for outcome, rows in by_outcome.items():
            try:
                many = getattr(hook, "many", None)
                if many is not None:
                    many(rows, outcome)
                else:
                    for row in rows:
                        hook(row, outcome)
            except Exception:  # the rows' outcomes stand; the records they follow are reconciled by their sweep
                logger.exception("Outcome hook %s failed for %s e-mails", name, len(rows))


def emails_send_batch(email_ids, *, now=None):
    """Claim the due rows among ``email_ids``, send them over one connection, record what happened.
    Returns ``{pk: SendResult}`` for the rows it claimed (others were sent, or are not due)."""
    emails = emails_claim(email_ids, now=now)
    if not emails:
        return {}
    return emails_deliver(emails, now=now)
