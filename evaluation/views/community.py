"""A community's value: the value page (the cycles as a ladder), its indicators and their values, its
evidence. Loaded through :func:`communities.views._common.community_page` (404 for a community this
person may not see, 403 for members-only pages to people outside it)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from communities.views._common import _ctx, _posted, community_page
from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import permissions, rules, selectors, services
from ..exports.access import community_known
from ..forms import ChooseSuggestedForm, CommunityIndicatorForm, EvidenceEditForm, EvidenceForm, IndicatorValueForm
from ..models import CommunityIndicator, Evidence, IndicatorValue, SuggestedIndicator


def _submit(form, call):
    """Call the service with the form's data; show its refusal beside the fields. True when it succeeded."""
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


def _value_ctx(request, **extra):
    return _ctx(request, can_choose=permissions.can_choose_indicators(request.tenant, request.membership),
                can_contribute=permissions.can_contribute_evidence(request.tenant, request.membership), **extra)


@community_page(members_only=True, methods=("GET",))
def community_value(request, *, community, membership):
    community_known(request, community, membership)
    cycle_set = services.cycle_set_for_community(community=community)
    data = selectors.community_value(community=community, cycle_set=cycle_set)
    return render(request, "evaluation/community_value.html", _value_ctx(
        request, cycle_set=cycle_set, knowledge_capital=rules.KNOWLEDGE_CAPITAL, **data))


@community_page(core=True)
def indicators(request, *, community, membership):
    org = request.organisation
    services.suggested_indicators_ensure(organisation=org)
    cycle_set = services.cycle_set_for_community(community=community)
    allowed = {c.key for c in rules.cycles_of(cycle_set)}
    suggestions = SuggestedIndicator.objects.filter(organisation=org, retired=False, cycle__in=allowed)
    action = request.POST.get("action") if request.method == "POST" else None
    choose_form = ChooseSuggestedForm(_posted(request) if action == "choose" else None, suggestions=suggestions,
                                      prefix="choose")
    own_form = CommunityIndicatorForm(_posted(request) if action == "own" else None, cycle_set=cycle_set,
                                      prefix="own")
    if request.method == "POST":
        done = False
        if action == "choose" and choose_form.is_valid():
            done = _submit(choose_form, lambda d: services.community_indicator_add(
                organisation=org, by=request.user, community=community, suggested=d["suggested"],
                cycle=d["suggested"].cycle, name=d["suggested"].name, how_measured=d["suggested"].how_measured,
                computed=d["suggested"].computed, frequency=d["frequency"]))
        elif action == "own" and own_form.is_valid():
            done = _submit(own_form, lambda d: services.community_indicator_add(
                organisation=org, by=request.user, community=community, **d))
        elif action not in ("choose", "own"):
            messages.error(request, "Choose an indicator from the library or describe your own.")
        if done:
            messages.success(request, "The indicator is chosen.")
            return redirect("evaluation:indicators", org=org.slug, slug=community.slug)
    chosen = CommunityIndicator.objects.filter(community=community)
    return render(request, "evaluation/indicators.html", _value_ctx(
        request, chosen=chosen, choose_form=choose_form, own_form=own_form, cycle_names=_cycle_names()))


def _cycle_names():
    return {c.key: c.name for c in rules.CYCLES}


@community_page(core=True)
def indicator(request, *, community, membership, indicator_id):
    org = request.organisation
    item = CommunityIndicator.objects.filter(community=community, pk=indicator_id).first()
    if item is None:
        raise Http404("No such indicator.")
    cycle_set = services.cycle_set_for_community(community=community)
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {"cycle": item.cycle, "name": item.name, "how_measured": item.how_measured,
               "frequency": item.frequency, "computed": item.computed}
    edit_form = CommunityIndicatorForm(_posted(request) if action == "edit" else None, initial=initial,
                                       cycle_set=cycle_set, prefix="edit")
    value_form = None if item.computed else IndicatorValueForm(_posted(request) if action == "value" else None,
                                                               prefix="value")
    back = redirect("evaluation:indicator", org=org.slug, slug=community.slug, indicator_id=item.pk)
    if request.method == "POST":
        if action == "edit" and edit_form.is_valid():
            if _submit(edit_form, lambda d: services.community_indicator_edit(
                    organisation=org, by=request.user, indicator=item, **d)):
                messages.success(request, "The indicator is saved.")
                return back
        elif action == "value":
            if value_form is None:
                messages.error(request, "This indicator's values come from the platform; they cannot be typed in.")
            elif value_form.is_valid() and _submit(value_form, lambda d: services.indicator_value_add(
                    organisation=org, by=request.user, indicator=item, **d)):
                messages.success(request, "The value is recorded.")
                return back
        elif action == "value_delete":
            value_id = request.POST.get("value_id", "")
            row = (IndicatorValue.objects.filter(indicator=item, pk=int(value_id)).first()
                   if value_id.isdigit() and len(value_id) < 12 else None)
            if row is None:
                messages.error(request, "That value has already gone.")
            else:
                services.indicator_value_delete(organisation=org, by=request.user, value=row)
                messages.success(request, "The value is deleted.")
            return back
        elif action == "delete":
            services.community_indicator_delete(organisation=org, by=request.user, indicator=item)
            messages.success(request, f"“{item.name}” is no longer one of the community's indicators.")
            return redirect("evaluation:indicators", org=org.slug, slug=community.slug)
        elif action not in ("edit", "value"):
            messages.error(request, "Choose what to change.")
    series = None
    if item.computed:
        series = selectors.computed_series(community=community, keys={item.computed})[item.computed]
    values = paginate(request, item.values.select_related("added_by"))
    return render(request, "evaluation/indicator.html", _value_ctx(
        request, indicator=item, edit_form=edit_form, value_form=value_form, series=series, page=values,
        cycle=rules.cycle(item.cycle)))


