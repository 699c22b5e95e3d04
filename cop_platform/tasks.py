"""Core tasks and the helpers every app's tasks use."""

import logging

from celery import shared_task
from django.db import transaction
from django_scopes import scope, scopes_disabled
from kombu.exceptions import OperationalError

from cop_platform.tenancy.models import Organisation

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs):
    """Enqueue ``task`` once the current transaction commits. If the broker is down, the error is
    logged and the work stays pending in its row, for the periodic sweep to re-enqueue."""

    def _send():
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except OperationalError:
            logger.warning("Broker unavailable; %s left for the sweep", task.name)

    transaction.on_commit(_send)


@shared_task(
    name="cop_platform.tasks.send_outgoing_email",
    bind=True, max_retries=6, acks_late=True, ignore_result=True,
)
def send_outgoing_email(self, organisation_id, email_id):
    from cop_platform.email import TransientEmailError, email_claim, email_deliver, email_fail_after_retries

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        email = email_claim(email_id)
        if email is None:
            return "skipped"
        try:
            email_deliver(email)
        except TransientEmailError as exc:
            if self.request.retries >= self.max_retries:
                email_fail_after_retries(email_id, f"Gave up after {self.max_retries + 1} tries: {exc}")
                return "failed"
            raise self.retry(exc=exc, countdown=min(600, 15 * 2**self.request.retries)) from exc
    return "sent"


@shared_task(name="cop_platform.tasks.sweep_pending_email", ignore_result=True)
def sweep_pending_email():
    """Re-enqueue e-mails still pending (the broker may have been down when they were queued)."""
    from cop_platform.email import emails_pending

    with scopes_disabled():
        pending = list(emails_pending())
    for organisation_id, email_id in pending:
        send_outgoing_email.delay(organisation_id, email_id)
    return len(pending)
