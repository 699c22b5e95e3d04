"""The evaluator's views across communities and programmes (issue item 6): the value-creation matrix, the
value flow, the phase × cycle grid, participation tiers and the boundary-crossing picture, as SVG charts
with their tables; filtered to a programme or a community by GET. Evaluators and host staff only."""

from django import forms
from django.forms.utils import flatatt
from django.shortcuts import render
from django.utils.html import format_html, format_html_join

from cop_platform.permissions import require_role

from .. import permissions
from ..exports.access import community_known, programme_known
from ..pictures import pictures
from ..selectors.overview import Scope


class ListSelect(forms.Select):
    """The NHS.UK select (``templates/django/forms/widgets/select.html``) with its options written here rather
    than through a template include each: an organisation's hundreds of communities took a third of the
    page's time. Every label and value is escaped by ``format_html``."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attrs = widget["attrs"]
        options = format_html_join(
            "", '\n  <option value="{}"{}>{}</option>',
            ((option["value"], flatatt({k: v for k, v in option["attrs"].items() if v is not False}), option["label"])
             for _, group, _ in widget["optgroups"] for option in group))
        return format_html('<select class="nhsuk-select{}" name="{}"{}>{}\n</select>',
                           f" {attrs['class']}" if attrs.get("class") else "", widget["name"],
                           flatatt({k: v for k, v in attrs.items() if k != "class" and v is not False}), options)


class ScopeForm(forms.Form):
    programme = forms.ModelChoiceField(label="Programme", required=False, queryset=None, to_field_name="slug",
                                       empty_label="All programmes", widget=ListSelect,
                                       error_messages={"invalid_choice": "Choose a programme from the list."})
    community = forms.ModelChoiceField(label="Community", required=False, queryset=None, to_field_name="slug",
                                       empty_label="All communities", widget=ListSelect,
                                       error_messages={"invalid_choice": "Choose a community from the list."})

    def __init__(self, *args, organisation, **kwargs):
        from communities.models import Community
        from programmes.models import Programme

        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organisation=organisation).order_by("name")
        self.fields["community"].queryset = Community.objects.filter(organisation=organisation).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("programme") and data.get("community"):
            raise forms.ValidationError("Choose a programme or a community, not both.")
        return data


@require_role(*permissions.EVALUATION_ROLES)
def views(request, org):
    """One page, a section per picture; a bad filter says what is wrong and shows the whole organisation."""
    params = {key: request.GET[key][:100] for key in ("programme", "community") if request.GET.get(key)}
    form = ScopeForm(params or None, organisation=request.organisation)
    scope = Scope(organisation=request.organisation)
    if params and form.is_valid():
        scope = Scope(organisation=request.organisation, programme=form.cleaned_data["programme"],
                      community=form.cleaned_data["community"])
        if scope.programme:
            programme_known(request, scope.programme)
        if scope.community:
            community_known(request, scope.community)
    return render(request, "evaluation/views.html", {"form": form, "scope": scope, **pictures(scope)})
