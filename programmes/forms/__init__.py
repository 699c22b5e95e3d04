"""Forms of the programmes app, a module per sub-domain."""

from .lifecycle import CheckInForm, DateInput, PhaseMoveForm
from .participants import (
    ApplicationsWindowForm,
    CohortApplicationFilterForm,
    CohortApplicationForm,
    CohortDecisionForm,
    ParticipantCommunityForm,
    SearchForm,
)
from .questionnaires import AnswerForm, QuestionForm, QuestionnaireForm, QuestionnaireSearchForm

__all__ = ["ApplicationsWindowForm", "CheckInForm", "CohortApplicationFilterForm", "CohortApplicationForm",
           "CohortDecisionForm", "DateInput", "ParticipantCommunityForm", "PhaseMoveForm", "SearchForm"]
__all__ += ["AnswerForm", "QuestionForm", "QuestionnaireForm", "QuestionnaireSearchForm"]
