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

__all__ = ["ConsentForm", "EvaluatorStoryFilterForm", "FollowUpForm", "PulseForm", "RecodeForm", "SpineForm",
           "StepForm", "StoryForm", "StorySearchForm"]
