"""Evaluation forms, a module per sub-domain; every name imports from ``evaluation.forms``."""

from .stories import (
    ConsentForm,
    EvaluatorStoryFilterForm,
    FollowUpForm,
    PulseForm,
    RecodeForm,
    SpineForm,
    StepForm,
    StoryForm,
    StorySearchForm,
)
from .values import (
    ChooseSuggestedForm,
    CommunityIndicatorForm,
    CycleSetForm,
    EvidenceEditForm,
    EvidenceForm,
    IndicatorValueForm,
    SuggestedIndicatorEditForm,
    SuggestedIndicatorForm,
)

__all__ = ["ChooseSuggestedForm", "CommunityIndicatorForm", "ConsentForm", "CycleSetForm", "EvaluatorStoryFilterForm",
           "EvidenceEditForm", "EvidenceForm", "FollowUpForm", "IndicatorValueForm", "PulseForm", "RecodeForm",
           "SpineForm", "StepForm", "StoryForm", "StorySearchForm", "SuggestedIndicatorEditForm",
           "SuggestedIndicatorForm"]
