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
from .lifecycle import CheckInForm, DateInput, PhaseMoveForm

__all__ = ["CheckInForm", "DateInput", "PhaseMoveForm",
           "CommunityChoiceForm", "GroupSizeForm", "MaterialFileForm", "MaterialLinkForm", "ProgrammeForm",
           "ProgrammeSearchForm", "SessionForm", "StandardSetupForm", "TimeInput"]
