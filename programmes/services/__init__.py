"""The programmes app's services, a module per sub-domain; every name imports from ``programmes.services``.

Every service takes ``organisation=`` (keyword-only), refuses records of another organisation, runs in one
transaction and writes the audit trail."""

from .lifecycle import checkin_add, current_phase, phase_move
from .outcomes import OUTCOME_COMPOSER, compose_outcome_email, current_outcome, outcome_record, outcome_withdraw
from .programmes import participant_add, places_left

__all__ = ["OUTCOME_COMPOSER", "checkin_add", "compose_outcome_email", "current_outcome", "current_phase",
           "outcome_record", "outcome_withdraw", "participant_add", "phase_move", "places_left"]
