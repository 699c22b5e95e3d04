"""How every form field is put on a page, whatever form it belongs to (``FORM_RENDERER``).

One place makes the HTML valid and the widgets usable, so no form can forget:

- date, datetime-local, month and time inputs carry the ISO values browsers require
  (https://html.spec.whatwg.org/multipage/input.html#date-state-(type=date)); a UK-formatted value
  such as "30/11/2026" is shown as an empty field and lost on the next save;
- ``placeholder`` and ``maxlength``/``minlength`` appear only on input types that allow them;
- an empty choice reads "Choose…" (or "None" when the field is optional), never "---------".
"""

from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms import BoundField, ChoiceField, ModelChoiceField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import DateTimeBaseInput

ISO_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M", "month": "%Y-%m", "time": "%H:%M"}
# https://html.spec.whatwg.org/multipage/input.html#concept-input-apply
LENGTH_TYPES = {"text", "search", "url", "tel", "email", "password"}
PLACEHOLDER_TYPES = LENGTH_TYPES | {"number"}
DASHES = BLANK_CHOICE_DASH[0][1]
CHOOSE = "Choose…"
NONE_CHOSEN = "None"


def empty_choice_label(field):
    return CHOOSE if field.required else NONE_CHOSEN


class FieldOnPage(BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        kind = getattr(widget, "input_type", None)
        if kind in ISO_FORMATS and isinstance(widget, DateTimeBaseInput):
            widget.format = ISO_FORMATS[kind]
        if kind and kind not in LENGTH_TYPES:
            widget.attrs.pop("maxlength", None)
            widget.attrs.pop("minlength", None)
        if kind and kind not in PLACEHOLDER_TYPES:
            widget.attrs.pop("placeholder", None)
        self._name_the_empty_choice(widget)
        return super().as_widget(widget=widget, attrs=attrs, only_initial=only_initial)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        kind = getattr(widget or self.field.widget, "input_type", None)
        if kind and kind not in LENGTH_TYPES:
            attrs.pop("maxlength", None)
            attrs.pop("minlength", None)
        if kind and kind not in PLACEHOLDER_TYPES:
            attrs.pop("placeholder", None)
        return attrs

    def _name_the_empty_choice(self, widget):
        field = self.field
        if isinstance(field, ModelChoiceField):
            if field.empty_label == DASHES:
                field.empty_label = empty_choice_label(field)
        elif isinstance(field, ChoiceField) and hasattr(widget, "choices"):
            choices = list(widget.choices)
            if any(value == "" and label == DASHES for value, label in choices):
                widget.choices = [(value, empty_choice_label(field) if value == "" and label == DASHES else label)
                                  for value, label in choices]


class FormRenderer(TemplatesSetting):
    """Our NHS.UK-styled templates (templates/django/forms/), with every field put on the page as above."""

    bound_field_class = FieldOnPage


def add_service_errors(form, error):
    """Show a service's ``ValidationError`` on ``form``: each message beside the field it names when the
    form has that field, otherwise above the form. Takes a plain message, a list or a dict of them.
    The form stays bound, so nothing the person typed is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ReadOnceChoices(ModelChoiceIterator):
    """A model choice field's options from the rows its queryset has already read (a form that tested
    whether there are any, a view that drew pictures from the same list), so the list is fetched once
    rather than once for that and again to draw. Use as a field class's ``iterator``."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)
