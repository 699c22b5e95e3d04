"""Read-side queries of the evaluation app, a module per sub-domain."""

from .values import community_value, computed_series, cycle_counts, evaluation_home

__all__ = ["community_value", "computed_series", "cycle_counts", "evaluation_home"]
