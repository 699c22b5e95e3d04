"""The outbox: every e-mail Convene sends is a row (:class:`cop_platform.models.OutgoingEmail`), written in
the transaction of the change that causes it, sent once by the worker, swept when the broker was down.

How an app uses it (inside the tenant scope, in its service's transaction)::

    from cop_platform.email import email_queue, email_rate_check

    # 1. Content known now: subject and bodies are stored with the row.
    email_queue(organisation=org, key=f"join-request:{jr.pk}:decision", to=user.email, kind="communities.join",
                subject=f"Your request to join {community.name}", body_text=text, body_html=html)

    # 2. With files (a meeting's .ics): stored with the row, attached when it is sent.
    email_queue(..., attachments=[("meeting.ics", ics_bytes, "text/calendar; method=REQUEST")])

    # 3. Content built when it is sent (links carrying a token): register a composer once, in the app's
    #    ``AppConfig.ready()``, then queue rows that name it and the record it reads. The composer runs
    #    in the worker inside the row's tenant scope, may mint the token then (store only its hash), and
    #    returns a ComposedEmail; the row keeps no body and no link. It runs again on each retry, so it
    #    must be safe to repeat (mint a fresh token, replacing the previous hash). Raise EmailCancelled
    #    when there is nothing to send any more.
    register_composer("conveners.confirmation", compose_confirmation)   # fn(email) -> ComposedEmail
    #    A record with a status of its own (an invitation) follows its e-mail with an outcome hook:
    #    register_composer(name, fn, on_outcome=hook)   # hook(email, "sent"|"retry"|"deferred"|"failed"|"cancelled")
    email_queue(organisation=org, key=f"colead-confirm:{lead.pk}:{n}", to=lead.email,
                kind="conveners.confirmation", composer="conveners.confirmation", ref_id=lead.pk,
                subject="Confirm you co-lead the application", triggered_by=by)

    # 4. Mail a person can make Convene send (confirmations, invitations, resends): check first; the
    #    ValidationError's message is shown to them as it is. Pass triggered_by and kind so rows count.
    email_rate_check(organisation=org, by=by, to=address, kind="conveners.confirmation")

    # 5. Many at once (a convener's list of 500 invitations): one bulk insert, one task per batch of 100,
    #    each batch claimed in one statement and sent over one SMTP connection.
    email_queue_many(organisation=org, emails=[{"key": ..., "to": ..., "composer": ..., "ref_id": ...}, ...])
    #    A composer or outcome hook may build or follow a whole batch at once: give the function a ``many``
    #    attribute, ``fn.many(emails) -> {pk: ComposedEmail | Exception}``, ``hook.many(emails, outcome)``.

``key`` is unique per organisation: queueing the same key again returns the first row and sends nothing.
``kind`` is a dotted "app.what"; ``triggered_by`` the person whose action caused the mail (or ``None``).
Subjects, addresses and file names are made single-line here, so text a person typed (a meeting title
with a line break) can never break a header.

What happens next (``cop_platform.email.sending``): the task claims the row if it is due, sends it and
records the outcome on the row. SMTP outcomes are classified in one place
(:func:`classify_send_error`, also used for allauth's own mail): a transient failure counts an attempt
and sets ``next_attempt_at`` with capped exponential back-off, until ``CONVENE_EMAIL_MAX_ATTEMPTS`` end it
"failed" with a readable reason; a permanent one fails the row at once; a server fault (SMTP 535,
connection refused) keeps the mail queued without counting the attempt, pushes its next try back, and is
reported on ``/healthz`` and to organisation admins until a send succeeds. Any other exception is a
counted attempt with its reason: no row stays "sending". The sweep (every five minutes) sends rows that
are due and unsticks claims of workers that died.

allauth's own e-mails (password reset, address confirmation) are not in the outbox: they have no tenant
and carry sign-in links valid for days, which must not sit in a table; they are sent directly, in
Convene's design (``cop_platform.accounts.adapter``).
"""

from .background import background_sends_wait, email_batches_send_on_commit, email_sending_after_response
from .classify import SendError, SendErrorKind, classify_send_error
from .limits import email_rate_check
from .queue import ComposedEmail, EmailCancelled, email_queue, email_queue_many, register_composer, single_line
from .sending import (
    SendResult,
    email_claim,
    email_deliver,
    email_send_now,
    emails_claim,
    emails_deliver,
    emails_due,
    emails_send_batch,
)
from .server import mail_server_fault, mail_server_fault_record, mail_server_ok_record

__all__ = [
    "ComposedEmail", "EmailCancelled", "SendError", "SendErrorKind", "SendResult", "background_sends_wait",
    "classify_send_error", "email_batches_send_on_commit", "email_sending_after_response", "email_claim",
    "email_deliver", "email_queue",
    "email_queue_many", "email_rate_check", "email_send_now", "emails_claim", "emails_deliver", "emails_due",
    "emails_send_batch",
    "mail_server_fault", "mail_server_fault_record", "mail_server_ok_record", "register_composer", "single_line",
]
