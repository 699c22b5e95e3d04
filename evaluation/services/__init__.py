"""The evaluation app's services, a module per sub-domain; every name imports from ``evaluation.services``."""

from .cycles import cycle_set_for_community, programme_cycle_set_set
from .evidence import evidence_add, evidence_delete, evidence_edit
from .indicators import (
    community_indicator_add,
    community_indicator_delete,
    community_indicator_edit,
    indicator_value_add,
    indicator_value_delete,
    suggested_indicator_add,
    suggested_indicator_edit,
    suggested_indicators_ensure,
)
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

__all__ = ["community_indicator_add", "community_indicator_delete", "community_indicator_edit",
           "cycle_set_for_community", "evidence_add", "evidence_delete", "evidence_edit", "indicator_value_add",
           "indicator_value_delete", "programme_cycle_set_set", "pulse_answer_save", "pulse_followups_queue",
           "pulse_offer", "pulse_who_may_answer", "story_consent", "story_create", "story_create_spine",
           "story_delete", "story_follow_up", "story_step_add", "story_step_delete", "story_step_recode",
           "story_step_update", "story_transition", "story_update", "suggested_indicator_add",
           "suggested_indicator_edit", "suggested_indicators_ensure"]
