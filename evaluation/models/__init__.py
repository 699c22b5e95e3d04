"""The evaluation app's models, a module per sub-domain; every name imports from ``evaluation.models``."""

from .evidence import Consent, Evidence, EvidenceKind, KnowledgeSource
from .stories import EvidenceStatus, PulseAnswer, StoryStatus, StoryStep, Takeaway, ValueCreationStory

__all__ = ["Consent", "Evidence", "EvidenceKind", "EvidenceStatus", "KnowledgeSource", "PulseAnswer",
           "StoryStatus", "StoryStep", "Takeaway", "ValueCreationStory"]
