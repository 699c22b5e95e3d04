"""Services: the one place that changes calls, applications, reviews, decisions and payments.

Every function is named ``<entity>_<action>(*, organisation, by, ...)``, keyword-only and transactional;
it checks that the records it is given belong to ``organisation`` (scopes do not guard ``create()`` or
forward foreign keys) and records each state change with :func:`cop_platform.audit.audit_record`.
"""

from ._common import token_hash
from .applications import (
    APPLICATION_FIELDS,
    LEAD_FIELDS,
    application_copy,
    application_create,
    application_problems,
    application_submit,
    application_update,
    application_withdraw,
)
from .calls import (
    CALL_FIELDS,
    CALL_TRANSITIONS,
    LOCKED_CALL_FIELDS,
    RESERVED_CALL_SLUGS,
    call_create,
    call_set_status,
    call_terms_errors,
    call_update,
    criterion_add,
    criterion_remove,
)
from .confirmations import (
    application_request_confirmations,
    compose_confirmation,
    confirmation_accept,
    confirmation_decline,
    confirmation_find,
    confirmation_organisation_id,
    confirmation_problem,
)
from .decisions import (
    application_convene,
    application_decide,
    application_decision_problems,
    award_decline,
    call_release_outcomes,
    decision_people,
)
from .honoraria import PAYMENT_ORDER, application_shares, honoraria_approve, payment_advance
from .letters import award_offer_letters_queue, decision_letters_queue
from .reminders import (
    late_reviewers,
    review_digest_queue,
    review_reminder_steps,
    review_reminders_queue,
    review_reminders_sweep,
)
from .review import (
    assignment_add,
    assignment_check_conflict,
    assignment_conflict_reasons,
    assignment_declare_conflict,
    assignment_declare_no_conflict,
    assignment_moderate,
    assignments_balance,
    automatic_conflicts,
    panel_set,
    scores_save,
)
from .support import convener_profile_save, support_record

__all__ = [
    "APPLICATION_FIELDS",
    "CALL_FIELDS",
    "CALL_TRANSITIONS",
    "LEAD_FIELDS",
    "LOCKED_CALL_FIELDS",
    "PAYMENT_ORDER",
    "RESERVED_CALL_SLUGS",
    "application_convene",
    "application_copy",
    "application_create",
    "application_decide",
    "application_decision_problems",
    "application_problems",
    "application_request_confirmations",
    "application_shares",
    "application_submit",
    "application_update",
    "application_withdraw",
    "assignment_add",
    "assignment_check_conflict",
    "assignment_conflict_reasons",
    "assignment_declare_conflict",
    "assignment_declare_no_conflict",
    "assignment_moderate",
    "assignments_balance",
    "automatic_conflicts",
    "award_decline",
    "award_offer_letters_queue",
    "call_create",
    "call_release_outcomes",
    "call_set_status",
    "call_terms_errors",
    "call_update",
    "compose_confirmation",
    "confirmation_accept",
    "confirmation_decline",
    "confirmation_find",
    "confirmation_organisation_id",
    "confirmation_problem",
    "convener_profile_save",
    "criterion_add",
    "criterion_remove",
    "decision_letters_queue",
    "decision_people",
    "honoraria_approve",
    "late_reviewers",
    "panel_set",
    "payment_advance",
    "review_digest_queue",
    "review_reminder_steps",
    "review_reminders_queue",
    "review_reminders_sweep",
    "scores_save",
    "support_record",
    "token_hash",
]
