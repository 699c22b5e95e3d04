"""Forms of the programmes app, a module per sub-domain."""

from .lifecycle import CheckInForm, DateInput, PhaseMoveForm
from .questionnaires import AnswerForm, QuestionForm, QuestionnaireForm, QuestionnaireSearchForm

__all__ = ["CheckInForm", "DateInput", "PhaseMoveForm"]
__all__ += ["AnswerForm", "QuestionForm", "QuestionnaireForm", "QuestionnaireSearchForm"]
