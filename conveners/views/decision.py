"""Decision pages for staff: submitted applications, their reviews, deciding, ranking, release."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.accounts.mfa import sensitive_action
from cop_platform.pagination import paginate

from .. import rules, selectors, services
from ..forms import ApplicationFilterForm, DecisionForm, ModerateForm, ReleaseForm, SearchForm
from ..models import AssignmentStatus, Decision
from ._common import ANY, POST, STAFF, _messages_from, conveners_page


@conveners_page(role=STAFF)
def applications(request, org, call):
    form = ApplicationFilterForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query, status = form.cleaned_data["q"].strip(), form.cleaned_data["status"]
    page = paginate(request, selectors.applications_for_manager(call, query=query, status=status))
    return render(request, "conveners/applications.html", {"call": call, "form": form, "page": page,
                                                           "query": query, "status": status})


@conveners_page(role=STAFF, application=ANY)
def application_reviews(request, org, call, application):
    return render(request, "conveners/application_reviews.html", {
        "call": call, "application": application, "reviews": selectors.reviews_for_manager(application),
        "moderate_form": ModerateForm()})


def _back_to_row(request, org, call, application):
    """Where the manager was: the ranking page they decided from (``next``, only a path of this call),
    at the row of the application they decided."""
    nxt = request.POST.get("next", "")
    base = f"/{org}/calls/{call.slug}/"
    if not (nxt.startswith(base) and "//" not in nxt and "\\" not in nxt):
        nxt = f"{base}ranking/"
    return redirect(f"{nxt.split('#')[0]}#application-{application.pk}")


@conveners_page(role=STAFF, application=ANY, methods=POST)
def application_decide(request, org, call, application):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a decision.")
        return _back_to_row(request, org, call, application)
    decision = form.cleaned_data["decision"]
    try:
        services.application_decide(organisation=request.organisation, by=request.user,
                                    application=application, decision=decision)
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        messages.success(request, f"“{application.domain}”: {Decision(decision).label}.")
        done = application.assignments.filter(conflict="", status=AssignmentStatus.SUBMITTED).count()
        if short := rules.reviews_short(call.reviewers_per_application, done):
            messages.warning(request, f"“{application.domain}” was decided with {short} review"
                                      f"{'s' if short != 1 else ''} fewer than the call requires "
                                      f"({done} of {call.reviewers_per_application}).")
    return _back_to_row(request, org, call, application)


@conveners_page(role=STAFF)
def ranking(request, org, call):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip().lower() if form.is_valid() else ""
    rows = selectors.ranking(call)
    for position, row in enumerate(rows, start=1):
        row.rank = position
    if query:
        rows = [r for r in rows if query in r.domain.lower()]
    page = paginate(request, rows)
    prefetch_related_objects(page.object_list, "leads")
    for row in page.object_list:
        row.problems = rules.decision_problems(row, call, people=services.decision_people(row.leads.all()))
        row.reviews_short = rules.reviews_short(call.reviewers_per_application, row.submitted_reviews)
    return render(request, "conveners/ranking.html", {
        "call": call, "page": page, "form": form, "query": query,
        "counts": selectors.decision_counts(call),
        "decisions": [c for c in Decision.choices if c[0] != Decision.DECLINED],
        "late": timezone.localdate() > call.outcome_by,
        "at_risk": rules.outcome_date_at_risk(outcome_by=call.outcome_by, today=timezone.localdate(),
                                              released=bool(call.released_at))})


@conveners_page(role=STAFF)
@sensitive_action("releasing the outcomes")
def release(request, org, call):
    """GET: what releasing will do (the letters by outcome, the communities to be created or linked,
    with a choice for each). POST with ``confirm``: release."""
    summary = selectors.release_summary(call)
    form = ReleaseForm(request.POST if request.method == "POST" else None, funded=summary["funded"],
                       communities=summary["communities"])
    if request.method == "POST" and request.POST.get("confirm") == "yes" and form.is_valid():
        try:
            services.call_release_outcomes(organisation=request.organisation, by=request.user, call=call,
                                           override_reason=form.cleaned_data.get("override_reason", ""),
                                           communities=form.community_links())
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Outcomes released: the letters are on their way.")
            return redirect("conveners:ranking", org=org, call=call.slug)
    return render(request, "conveners/release.html", {
        "call": call, "form": form, "summary": summary, "counts": selectors.decision_counts(call),
        "late": timezone.localdate() > call.outcome_by})


@conveners_page(role=STAFF, application=ANY, methods=POST)
def award_decline(request, org, call, application):
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
