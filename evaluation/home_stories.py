"""What the stories work adds to the evaluator's home (``/<org>/evaluation/``): the stories waiting for
re-coding or approval, with a way into the evaluator's list of every story."""

from .panels import register_evaluation_panel


def stories_panel(tenant, user):
    """Two queries whatever the number of stories: how many wait, and the five most recently changed."""
    from .permissions import is_curator
    from .selectors.stories import stories_for_evaluator

    if not is_curator(tenant):
        return None
    waiting = stories_for_evaluator(organisation=tenant.organisation, waiting=True)
    return {"waiting_count": waiting.count(),
            "recent": list(waiting.select_related("community").prefetch_related(None)[:5])}


def register():
    register_evaluation_panel("evaluation.stories_waiting", template="evaluation/_stories_panel.html",
                              context=stories_panel, order=20)
