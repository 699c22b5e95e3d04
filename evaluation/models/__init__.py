"""The evaluation app's models, a module per sub-domain; every name imports from ``evaluation.models``."""

from .evidence import Consent, Evidence, EvidenceKind, KnowledgeSource
from .indicators import CommunityIndicator, Frequency, IndicatorValue, ProgrammeEvaluation, SuggestedIndicator
from .stories import EvidenceStatus, PulseAnswer, StoryStatus, StoryStep, Takeaway, ValueCreationStory

__all__ = ["CommunityIndicator", "Consent", "Evidence", "EvidenceKind", "EvidenceStatus", "Frequency",
           "IndicatorValue", "KnowledgeSource", "ProgrammeEvaluation", "PulseAnswer", "StoryStatus", "StoryStep",
           "SuggestedIndicator", "Takeaway", "ValueCreationStory"]
