"""The programmes app's models, a module per sub-domain; every name imports from ``programmes.models``."""

from .lifecycle import CheckIn, OutcomeLink, PhaseMove, TransformOutcome
from .programmes import DEFAULT_PLACES, Participant, ParticipantStatus, Programme, ProgrammeKind

__all__ = ["DEFAULT_PLACES", "CheckIn", "Participant", "ParticipantStatus", "PhaseMove", "Programme",
           "ProgrammeKind",
           "OutcomeLink", "TransformOutcome"]
