"""Read-side queries of the evaluation app, a module per sub-domain."""

from .values import community_value, computed_series, cycle_counts, evaluation_home, evidence_per_cycle, with_cycle

__all__ = ["community_value", "computed_series", "cycle_counts", "evaluation_home", "evidence_per_cycle",
           "with_cycle"]
