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

__all__ = ["ApplicationsWindowForm", "CheckInForm", "CohortApplicationFilterForm", "CohortApplicationForm",
           "CohortDecisionForm", "DateInput", "ParticipantCommunityForm", "PhaseMoveForm", "SearchForm"]
