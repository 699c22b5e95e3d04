"""The evaluation app's models, a module per sub-domain; every name imports from ``evaluation.models``."""

from .evidence import Consent, Evidence, EvidenceKind, KnowledgeSource

__all__ = ["Consent", "Evidence", "EvidenceKind", "KnowledgeSource"]
