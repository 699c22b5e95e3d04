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
from .participants import (
    CONFIRMED_FILTERS,
    SPANS_FILTERS,
    cohort_application_counts,
    cohort_applications_page_rows,
    cohort_applications_ranked_ids,
    convening_communities,
    meetings_convened,
    participants_with_commitment,
)
from .questionnaires import csv_rows, questionnaires, questions, results, text_answers

__all__ = ["CONFIRMED_FILTERS", "QUARTER_DAYS", "SPANS_FILTERS", "active_members", "cohort_application_counts",
           "cohort_applications_page_rows", "cohort_applications_ranked_ids", "convening_communities", "csv_rows",
           "funded_conveners", "group_of", "groups_of", "latest_checkin", "meetings_convened", "outcomes_of",
           "participant_of", "participants_with_attendance", "participants_with_commitment", "phase_annotation",
           "phase_number", "programme_list", "questionnaires", "questions", "results", "sessions_of", "signals",
           "text_answers", "timeline", "transform_links"]
