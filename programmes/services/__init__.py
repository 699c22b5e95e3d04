"""The programmes app's services, a module per sub-domain; every name imports from ``programmes.services``.

Every service takes ``organisation=`` (keyword-only), refuses records of another organisation, runs in one
transaction and writes the audit trail."""

from .cohorts import (
    SESSION_COMPOSER,
    attendance_record,
    compose_session_change,
    groups_propose,
    groups_save,
    material_add,
    material_delete,
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
from .programmes import participant_add, places_left

__all__ = ["checkin_add", "current_phase", "participant_add", "phase_move", "places_left",
           "SESSION_COMPOSER", "attendance_record", "compose_session_change", "groups_propose", "groups_save",
           "material_add", "material_delete", "programme_community_add", "programme_community_remove",
           "programme_create", "programme_delete", "programme_delete_summary", "programme_update",
           "session_cancel", "session_create", "session_delete", "session_update", "standard_programme_setup"]
