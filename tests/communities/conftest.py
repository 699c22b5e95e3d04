"""Fixtures for the communities tests."""

import communities.tasks  # noqa: F401  (register the tasks before any worker starts)
