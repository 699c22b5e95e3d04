"""Forms of the programmes app, a module per sub-domain."""

from .cohorts import (
    CommunityChoiceForm,
    GroupSizeForm,
    MaterialFileForm,
    MaterialLinkForm,
    ProgrammeForm,
    ProgrammeSearchForm,
    SessionForm,
    StandardSetupForm,
    TimeInput,
)
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
           "CohortApplicationForm", "CohortDecisionForm", "CommunityChoiceForm", "DateInput", "GroupSizeForm",
           "MaterialFileForm", "MaterialLinkForm", "OutcomeForm", "ParticipantCommunityForm", "PhaseMoveForm",
           "ProgrammeForm", "ProgrammeSearchForm", "QuestionForm", "QuestionnaireForm", "QuestionnaireSearchForm",
           "SearchForm", "SessionForm", "StandardSetupForm", "TimeInput", "WithdrawOutcomeForm"]
