"""The programmes app's part of ``seed_demo``: HIN's support programme and leadership cohort (sessions,
participants, groups), applications to the cohort, the Basecamps, and the Co-Creation Network's readiness
questionnaire — each made through the services by its own module, in this order (applications need the
cohort)."""

from . import demo_cohorts, demo_events, demo_participants, demo_questionnaires


def seed(*, organisations, stdout):
    for part in (demo_cohorts, demo_participants, demo_events, demo_questionnaires):
        part.seed(organisations=organisations, stdout=stdout)
