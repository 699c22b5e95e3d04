"""Task names are the contract with the broker and the beat schedule: queued messages and periodic
entries name a task by string, so moving a module must never rename one."""

from django.conf import settings

from cop_platform.celery import app

EXPECTED_TASKS = {
    "communities.tasks.send_invitation",
    "communities.tasks.send_invitation_reminder",
    "communities.tasks.sweep_invitations",
    "conveners.tasks.send_decision_letters",
    "conveners.tasks.sweep_review_reminders",
    "cop_platform.tasks.build_file",
    "cop_platform.tasks.send_outgoing_batch",
    "cop_platform.tasks.send_outgoing_email",
    "cop_platform.tasks.sweep_pending_email",
    "evaluation.tasks.sweep_pulse_follow_ups",
    "cop_platform.tasks.sweep_queued_builds",
    "cop_platform.tasks.send_notification_digests",
    "cop_platform.tasks.send_notification_digest",
}


def _project_tasks():
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_registered_task_names_are_exactly_the_pinned_list():
    assert _project_tasks() == EXPECTED_TASKS


def test_every_beat_entry_names_a_registered_task():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {"cop_platform.tasks.sweep_pending_email", "communities.tasks.sweep_invitations",
                         "evaluation.tasks.sweep_pulse_follow_ups", "cop_platform.tasks.sweep_queued_builds",
                         "conveners.tasks.sweep_review_reminders", "cop_platform.tasks.send_notification_digests"}
    assert scheduled <= _project_tasks()
