"""Forms of the programmes app, a module per sub-domain."""

from .lifecycle import CheckInForm, DateInput, OutcomeForm, PhaseMoveForm, WithdrawOutcomeForm
from .participants import (
    ApplicationsWindowForm,
    CohortApplicationFilterForm,
    CohortApplicationForm,
    CohortDecisionForm,
    ParticipantCommunityForm,
    SearchForm,
)
from .questionnaires import AnswerForm, QuestionForm, QuestionnaireForm, QuestionnaireSearchForm

__all__ = ["AnswerForm", "ApplicationsWindowForm", "CheckInForm", "CohortApplicationFilterForm",
           "CohortApplicationForm", "CohortDecisionForm", "DateInput", "OutcomeForm", "ParticipantCommunityForm",
           "PhaseMoveForm", "QuestionForm", "QuestionnaireForm", "QuestionnaireSearchForm", "SearchForm",
           "WithdrawOutcomeForm"]
