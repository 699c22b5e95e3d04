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
from ._common import POST, STAFF, _form_errors_from, _messages_from, conveners_page


@conveners_page(call=False)
def calls(request, org):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.calls_visible(request.tenant, query=query))
    return render(request, "conveners/calls.html", {
        "form": form, "page": page, "query": query,
        "can_manage": permissions.can_manage_calls(request.tenant)})


@conveners_page(role=STAFF, call=False)
def call_create(request, org):
    form = CallForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(organisation=request.organisation, by=request.user, **form.call_fields())
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Call created as a draft. Add the scoring criteria and the panel, then open it.")
            return redirect("conveners:criteria", org=org, call=call.slug)
    return render(request, "conveners/call_form.html", {"form": form, "call": None})


@conveners_page()
def call_page(request, org, call):
    mine = list(selectors.applications_of(request.user, call))
    return render(request, "conveners/call.html", {
        "call": call, "mine": mine, "criteria": call.criteria.all(),
        "can_manage": permissions.can_manage_calls(request.tenant),
        "can_review": permissions.can_review(request.tenant),
        "accepting": call.accepting,
        "redistribute": call.ineligible_share == IneligibleShare.REDISTRIBUTE,
        "at_risk": rules.outcome_date_at_risk(outcome_by=call.outcome_by, today=timezone.localdate(),
                                              released=bool(call.released_at))
        and call.status in (CallStatus.CLOSED, CallStatus.UNDER_REVIEW),
    })


@conveners_page(role=STAFF)
def call_edit(request, org, call):
    form = CallForm(request.POST or None, instance=call, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(organisation=request.organisation, by=request.user, call=call, **form.call_fields())
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Call saved.")
            return redirect(call.get_absolute_url())
    return render(request, "conveners/call_form.html", {"form": form, "call": call})


def _confirmation_needed(call, status, request):
    """Which far-reaching status change needs a confirmation step first, if any: opening before the
    opening time (open now, or schedule?) and closing before the deadline."""
    now = timezone.now()
    if status == CallStatus.OPEN and call.status == CallStatus.DRAFT and now < call.opens_at:
        return None if request.POST.get("when") in ("now", "scheduled") else "open_early"
    if status == CallStatus.CLOSED and call.status == CallStatus.OPEN and now < call.closes_at:
        return None if request.POST.get("confirm") == "yes" else "close_early"
    return None


@conveners_page(role=STAFF, methods=POST)
def call_status(request, org, call):
    status = request.POST.get("status", "")
    if status not in CallStatus.values:
        messages.error(request, "Choose a status.")
        return redirect(call.get_absolute_url())
    if step := _confirmation_needed(call, status, request):
        return render(request, "conveners/call_status_confirm.html", {
            "call": call, "status": status, "step": step,
            "submitted": call.applications.filter(status="submitted").count(),
            "drafts": call.applications.filter(status="draft").count()})
    open_now = request.POST.get("when") == "now"
    try:
        call = services.call_set_status(organisation=request.organisation, by=request.user, call=call,
                                        status=status, open_now=open_now)
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        if call.scheduled:
            messages.success(request, f"The call is scheduled: it opens on "
                                      f"{timezone.localtime(call.opens_at):%-d %B %Y at %H:%M}.")
        else:
            messages.success(request, f"The call is now {CallStatus(status).label.lower()}.")
    return redirect(call.get_absolute_url())


@conveners_page(role=STAFF)
def criteria(request, org, call):
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


@conveners_page(role=STAFF, methods=POST)
def criterion_remove(request, org, call, criterion):
    criterion = Criterion.objects.filter(call=call, pk=criterion).first()
    if criterion is None:
        raise Http404("No such criterion.")
    try:
        services.criterion_remove(organisation=request.organisation, by=request.user, criterion=criterion)
        messages.success(request, "Criterion removed.")
    except ValidationError as exc:
        _messages_from(request, exc)
    return redirect("conveners:criteria", org=org, call=call.slug)
