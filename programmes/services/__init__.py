"""The programmes app's services, a module per sub-domain; every name imports from ``programmes.services``.

Every service takes ``organisation=`` (keyword-only), refuses records of another organisation, runs in one
transaction and writes the audit trail."""

from .lifecycle import checkin_add, current_phase, phase_move
from .programmes import participant_add, places_left
from .questionnaires import (
    answer_rate_check,
    question_add,
    question_move,
    question_remove,
    question_update,
    questionnaire_copy,
    questionnaire_create,
    questionnaire_delete,
    questionnaire_set_status,
    questionnaire_update,
    response_submit,
)

__all__ = ["checkin_add", "current_phase", "participant_add", "phase_move", "places_left"]
__all__ += ["answer_rate_check", "question_add", "question_move", "question_remove", "question_update",
            "questionnaire_copy", "questionnaire_create", "questionnaire_delete", "questionnaire_set_status",
            "questionnaire_update", "response_submit"]
