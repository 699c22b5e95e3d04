"""The programmes app's models, a module per sub-domain; every name imports from ``programmes.models``."""

from .cohorts import Attendance, CoConsultingGroup, GroupMember, MaterialKind, Session, SessionKind, SessionMaterial
from .lifecycle import CheckIn, PhaseMove
from .programmes import DEFAULT_PLACES, Participant, ParticipantStatus, Programme, ProgrammeKind

__all__ = ["DEFAULT_PLACES", "CheckIn", "Participant", "ParticipantStatus", "PhaseMove", "Programme",
           "ProgrammeKind", "Attendance", "CoConsultingGroup", "GroupMember", "MaterialKind", "Session", "SessionKind",
           "SessionMaterial"]