def _evidence_list(request, community, cycle_set):
    query = request.GET.get("q", "").strip()[:200]
    cycle_filter = request.GET.get("cycle", "")
    if cycle_filter not in {c.key for c in rules.cycles_of(rules.SET_2020)}:
        cycle_filter = ""
    items = Evidence.objects.filter(community=community)
    if query:
        items = items.filter(Q(title__icontains=query) | Q(text__icontains=query))
    if cycle_filter:
        items = selectors.with_cycle(items, cycle_filter)
    return paginate(request, items.select_related("added_by").order_by("-date", "-id")), query, cycle_filter


@community_page(members_only=True)
def evidence(request, *, community, membership):
    org = request.organisation
    cycle_set = services.cycle_set_for_community(community=community)
    form = EvidenceForm(_posted(request), request.FILES or None, cycle_set=cycle_set)
    if request.method == "POST":
        if not permissions.can_contribute_evidence(request.tenant, membership):
            raise PermissionDenied("Only the community's conveners and core group, evaluators and the host's staff "
                                   "add evidence.")
        if form.is_valid() and _submit(form, lambda d: services.evidence_add(
                organisation=org, by=request.user, community=community, kind=d["kind"], title=d["title"],
                text=d["text"], url=d["url"], uploaded=d["file"], date=d["date"], cycles=d["cycles"],
                source=d["source"], consent=d["consent"])):
            messages.success(request, f"“{form.cleaned_data['title']}” is recorded as evidence.")
            return redirect("evaluation:evidence", org=org.slug, slug=community.slug)
    page, query, cycle_filter = _evidence_list(request, community, cycle_set)
    return render(request, "evaluation/evidence.html", _value_ctx(
        request, page=page, form=form, query=query, cycle_filter=cycle_filter, cycles=rules.cycles_of(cycle_set),
        cycle_names=_cycle_names(), query_string=urlencode({"q": query, "cycle": cycle_filter})))


@community_page(members_only=True)
def evidence_edit(request, *, community, membership, evidence_id):
    org = request.organisation
    if not permissions.can_contribute_evidence(request.tenant, membership):
        raise PermissionDenied("Only the community's conveners and core group, evaluators and the host's staff "
                               "change evidence.")
    item = Evidence.objects.filter(community=community, pk=evidence_id).first()
    if item is None:
        raise Http404("No such evidence.")
    cycle_set = services.cycle_set_for_community(community=community)
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {"kind": item.kind, "title": item.title, "text": item.text, "url": item.url, "date": item.date,
               "cycles": item.cycles, "source": item.source, "consent": item.consent}
    form = EvidenceEditForm(_posted(request) if action == "edit" else None,
                            request.FILES if action == "edit" else None, initial=initial, cycle_set=cycle_set)
    if request.method == "POST":
        if action == "delete":
            services.evidence_delete(organisation=org, by=request.user, evidence=item)
            messages.success(request, f"“{item.title}” is deleted.")
            return redirect("evaluation:evidence", org=org.slug, slug=community.slug)
        if action == "edit" and form.is_valid() and _submit(form, lambda d: services.evidence_edit(
                organisation=org, by=request.user, evidence=item, kind=d["kind"], title=d["title"], text=d["text"],
                url=d["url"], uploaded=d["file"], remove_file=d["remove_file"], date=d["date"], cycles=d["cycles"],
                source=d["source"], consent=d["consent"])):
            messages.success(request, "The evidence is saved.")
            return redirect("evaluation:evidence", org=org.slug, slug=community.slug)
        if action not in ("edit", "delete"):
            messages.error(request, "Choose whether to save or delete the evidence.")
    return render(request, "evaluation/evidence_edit.html", _value_ctx(request, item=item, form=form))


@community_page(members_only=True, methods=("GET",))
def evidence_download(request, *, community, membership, evidence_id):
    item = Evidence.objects.filter(community=community, pk=evidence_id).exclude(file="").first()
    if item is None:
        raise Http404("No such file.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=item.original_name or "evidence",
                            content_type=item.content_type or "application/octet-stream")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

