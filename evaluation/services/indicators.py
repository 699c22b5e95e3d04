"""The organisation's suggested indicators and a community's own, with values recorded by hand."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from .. import rules
from ._common import _check_cycles, _check_tenant, _clean_text
from .cycles import cycle_set_for_community


def _check_computed(computed):
    if computed and computed not in rules.COMPUTED_KEYS:
        raise ValidationError({"computed": "Choose where the values come from from the list."})
    return computed or ""


@transaction.atomic
def suggested_indicators_ensure(*, organisation):
    """Copy :data:`evaluation.rules.DEFAULT_INDICATORS` into the organisation the first time its library is
    used (once: the row lock on the organisation keeps two first visits from copying twice)."""
    from cop_platform.tenancy.models import Organisation

    from ..models import SuggestedIndicator

    if SuggestedIndicator.objects.filter(organisation=organisation).exists():
        return False
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if SuggestedIndicator.objects.filter(organisation=organisation).exists():
        return False
    SuggestedIndicator.objects.bulk_create([
        SuggestedIndicator(organisation=organisation, cycle=cycle, name=name, how_measured=how, computed=computed)
        for cycle, name, how, computed in rules.DEFAULT_INDICATORS])
    return True


def _indicator_fields(*, cycle, name, how_measured, computed, cycle_set):
    _check_cycles([cycle], cycle_set, field="cycle")
    return {"cycle": cycle, "name": _clean_text(name, limit=200, field="name", required=True, label="The name"),
            "how_measured": _clean_text(how_measured, limit=2000, field="how_measured",
                                        label="How it is measured"),
            "computed": _check_computed(computed)}


@transaction.atomic
def suggested_indicator_add(*, organisation, by, cycle, name, how_measured="", computed=""):
    from ..models import SuggestedIndicator

    indicator = SuggestedIndicator.objects.create(organisation=organisation, **_indicator_fields(
        cycle=cycle, name=name, how_measured=how_measured, computed=computed, cycle_set=rules.SET_2020))
    audit_record(organisation=organisation, actor=by, action="evaluation.suggested_indicator_added",
                 target=indicator)
    return indicator


@transaction.atomic
def suggested_indicator_edit(*, organisation, by, indicator, cycle, name, how_measured="", computed="",
                             retired=False):
    _check_tenant(organisation, indicator)
    for field, value in _indicator_fields(cycle=cycle, name=name, how_measured=how_measured, computed=computed,
                                          cycle_set=rules.SET_2020).items():
        setattr(indicator, field, value)
    was_retired, indicator.retired = indicator.retired, bool(retired)
    indicator.save()
    action = ("evaluation.suggested_indicator_retired" if retired and not was_retired
              else "evaluation.suggested_indicator_changed")
    audit_record(organisation=organisation, actor=by, action=action, target=indicator)
    return indicator


@transaction.atomic
def community_indicator_add(*, organisation, by, community, cycle, name, how_measured="", frequency="quarterly",
                            computed="", suggested=None):
    """A community chooses an indicator for a cycle: from the library (``suggested``) or its own."""
    from ..models import CommunityIndicator, Frequency

    _check_tenant(organisation, community, suggested)
    if suggested is not None and suggested.retired:
        raise ValidationError({"suggested": "That suggested indicator has been retired."})
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": "Choose how often from the list."})
    fields = _indicator_fields(cycle=cycle, name=name, how_measured=how_measured, computed=computed,
                               cycle_set=cycle_set_for_community(community=community))
    indicator = CommunityIndicator.objects.create(organisation=organisation, community=community, suggested=suggested,
                                                  frequency=frequency, added_by=by, **fields)
    audit_record(organisation=organisation, actor=by, action="evaluation.indicator_added", target=indicator)
    return indicator


@transaction.atomic
def community_indicator_edit(*, organisation, by, indicator, cycle, name, how_measured="", frequency="quarterly",
                             computed=""):
    from ..models import Frequency

    _check_tenant(organisation, indicator)
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": "Choose how often from the list."})
    fields = _indicator_fields(cycle=cycle, name=name, how_measured=how_measured, computed=computed,
                               cycle_set=cycle_set_for_community(community=indicator.community))
    if fields["computed"] and indicator.values.exists():
        raise ValidationError({"computed": "This indicator has values recorded by hand: delete them before its "
                                           "values come from the platform."})
    for field, value in fields.items():
        setattr(indicator, field, value)
    indicator.frequency = frequency
    indicator.save()
    audit_record(organisation=organisation, actor=by, action="evaluation.indicator_changed", target=indicator)
    return indicator


@transaction.atomic
def community_indicator_delete(*, organisation, by, indicator):
    _check_tenant(organisation, indicator)
    audit_record(organisation=organisation, actor=by, action="evaluation.indicator_deleted", target=indicator)
    indicator.delete()


def _clean_value(value):
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"value": "Enter a number, such as 12 or 3.5."}) from exc
    if not number.is_finite():
        raise ValidationError({"value": "Enter a number, such as 12 or 3.5."})
    if abs(number) >= Decimal("1e10"):
        raise ValidationError({"value": "Enter a number below ten billion."})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def indicator_value_add(*, organisation, by, indicator, date, value, note=""):
    """Record a value by hand. A computed indicator's values come from the platform and are refused."""
    from ..models import IndicatorValue

    _check_tenant(organisation, indicator)
    if indicator.computed:
        raise ValidationError("This indicator's values come from the platform; they cannot be typed in.")
    if date is None:
        raise ValidationError({"date": "Enter the date of the value."})
    row = IndicatorValue.objects.create(organisation=organisation, indicator=indicator, date=date,
                                        value=_clean_value(value), added_by=by,
                                        note=_clean_text(note, limit=500, field="note", label="The note"))
    audit_record(organisation=organisation, actor=by, action="evaluation.indicator_value_added", target=indicator,
                 changes={"date": date.isoformat(), "value": str(row.value)})
    return row


@transaction.atomic
def indicator_value_delete(*, organisation, by, value):
    _check_tenant(organisation, value)
    audit_record(organisation=organisation, actor=by, action="evaluation.indicator_value_deleted",
                 target=value.indicator, changes={"date": value.date.isoformat(), "value": str(value.value)})
    value.delete()
