"""Background work for communities: invitation e-mails (their own status machine) and the sweep.

Each task takes ids (with ``organisation_id``), re-enters the tenant scope, claims its row by a
conditional update (exactly one worker wins), sends outside the transaction and records the outcome.
SMTP outcomes are classified by :func:`cop_platform.email.classify_send_error`: transient failures
go back to the queue and retry with capped backoff; permanent ones mark the invitation failed with a
reason a person can read; a server fault (535, connection refused) leaves it queued, uncounted, for the
sweep, and is reported like the outbox's. The sweep re-enqueues what is still pending.
Logs carry ids only.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.email import (
    SendErrorKind,
    classify_send_error,
    mail_server_fault_record,
    mail_server_ok_record,
    single_line,
)
from cop_platform.tasks import enqueue_on_commit  # noqa: F401  (re-exported for services)
from cop_platform.tenancy.models import Organisation

from .models import Invitation, InvitationStatus

logger = logging.getLogger(__name__)


class TransientSendError(Exception):
    pass


class MailServerFault(TransientSendError):
    """The mail server is at fault (SMTP 535, connection refused), not the invitation: it stays queued,
    the attempt is not counted, and the sweep tries again."""


def _deliver(invitation, token, *, reminder=False):
    """Send one invitation e-mail. Returns None on success, or a readable reason for a permanent failure.
    Raises :class:`TransientSendError` when a later try may succeed."""
    link = f"{settings.SITE_URL}{reverse('invitations:respond', kwargs={'token': token})}"
    context = {"invitation": invitation, "community": invitation.community, "link": link, "reminder": reminder,
               "organisation": invitation.organisation, "inviter": invitation.invited_by,
               "expires_at": invitation.expires_at}
    subject = (f"Reminder: your invitation to join {invitation.community.name}" if reminder
               else f"An invitation to join {invitation.community.name}")
    message = EmailMultiAlternatives(
        subject=single_line(subject),
        body=render_to_string("email/communities/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("email/communities/invitation.html", context), "text/html")
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - classified in one place (cop_platform.email.classify)
        error = classify_send_error(exc)
        if error.kind is SendErrorKind.SERVER:
            mail_server_fault_record(error.reason)
            raise MailServerFault(error.reason) from exc
        if error.kind is SendErrorKind.TRANSIENT:
            raise TransientSendError(error.reason) from exc
        return error.reason
    mail_server_ok_record()
    return None


def _load(invitation_id):
    return Invitation.objects.select_related("community", "organisation", "invited_by").get(pk=invitation_id)


def invitation_send_now(invitation_id, *, now=None):
    """Claim and send a queued invitation. Returns "sent", "skipped" (someone else has it or it is not
    queued), "failed"; raises TransientSendError after putting it back in the queue."""
    from .services import invitation_issue_token

    now = now or timezone.now()
    claimed = Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.QUEUED, expires_at__gt=now).update(
        status=InvitationStatus.SENDING, claimed_at=now)
    if not claimed:
        return "skipped"
    invitation = _load(invitation_id)
    token = invitation_issue_token(invitation)
    try:
        reason = _deliver(invitation, token)
    except MailServerFault as exc:
        Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.SENDING).update(
            status=InvitationStatus.QUEUED, failure_reason=str(exc)[:500], token_hash="")
        raise
    except TransientSendError as exc:
        Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.SENDING).update(
            status=InvitationStatus.QUEUED, attempts=invitation.attempts + 1, failure_reason=str(exc)[:500],
            token_hash="")
        raise
    if reason:
        Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.SENDING).update(
            status=InvitationStatus.FAILED, attempts=invitation.attempts + 1, failure_reason=reason, token_hash="")
        logger.warning("Invitation %s failed permanently", invitation_id)
        return "failed"
    # The person may already have answered (the link works from the moment it is written): only a
    # row still "sending" becomes "sent".
    Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.SENDING).update(
        status=InvitationStatus.SENT, sent_at=timezone.now(), attempts=invitation.attempts + 1,
        send_count=invitation.send_count + 1, failure_reason="")
    return "sent"


def invitation_remind_now(invitation_id, *, now=None):
    """Claim and send the reminder before expiry (once). The first e-mail's link keeps working."""
    from .services import invitation_issue_token

    now = now or timezone.now()
    claimed = Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.SENT, reminder_due=True,
                                        expires_at__gt=now).update(reminder_due=False, reminded_at=now)
    if not claimed:
        return "skipped"
    invitation = _load(invitation_id)
    token = invitation_issue_token(invitation, keep_previous=True)
    try:
        reason = _deliver(invitation, token, reminder=True)
    except TransientSendError:
        Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.SENT).update(
            reminder_due=True, reminded_at=None)
        raise
    if reason:
        Invitation.objects.filter(pk=invitation_id).update(failure_reason=f"Reminder not sent: {reason}"[:500])
        return "failed"
    Invitation.objects.filter(pk=invitation_id).update(send_count=invitation.send_count + 1)
    return "sent"


def _backoff(retries):
    return min(600, 15 * 2**retries)


@shared_task(
    name="communities.tasks.send_invitation",
    bind=True, max_retries=6, acks_late=True, ignore_result=True,
)
def send_invitation(self, organisation_id, invitation_id):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        try:
            return invitation_send_now(invitation_id)
        except MailServerFault:
            return "deferred"  # still queued: the sweep tries again once the server answers
        except TransientSendError as exc:
            if self.request.retries >= self.max_retries:
                Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.QUEUED).update(
                    status=InvitationStatus.FAILED,
                    failure_reason=f"Gave up after {self.max_retries + 1} tries: {exc}"[:500])
                return "failed"
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(
    name="communities.tasks.send_invitation_reminder",
    bind=True, max_retries=6, acks_late=True, ignore_result=True,
)
def send_invitation_reminder(self, organisation_id, invitation_id):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        try:
            return invitation_remind_now(invitation_id)
        except MailServerFault:
            return "deferred"  # still due: the sweep tries again once the server answers
        except TransientSendError as exc:
            if self.request.retries >= self.max_retries:
                return "failed"
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(name="communities.tasks.sweep_invitations", ignore_result=True)
def sweep_invitations():
    """Every few minutes: send what the broker missed, expire what is past its date, send reminders."""
    from .services import invitations_sweep

    with scopes_disabled():
        to_send, to_remind = invitations_sweep()
    for organisation_id, invitation_id in to_send:
        send_invitation.delay(organisation_id, invitation_id)
    for organisation_id, invitation_id in to_remind:
        send_invitation_reminder.delay(organisation_id, invitation_id)
    return len(to_send) + len(to_remind)
