"""The evaluation pages across communities: the evaluator's home, the value cycles (and each programme's
set), and the organisation's library of suggested indicators."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate
from cop_platform.permissions import require_role

from .. import panels, permissions, rules, selectors, services
from ..forms import CycleSetForm, SuggestedIndicatorEditForm, SuggestedIndicatorForm
from ..models import ProgrammeEvaluation, SuggestedIndicator


@require_role(*permissions.EVALUATION_ROLES)
def home(request, org):
    data = selectors.evaluation_home(organisation=request.organisation)
    query = request.GET.get("q", "").strip()[:200]
    communities = data.pop("communities")
    if query:
        communities = communities.filter(name__icontains=query)
    page = paginate(request, communities.order_by("recent_evidence", "name"))
    return render(request, "evaluation/home.html", {
        **data, "page": page, "query": query, "query_string": urlencode({"q": query}),
        "extra_panels": panels.rendered_panels(request.tenant, request.user)})


def cycles(request, org):
    """Everyone in the organisation reads the cycles; host staff and evaluators switch a programme's set."""
    from programmes.models import Programme

    if request.method not in ("GET", "POST"):
        from django.http import HttpResponseNotAllowed

        return HttpResponseNotAllowed(["GET", "POST"])
    can_switch = permissions.can_evaluate(request.tenant)
    if request.method == "POST" and not can_switch:
        raise PermissionDenied("Only evaluators and the host's staff choose a programme's value cycles.")
    programmes = Programme.objects.filter(organisation=request.organisation).order_by("name")
    form = CycleSetForm(request.POST if request.method == "POST" else None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_cycle_set_set(organisation=request.organisation, by=request.user,
                                             programme=form.cleaned_data["programme"],
                                             cycle_set=form.cleaned_data["cycle_set"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['programme'].name} now uses "
                                      f"{dict(rules.CYCLE_SET_CHOICES)[form.cleaned_data['cycle_set']].lower()}.")
            return redirect("evaluation:cycles", org=request.organisation.slug)
    sets = dict(ProgrammeEvaluation.objects.filter(organisation=request.organisation)
                .values_list("programme_id", "cycle_set"))
    programme_sets = [(p, dict(rules.CYCLE_SET_CHOICES)[sets.get(p.pk, rules.FIVE_CYCLES)])
                      for p in programmes[:50]] if can_switch else []
    return render(request, "evaluation/cycles.html", {
        "chain": rules.CHAIN, "beside": [c for c in rules.CYCLES if not c.in_chain],
        "knowledge_capital": rules.KNOWLEDGE_CAPITAL, "can_switch": can_switch, "form": form,
        "programme_sets": programme_sets})


def _suggestions(request):
    query = request.GET.get("q", "").strip()[:200]
    cycle_filter = request.GET.get("cycle", "")
    if cycle_filter not in rules.CYCLE_BY_KEY:
        cycle_filter = ""
    items = SuggestedIndicator.objects.filter(organisation=request.organisation)
    if query:
        items = items.filter(Q(name__icontains=query) | Q(how_measured__icontains=query))
    if cycle_filter:
        items = items.filter(cycle=cycle_filter)
    return paginate(request, items.order_by("retired", "cycle", "name", "id")), query, cycle_filter


@require_role(*permissions.EVALUATION_ROLES)
def suggested_indicators(request, org):
    services.suggested_indicators_ensure(organisation=request.organisation)
    form = SuggestedIndicatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggested_indicator_add(organisation=request.organisation, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{form.cleaned_data['name']}” is in the library of suggested indicators.")
            return redirect("evaluation:suggested_indicators", org=request.organisation.slug)
    page, query, cycle_filter = _suggestions(request)
    return render(request, "evaluation/suggested_indicators.html", {
        "page": page, "form": form, "query": query, "cycle_filter": cycle_filter, "cycles": rules.CYCLES,
        "cycle_names": {c.key: c.name for c in rules.CYCLES},
        "query_string": urlencode({"q": query, "cycle": cycle_filter})})


@require_role(*permissions.EVALUATION_ROLES)
def suggested_indicator(request, org, suggested_id):
    item = SuggestedIndicator.objects.filter(organisation=request.organisation, pk=suggested_id).first()
    if item is None:
        raise Http404("No such indicator.")
    initial = {"cycle": item.cycle, "name": item.name, "how_measured": item.how_measured,
               "computed": item.computed, "retired": item.retired}
    form = SuggestedIndicatorEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggested_indicator_edit(organisation=request.organisation, by=request.user, indicator=item,
                                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{item.name}” is saved.")
            return redirect("evaluation:suggested_indicators", org=request.organisation.slug)
    return render(request, "evaluation/suggested_indicator.html", {"item": item, "form": form})
