"""Widget parts rendered in Python where the template engine would render one include per item.

A select of a community's 500 members rendered ``select_option.html`` and ``attrs.html`` once per option
(about a tenth of a millisecond each: most of the momentum plan's time). :func:`select_options` writes the
same markup, every label, value and attribute escaped, in one pass over the widget's option groups.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _text(value):
    """As the template engine prints a value: already-safe HTML as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)


def option_attrs(attrs):
    """What ``django/forms/widgets/attrs.html`` writes: `` name="value"`` (escaped), a bare `` name`` for
    ``True``, nothing for ``False``; ``class`` is the widget's own business."""
    return "".join(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
                   for name, value in attrs.items() if name != "class" and value is not False)


def _option(option):
    return f'<option value="{_text(option["value"])}"{option_attrs(option["attrs"])}>{_text(option["label"])}</option>'


@register.simple_tag
def select_options(optgroups):
    """The inside of a ``<select>`` from ``widget.optgroups``: options, and ``<optgroup>`` around named groups."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'<optgroup label="{_text(group_name)}">')
            parts.extend(_option(option) for option in options)
            parts.append("</optgroup>")
        else:
            parts.extend(_option(option) for option in options)
    return mark_safe("\n  ".join(parts))  # noqa: S308 - every value and label escaped above
