"""Evaluation's periodic work. Task names are pinned (tests/core/test_task_names.py): never rename one."""

from celery import shared_task
from django_scopes import scopes_disabled


@shared_task(name="evaluation.tasks.sweep_pulse_follow_ups", ignore_result=True)
def sweep_pulse_follow_ups():
    """Daily: queue the follow-up e-mail of each pulse answer due (consent given, a story seed, about six
    weeks on), once. Sending is the outbox's work."""
    from .services import pulse_followups_queue

    with scopes_disabled():
        return pulse_followups_queue()
