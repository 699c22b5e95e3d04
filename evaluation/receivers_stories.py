"""Evaluation listens for a meeting's record being saved, to offer the pulse (communities knows nothing of
evaluation). Connected by :func:`register` from ``EvaluationConfig.ready()``."""

from django.db.models.signals import post_save


def offer_pulse(sender, instance, update_fields=None, **kwargs):
    """``communities.services.meeting_record`` saves ``recorded_at`` inside its transaction: the pulse's
    outbox rows are written in that same transaction (once per person and meeting, by outbox key)."""
    if update_fields is None or "recorded_at" not in update_fields or instance.recorded_at is None:
        return
    from .services import pulse_offer

    pulse_offer(organisation=instance.organisation, meeting=instance)


def register():
    from communities.models import Meeting
    from cop_platform.email import register_composer

    from . import mail_stories
    from .services.pulse import FOLLOW_UP_KIND, PULSE_KIND

    register_composer(PULSE_KIND, mail_stories.compose_pulse)
    register_composer(FOLLOW_UP_KIND, mail_stories.compose_follow_up)
    post_save.connect(offer_pulse, sender=Meeting, dispatch_uid="evaluation.offer_pulse")
    from . import home_stories

    home_stories.register()
