"""Read-side queries of the programmes app, a module per sub-domain."""

from .lifecycle import (
    QUARTER_DAYS,
    active_members,
    latest_checkin,
    outcomes_of,
    phase_annotation,
    phase_number,
    signals,
    timeline,
    transform_links,
)

__all__ = ["QUARTER_DAYS", "active_members", "latest_checkin", "outcomes_of", "phase_annotation", "phase_number",
           "signals", "timeline", "transform_links"]
