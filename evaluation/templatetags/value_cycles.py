"""Template filters for the value cycles."""

from django import template

from .. import rules

register = template.Library()


@register.filter
def cycle_name(key):
    """The name of the cycle ``key`` ("Applied value"), or the key itself if it is not a cycle."""
    found = rules.cycle(key)
    return found.name if found else key


@register.filter
def measure_name(key):
    return {k: label for k, label, _ in rules.COMPUTED_MEASURES}.get(key, key)
