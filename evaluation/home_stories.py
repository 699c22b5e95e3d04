"""What the stories work adds to the evaluator's home (``/<org>/evaluation/``): the stories waiting for
re-coding or approval, with a way into the evaluator's list of every story."""

from .panels import register_evaluation_panel


def stories_panel(tenant, user):
    """One query whatever the number of stories: the five most recently changed of those waiting, each
    carrying how many wait in all (none listed: none wait)."""
    from django.db.models import Count, Subquery

    from .models import ValueCreationStory
    from .permissions import is_curator
    from .selectors.stories import stories_for_evaluator

    if not is_curator(tenant):
        return None
    waiting = stories_for_evaluator(organisation=tenant.organisation, waiting=True)
    total = (ValueCreationStory.objects.filter(organisation=tenant.organisation, pk__in=waiting.values("pk"))
             .order_by().values("organisation").annotate(n=Count("pk")).values("n"))
    recent = list(waiting.select_related("community").prefetch_related(None)
                  .annotate(waiting_total=Subquery(total))[:5])
    return {"waiting_count": recent[0].waiting_total if recent else 0, "recent": recent}


def register():
    register_evaluation_panel("evaluation.stories_waiting", template="evaluation/_stories_panel.html",
                              context=stories_panel, order=20)
