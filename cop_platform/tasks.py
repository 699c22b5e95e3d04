"""Core tasks and the helpers every app's tasks use."""

import logging

from celery import shared_task
from django.conf import settings
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


@shared_task(bind=True, acks_late=True, ignore_result=True, name="cop_platform.tasks.send_outgoing_email")
def send_outgoing_email(self, organisation_id, email_id):
    """Send one outbox row if it is due. The row holds the retry state (attempts, next attempt): on a
    failure worth retrying, the task enqueues itself for the row's next attempt; the sweep is the net."""
    from cop_platform.email import email_send_now

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        result = email_send_now(email_id)
    if result.retry_in is not None and not self.request.is_eager:
        try:
            send_outgoing_email.apply_async(args=(organisation_id, email_id), countdown=result.retry_in)
        except OperationalError:
            logger.warning("Broker unavailable; e-mail %s left for the sweep", email_id)
    return result.outcome


@shared_task(bind=True, acks_late=True, ignore_result=True, name="cop_platform.tasks.send_outgoing_batch")
def send_outgoing_batch(self, organisation_id, email_ids):
    """Send a batch of one organisation's outbox rows (queued together, e.g. a list of invitations): claimed
    in one statement, sent over one SMTP connection. Rows to retry go back as one batch per due time; the
    sweep is the net. Returns how many were sent."""
    from cop_platform.email import emails_send_batch

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    with scope(organisation=organisation):
        results = emails_send_batch(email_ids)
    retries = {}
    for pk, result in results.items():
        if result.retry_in is not None:
            retries.setdefault(result.retry_in, []).append(pk)
    if not self.request.is_eager:
        for delay, ids in retries.items():
            try:
                send_outgoing_batch.apply_async(args=(organisation_id, sorted(ids)), countdown=delay)
            except OperationalError:
                logger.warning("Broker unavailable; %s e-mails left for the sweep", len(ids))
    return sum(1 for result in results.values() if result.outcome == "sent")


@shared_task(ignore_result=True, name="cop_platform.tasks.sweep_pending_email")
def sweep_pending_email():
    """Send e-mails that are due (the broker may have been down when they were queued, or their retry
    was lost), and unstick those claimed by a worker that died: one batch task per 100 rows of an
    organisation."""
    from cop_platform.email import emails_due
    from cop_platform.email.background import batches

    with scopes_disabled():
        due = emails_due()
    by_organisation = {}
    for organisation_id, email_id in due:
        by_organisation.setdefault(organisation_id, []).append(email_id)
    for organisation_id, ids in by_organisation.items():
        for chunk in batches(ids):
            send_outgoing_batch.delay(organisation_id, chunk)
    return len(due)


# Generated files: one task builds any registered kind, within CONVENE_PDF_TASK_SECONDS (the soft limit;
# the hard limit, 30 s later, kills a renderer stuck in C code — the sweep then tries the row again).
@shared_task(bind=True, acks_late=True, ignore_result=True, name="cop_platform.tasks.build_file",
             soft_time_limit=settings.CONVENE_PDF_TASK_SECONDS, time_limit=settings.CONVENE_PDF_TASK_SECONDS + 30)
def build_file(self, organisation_id, build_id):
    """Build one queued file (a PDF, a zip): the row is claimed by a conditional update, so a duplicate
    message (the sweep, a redelivery) builds nothing twice."""
    from cop_platform.builds.services import build_run

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        return build_run(build_id)


@shared_task(ignore_result=True, name="cop_platform.tasks.sweep_queued_builds")
def sweep_queued_builds():
    """Enqueue builds still queued (the broker may have been down when they were asked for) and put back
    those whose worker died."""
    from cop_platform.builds.services import builds_to_sweep

    with scopes_disabled():
        due = builds_to_sweep()
    for organisation_id, build_id in due:
        build_file.delay(organisation_id, build_id)
    return len(due)


# Notifications: the daily digest (beat), one task per person and organisation.
@shared_task(ignore_result=True, name="cop_platform.tasks.send_notification_digests")
def send_notification_digests():
    """Enqueue one digest task for each person and organisation with digest notifications waiting."""
    from cop_platform.notifications.mail import digests_due

    with scopes_disabled():
        due = digests_due()
    for organisation_id, user_id in due:
        send_notification_digest.delay(organisation_id, user_id)
    return len(due)


@shared_task(bind=True, acks_late=True, ignore_result=True, name="cop_platform.tasks.send_notification_digest")
def send_notification_digest(self, organisation_id, user_id):
    """Queue one person's digest in the outbox; the rows are claimed, so a repeat sends nothing."""
    from cop_platform.notifications.mail import digest_send

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    with scope(organisation=organisation):
        email = digest_send(organisation=organisation, recipient_id=user_id)
    return "queued" if email is not None else "nothing"
