"""The programmes app's models, a module per sub-domain; every name imports from ``programmes.models``."""

from .events import Event, EventAnswer, EventInvitation
from .lifecycle import CheckIn, OutcomeLink, PhaseMove, TransformOutcome
from .participants import SUPPORTER_LABELS, SUPPORTERS, CohortApplication, CohortApplicationStatus
from .programmes import DEFAULT_PLACES, Participant, ParticipantStatus, Programme, ProgrammeKind
from .questionnaires import Answer, Choice, Question, QuestionKind, Questionnaire, QuestionnaireStatus, Response

__all__ = ["DEFAULT_PLACES", "SUPPORTERS", "SUPPORTER_LABELS", "Answer", "CheckIn", "Choice", "CohortApplication",
           "CohortApplicationStatus", "Event", "EventAnswer", "EventInvitation", "OutcomeLink", "Participant",
           "ParticipantStatus", "PhaseMove", "Programme", "ProgrammeKind", "Question", "QuestionKind", "Questionnaire",
           "QuestionnaireStatus", "Response", "TransformOutcome"]
