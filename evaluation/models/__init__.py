"""The evaluation app's models, a module per sub-domain; every name imports from ``evaluation.models``."""

from .evidence import Consent, Evidence, EvidenceKind, KnowledgeSource
from .indicators import CommunityIndicator, Frequency, IndicatorValue, ProgrammeEvaluation, SuggestedIndicator

__all__ = ["CommunityIndicator", "Consent", "Evidence", "EvidenceKind", "Frequency", "IndicatorValue",
           "KnowledgeSource", "ProgrammeEvaluation", "SuggestedIndicator"]
