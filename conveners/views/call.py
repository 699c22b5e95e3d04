"""Call pages for staff and applicants: the list, creating, editing, status and criteria."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.pagination import paginate

from .. import permissions, rules, selectors, services
from ..forms import CallForm, CriterionForm, SearchForm
from ..models import CallStatus, Criterion, IneligibleShare
from ._common import _call, _form_errors_from, _messages_from, _post_only, staff_only


def calls(request, org):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.calls_visible(request.tenant, query=query))
    return render(request, "conveners/calls.html", {
        "form": form, "page": page, "query": query,
        "can_manage": permissions.can_manage_calls(request.tenant)})


@staff_only
def call_create(request, org):
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(organisation=request.organisation, by=request.user, **form.call_fields())
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Call created as a draft. Add the scoring criteria and the panel, then open it.")
            return redirect("conveners:criteria", org=org, call=call.slug)
    return render(request, "conveners/call_form.html", {"form": form, "call": None})


def call_page(request, org, call):
    call = _call(request, call)
    mine = list(selectors.applications_of(request.user, call))
    now = timezone.now()
    return render(request, "conveners/call.html", {
        "call": call, "mine": mine, "criteria": call.criteria.all(),
        "can_manage": permissions.can_manage_calls(request.tenant),
        "can_review": permissions.can_review(request.tenant),
        "accepting": call.status == CallStatus.OPEN and call.opens_at <= now < call.closes_at,
        "redistribute": call.ineligible_share == IneligibleShare.REDISTRIBUTE,
        "at_risk": rules.outcome_date_at_risk(outcome_by=call.outcome_by, today=timezone.localdate(),
                                              released=bool(call.released_at))
        and call.status in (CallStatus.CLOSED, CallStatus.UNDER_REVIEW),
    })


@staff_only
def call_edit(request, org, call):
    call = _call(request, call)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(organisation=request.organisation, by=request.user, call=call, **form.call_fields())
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Call saved.")
            return redirect(call.get_absolute_url())
    return render(request, "conveners/call_form.html", {"form": form, "call": call})


@staff_only
def call_status(request, org, call):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    status = request.POST.get("status", "")
    if status not in CallStatus.values:
        messages.error(request, "Choose a status.")
    else:
        try:
            services.call_set_status(organisation=request.organisation, by=request.user, call=call, status=status)
            messages.success(request, f"The call is now {CallStatus(status).label.lower()}.")
        except ValidationError as exc:
            _messages_from(request, exc)
    return redirect(call.get_absolute_url())


@staff_only
def criteria(request, org, call):
    call = _call(request, call)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(organisation=request.organisation, by=request.user, call=call, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Criterion added.")
            return redirect("conveners:criteria", org=org, call=call.slug)
    return render(request, "conveners/criteria.html", {"call": call, "form": form, "criteria": call.criteria.all()})


@staff_only
def criterion_remove(request, org, call, criterion):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    criterion = Criterion.objects.filter(call=call, pk=criterion).first()
    if criterion is None:
        raise Http404("No such criterion.")
    try:
        services.criterion_remove(organisation=request.organisation, by=request.user, criterion=criterion)
        messages.success(request, "Criterion removed.")
    except ValidationError as exc:
        _messages_from(request, exc)
    return redirect("conveners:criteria", org=org, call=call.slug)
