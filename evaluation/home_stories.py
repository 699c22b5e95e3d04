"""What the stories work contributes to the core's navigation: the evaluator's list of stories."""

from cop_platform import registry


def _curates(tenant):
    from .permissions import is_curator

    return is_curator(tenant)


def register():
    registry.register_navigation_item("evaluation.stories", text="Stories", url_name="evaluation:evaluator_stories",
                                      allowed=_curates, order=60)
