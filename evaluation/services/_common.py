"""Helpers shared by the evaluation services."""

from django.core.exceptions import ValidationError

from cop_platform.tenancy.guards import same_tenant as _check_tenant  # noqa: F401  (the services' tenant check)


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
