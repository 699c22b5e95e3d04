"""Read-side queries of the programmes app, a module per sub-domain."""

from .cohorts import (
    funded_conveners,
    group_of,
    groups_of,
    participant_of,
    participants_with_attendance,
    programme_list,
    sessions_of,
)
from .lifecycle import QUARTER_DAYS, latest_checkin, signals, timeline

__all__ = ["QUARTER_DAYS", "latest_checkin", "signals", "timeline",
           "funded_conveners", "group_of", "groups_of", "participant_of", "participants_with_attendance",
           "programme_list", "sessions_of"]
