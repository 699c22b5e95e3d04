"""The evaluator's views across communities and programmes (issue item 6): the value-creation matrix, the
value flow, the phase × cycle grid, participation tiers and the boundary-crossing picture, as SVG charts
with their tables; filtered to a programme or a community by GET. Evaluators and host staff only."""

from django import forms
from django.db.models import F
from django.shortcuts import render

from cop_platform.forms import ReadOnceChoices
from cop_platform.permissions import require_role

from .. import permissions, rules
from ..exports.access import community_known, programme_known
from ..pictures import pictures
from ..selectors.overview import Scope


class ListChoiceField(forms.ModelChoiceField):
    iterator = ReadOnceChoices


class ScopeForm(forms.Form):
    programme = ListChoiceField(label="Programme", required=False, queryset=None, to_field_name="slug",
                                       empty_label="All programmes",
                                       error_messages={"invalid_choice": "Choose a programme from the list."})
    community = ListChoiceField(label="Community", required=False, queryset=None, to_field_name="slug",
                                       empty_label="All communities",
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

    def read_lists(self):
        """Read the two lists once, each programme with its set of value cycles and each community with
        its phase, and return what the whole organisation's pictures take from them: ``cycle_set`` (the
        2020 set if any programme uses it) and ``phase_of`` (every community's phase)."""
        from programmes.selectors import phase_annotation

        programmes, communities = self.fields["programme"], self.fields["community"]
        programmes.queryset = programmes.queryset.annotate(evaluation_cycle_set=F("evaluation__cycle_set"))
        communities.queryset = communities.queryset.annotate(phase=phase_annotation())
        cycle_set = rules.cycle_set_of(p.evaluation_cycle_set for p in programmes.queryset)
        return {"cycle_set": cycle_set, "phase_of": {c.pk: c.phase for c in communities.queryset}}


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
    whole = form.read_lists() if scope.programme is None and scope.community is None else {}
    return render(request, "evaluation/views.html", {"form": form, "scope": scope, **pictures(scope, **whole)})
