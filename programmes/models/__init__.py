"""The programmes app's models, a module per sub-domain; every name imports from ``programmes.models``."""

from .lifecycle import CheckIn, PhaseMove
from .programmes import DEFAULT_PLACES, Participant, ParticipantStatus, Programme, ProgrammeKind
from .questionnaires import Answer, Choice, Question, QuestionKind, Questionnaire, QuestionnaireStatus, Response

__all__ = ["DEFAULT_PLACES", "CheckIn", "Participant", "ParticipantStatus", "PhaseMove", "Programme",
           "ProgrammeKind"]
__all__ += ["Answer", "Choice", "Question", "QuestionKind", "Questionnaire", "QuestionnaireStatus", "Response"]
