"""The evaluation app's services, a module per sub-domain; every name imports from ``evaluation.services``."""

from .pulse import pulse_answer_save, pulse_followups_queue, pulse_offer, pulse_who_may_answer
from .stories import (
    story_consent,
    story_create,
    story_create_spine,
    story_delete,
    story_follow_up,
    story_step_add,
    story_step_delete,
    story_step_recode,
    story_step_update,
    story_transition,
    story_update,
)

__all__ = [
    "pulse_answer_save", "pulse_followups_queue", "pulse_offer", "pulse_who_may_answer", "story_consent",
    "story_create", "story_create_spine", "story_delete", "story_follow_up", "story_step_add",
    "story_step_delete", "story_step_recode", "story_step_update", "story_transition", "story_update",
]
