"""Helpers shared by the evaluation services."""

from django.core.exceptions import ValidationError


def _check_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")


def _clean_text(value, *, limit, field, required=False, label="This"):
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"{label} cannot be empty."})
    if len(text) > limit:
        raise ValidationError({field: f"{label} must be at most {limit} characters."})
    return text


def _check_cycles(keys, cycle_set, field="cycles"):
    from .. import rules

    unknown = rules.unknown_cycles(keys, cycle_set)
    if unknown:
        raise ValidationError({field: "Choose value cycles from the list: "
                                      f"{', '.join(str(k)[:30] for k in unknown[:3])} is not one of them."})
