"""Read-side queries of the programmes app, a module per sub-domain."""

from .lifecycle import QUARTER_DAYS, latest_checkin, signals, timeline
from .questionnaires import csv_rows, questionnaires, questions, results, text_answers

__all__ = ["QUARTER_DAYS", "latest_checkin", "signals", "timeline"]
__all__ += ["csv_rows", "questionnaires", "questions", "results", "text_answers"]
