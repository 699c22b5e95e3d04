"""The programmes app's services, a module per sub-domain; every name imports from ``programmes.services``.

Every service takes ``organisation=`` (keyword-only), refuses records of another organisation, runs in one
transaction and writes the audit trail."""

from .cohort_portal import attendance_record, groups_propose, groups_save, material_add, material_delete
from .cohorts import (
    SESSION_COMPOSER,
    compose_session_change,
    programme_community_add,
    programme_community_remove,
    programme_create,
    programme_delete,
    programme_delete_summary,
    programme_update,
    session_cancel,
    session_create,
    session_delete,
    session_update,
    standard_programme_setup,
)
from .lifecycle import checkin_add, current_phase, phase_move
from .outcomes import OUTCOME_COMPOSER, compose_outcome_email, current_outcome, outcome_record, outcome_withdraw
from .participant_confirmations import (
    cohort_application_request_confirmations,
    supporter_confirm,
    supporter_confirmation_find,
    supporter_confirmation_organisation_id,
    supporter_confirmation_problem,
    supporter_decline,
)
from .participants import (
    cohort_application_create,
    cohort_application_decide,
    cohort_application_submit,
    cohort_application_update,
    cohort_application_withdraw,
    cohort_applications_window_set,
    participant_community_set,
)
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

__all__ = ["OUTCOME_COMPOSER", "SESSION_COMPOSER", "answer_rate_check", "attendance_record", "checkin_add",
           "cohort_application_create", "cohort_application_decide", "cohort_application_request_confirmations",
           "cohort_application_submit", "cohort_application_update", "cohort_application_withdraw",
           "cohort_applications_window_set", "compose_outcome_email",
           "compose_session_change", "current_outcome", "current_phase", "groups_propose", "groups_save",
           "material_add", "material_delete", "outcome_record", "outcome_withdraw", "participant_add",
           "participant_community_set", "phase_move", "places_left", "programme_community_add",
           "programme_community_remove", "programme_create", "programme_delete", "programme_delete_summary",
           "programme_update", "question_add", "question_move", "question_remove", "question_update",
           "questionnaire_copy", "questionnaire_create", "questionnaire_delete", "questionnaire_set_status",
           "questionnaire_update", "response_submit", "session_cancel", "session_create", "session_delete",
           "session_update", "standard_programme_setup", "supporter_confirm", "supporter_confirmation_find",
           "supporter_confirmation_organisation_id", "supporter_confirmation_problem", "supporter_decline"]
