"""Each programme's set of value cycles."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from .. import rules
from ._common import _check_tenant


def cycle_set_for_community(*, community):
    """The cycle set a community's evidence and indicators use: :func:`evaluation.rules.cycle_set_of` over
    its programmes' choices (one query)."""
    from ..models import ProgrammeEvaluation

    sets = ProgrammeEvaluation.objects.filter(
        organisation_id=community.organisation_id, programme__communities=community).values_list("cycle_set",
                                                                                                 flat=True)
    return rules.cycle_set_of(sets)


@transaction.atomic
def programme_cycle_set_set(*, organisation, by, programme, cycle_set):
    """Switch ``programme`` between the five cycles and the 2020 set (host staff and evaluators)."""
    from ..models import ProgrammeEvaluation

    _check_tenant(organisation, programme)
    if cycle_set not in dict(rules.CYCLE_SET_CHOICES):
        raise ValidationError({"cycle_set": "Choose the five value cycles or the 2020 set."})
    evaluation, _ = ProgrammeEvaluation.objects.select_for_update().get_or_create(
        organisation=organisation, programme=programme)
    before = evaluation.cycle_set
    if before != cycle_set:
        evaluation.cycle_set = cycle_set
        evaluation.save(update_fields=["cycle_set", "updated_at"])
        audit_record(organisation=organisation, actor=by, action="evaluation.cycle_set_changed", target=programme,
                     changes={"cycle_set": [before, cycle_set]})
    return evaluation
