"""Decision pages for staff: submitted applications, their reviews, deciding, ranking, release."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.pagination import paginate

from .. import rules, selectors, services
from ..forms import ApplicationFilterForm, DecisionForm, ModerateForm, ReleaseForm, SearchForm
from ..models import Decision
from ._common import _application, _call, _messages_from, _post_only, staff_only


@staff_only
def applications(request, org, call):
    call = _call(request, call)
    form = ApplicationFilterForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query, status = form.cleaned_data["q"].strip(), form.cleaned_data["status"]
    page = paginate(request, selectors.applications_for_manager(call, query=query, status=status))
    return render(request, "conveners/applications.html", {"call": call, "form": form, "page": page,
                                                           "query": query, "status": status})


@staff_only
def application_reviews(request, org, call, application):
    call = _call(request, call)
    application = _application(request, call, application)
    return render(request, "conveners/application_reviews.html", {
        "call": call, "application": application, "reviews": selectors.reviews_for_manager(application),
        "moderate_form": ModerateForm()})


@staff_only
def application_decide(request, org, call, application):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    application = _application(request, call, application)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a decision.")
    else:
        try:
            services.application_decide(organisation=request.organisation, by=request.user,
                                        application=application, decision=form.cleaned_data["decision"])
            messages.success(request, f"“{application.domain}”: {Decision(form.cleaned_data['decision']).label}.")
        except ValidationError as exc:
            _messages_from(request, exc)
    nxt = request.POST.get("next", "")
    if nxt.startswith(f"/{org}/calls/") and "//" not in nxt:
        return redirect(nxt)
    return redirect("conveners:ranking", org=org, call=call.slug)


@staff_only
def ranking(request, org, call):
    call = _call(request, call)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip().lower() if form.is_valid() else ""
    rows = selectors.ranking(call)
    for position, row in enumerate(rows, start=1):
        row.rank = position
    if query:
        rows = [r for r in rows if query in r.domain.lower()]
    page = paginate(request, rows)
    prefetch_related_objects(page.object_list, "leads")
    return render(request, "conveners/ranking.html", {
        "call": call, "page": page, "form": form, "query": query,
        "counts": selectors.decision_counts(call),
        "decisions": [c for c in Decision.choices if c[0] != Decision.DECLINED], "release_form": ReleaseForm(),
        "late": timezone.localdate() > call.outcome_by,
        "at_risk": rules.outcome_date_at_risk(outcome_by=call.outcome_by, today=timezone.localdate(),
                                              released=bool(call.released_at))})


@staff_only
def release(request, org, call):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    form = ReleaseForm(request.POST)
    form.is_valid()
    try:
        services.call_release_outcomes(organisation=request.organisation, by=request.user, call=call,
                                       override_reason=form.cleaned_data.get("override_reason", ""))
        messages.success(request, "Outcomes released: the letters are on their way.")
    except ValidationError as exc:
        _messages_from(request, exc)
    return redirect("conveners:ranking", org=org, call=call.slug)


@staff_only
def award_decline(request, org, call, application):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    application = _application(request, call, application)
    try:
        reserve = services.award_decline(organisation=request.organisation, by=request.user, application=application)
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        if reserve is not None:
            messages.success(request, f"Award declined; it is offered to the reserve, “{reserve.domain}”.")
        else:
            messages.success(request, "Award declined. There is no reserve in this domain.")
    return redirect(application.get_absolute_url())
