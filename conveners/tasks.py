"""Background work for calls for conveners.

Decision letters are outbox rows written in the release's own transaction
(:func:`conveners.services.decision_letters_queue`) and sent by the outbox's worker and sweep; this task
stays registered under its pinned name so a message enqueued before that change still does its work (it
queues nothing twice).
"""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from cop_platform.tenancy.models import Organisation


@shared_task(name="conveners.tasks.send_decision_letters", ignore_result=True, acks_late=True)
def send_decision_letters(organisation_id, call_id):
    """Queue one letter per applicant and co-lead that fits their outcome (idempotent: each letter's key
    is ``decision-letter:<application>:<person>``). Only after the manager released the outcomes."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    with scope(organisation=organisation):
        from .services import decision_letters_queue

        return decision_letters_queue(organisation=organisation, call=call_id)


@shared_task(name="conveners.tasks.sweep_review_reminders", ignore_result=True)
def sweep_review_reminders():
    """Hourly: queue the review-deadline reminders due today (one per reviewer per step, never to a
    reviewer who has finished) and, the day after a deadline, the managers' digest of who is late. Each
    e-mail is queued once, whatever the number of runs; sending is the outbox's work."""
    from .services import review_reminders_sweep

    with scopes_disabled():
        reminders, digests = review_reminders_sweep()
    return reminders + digests
