"""The programmes app's models, a module per sub-domain; every name imports from ``programmes.models``."""

from .cohorts import Attendance, CoConsultingGroup, GroupMember, MaterialKind, Session, SessionKind, SessionMaterial
from .events import Event, EventAnswer, EventInvitation
from .lifecycle import CheckIn, OutcomeLink, PhaseMove, TransformOutcome
from .participants import SUPPORTER_LABELS, SUPPORTERS, CohortApplication, CohortApplicationStatus
from .programmes import DEFAULT_PLACES, Participant, ParticipantStatus, Programme, ProgrammeKind
from .questionnaires import Answer, Choice, Question, QuestionKind, Questionnaire, QuestionnaireStatus, Response

__all__ = ["DEFAULT_PLACES", "SUPPORTERS", "SUPPORTER_LABELS", "Answer", "Attendance", "CheckIn", "Choice",
           "CoConsultingGroup", "CohortApplication", "CohortApplicationStatus", "Event", "EventAnswer",
           "EventInvitation", "GroupMember", "MaterialKind", "OutcomeLink", "Participant", "ParticipantStatus",
           "PhaseMove", "Programme", "ProgrammeKind", "Question", "QuestionKind", "Questionnaire",
           "QuestionnaireStatus", "Response", "Session", "SessionKind", "SessionMaterial", "TransformOutcome"]
