"""Background work for communities. Invitation e-mails are outbox rows (see
:mod:`communities.services.invitation_mail`), sent by ``cop_platform.tasks.send_outgoing_email`` and
swept by ``sweep_pending_email`` like every other e-mail.

The task names below are pinned (``tests/core/test_task_names.py``): messages already in the broker and
the beat schedule name them. ``send_invitation`` and ``send_invitation_reminder`` now send the
invitation's queued outbox row, if any (a duplicate finds nothing due and skips);
``sweep_invitations`` expires invitations and queues their reminders. Logs carry ids only.
"""

import logging

from celery import shared_task
from django_scopes import scope, scopes_disabled

from cop_platform.tasks import enqueue_on_commit  # noqa: F401  (re-exported for services)
from cop_platform.tenancy.models import Organisation

logger = logging.getLogger(__name__)


def _send_pending(organisation_id, invitation_id, *, reminder):
    from cop_platform.email import email_send_now

    from .services import invitation_pending_email

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        email = invitation_pending_email(organisation=organisation, invitation_id=invitation_id, reminder=reminder)
        if email is None:
            return "skipped"
        return email_send_now(email.pk).outcome


@shared_task(name="communities.tasks.send_invitation", acks_late=True, ignore_result=True)
def send_invitation(organisation_id, invitation_id):
    """Send the invitation's queued e-mail now if it is due (its row holds the retry state)."""
    return _send_pending(organisation_id, invitation_id, reminder=False)


@shared_task(name="communities.tasks.send_invitation_reminder", acks_late=True, ignore_result=True)
def send_invitation_reminder(organisation_id, invitation_id):
    """Send the invitation's queued reminder now if it is due."""
    return _send_pending(organisation_id, invitation_id, reminder=True)


@shared_task(name="communities.tasks.sweep_invitations", ignore_result=True)
def sweep_invitations():
    """Every few minutes: expire what is past its date and queue the reminders that are due. Sending,
    and sending again what the broker missed, is the outbox's sweep."""
    from .services import invitations_sweep

    with scopes_disabled():
        expired, reminders = invitations_sweep()
    return expired + reminders
