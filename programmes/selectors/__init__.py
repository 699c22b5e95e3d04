"""Read-side queries of the programmes app, a module per sub-domain."""

from .lifecycle import QUARTER_DAYS, latest_checkin, signals, timeline
from .participants import (
    CONFIRMED_FILTERS,
    SPANS_FILTERS,
    cohort_application_counts,
    cohort_applications_page_rows,
    cohort_applications_ranked_ids,
    convening_communities,
    meetings_convened,
    participant_of,
    participants_with_commitment,
)
from .questionnaires import csv_rows, questionnaires, questions, results, text_answers

__all__ = ["CONFIRMED_FILTERS", "QUARTER_DAYS", "SPANS_FILTERS", "cohort_application_counts",
           "cohort_applications_page_rows", "cohort_applications_ranked_ids", "convening_communities",
           "latest_checkin", "meetings_convened", "participant_of", "participants_with_commitment", "signals",
           "timeline"]

__all__ += ["csv_rows", "questionnaires", "questions", "results", "text_answers"]
