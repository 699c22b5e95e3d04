"""The evaluation app's part of ``seed_demo``: each sub-domain's demo module, through the services."""

from . import demo_exports, demo_reports, demo_stories, demo_values


def seed(*, organisations, stdout):
    for part in (demo_values, demo_stories, demo_reports, demo_exports):
        part.seed(organisations=organisations, stdout=stdout)
