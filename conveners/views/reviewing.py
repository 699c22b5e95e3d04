"""Review pages: the panel, assigning reviewers, a reviewer's assignments, scores and conflicts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.accounts.models import User
from cop_platform.pagination import paginate
from cop_platform.permissions import require_role
from cop_platform.tenancy.models import OrganisationRole, Role

from .. import selectors, services
from ..forms import ConflictForm, ModerateForm, PanelForm, ScoreForm, SearchForm
from ..models import Assignment, Criterion
from ._common import _call, _form_errors_from, _messages_from, _post_only, staff_only


def _panel_candidates(organisation):
    ids = OrganisationRole.objects.filter(organisation=organisation, role=Role.PANEL_MEMBER).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "email")


@staff_only
def panel(request, org, call):
    call = _call(request, call)
    users = _panel_candidates(request.organisation)
    current = list(call.panel.values_list("user_id", flat=True))
    form = PanelForm(request.POST or None, users=users, initial={"reviewers": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_set(organisation=request.organisation, by=request.user, call=call,
                               users=list(form.cleaned_data["reviewers"]))
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Panel saved.")
            return redirect(call.get_absolute_url())
    return render(request, "conveners/panel.html", {"call": call, "form": form})


@staff_only
def assign(request, org, call):
    call = _call(request, call)
    if request.method == "POST":
        try:
            new, short = services.assignments_balance(organisation=request.organisation, by=request.user, call=call)
            messages.success(request, f"{len(new)} assignment(s) made.")
            if short:
                messages.warning(request, f"{len(short)} application(s) have fewer than "
                                          f"{call.reviewers_per_application} reviewers without a conflict.")
        except ValidationError as exc:
            _messages_from(request, exc)
        return redirect("conveners:assign", org=org, call=call.slug)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    assignments_qs = Assignment.objects.filter(call=call).select_related("application", "reviewer") \
        .order_by("application__domain", "pk")
    if query:
        assignments_qs = assignments_qs.filter(application__domain__icontains=query)
    return render(request, "conveners/assign.html", {"call": call, "page": paginate(request, assignments_qs),
                                                     "form": form, "query": query})


@require_role(Role.PANEL_MEMBER)
def assignments(request, org, call):
    call = _call(request, call)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.assignments_of(request.user, call, query=query))
    return render(request, "conveners/assignments.html", {"call": call, "page": page, "form": form,
                                                          "query": query})


def _assignment(request, call, pk):
    assignment = Assignment.objects.filter(call=call, pk=pk, reviewer=request.user) \
        .select_related("application").first()
    if assignment is None:
        raise Http404("No such assignment.")  # another reviewer's assignment is not theirs to know of
    return assignment


@require_role(Role.PANEL_MEMBER)
def review(request, org, call, assignment):
    call = _call(request, call)
    assignment = _assignment(request, call, assignment)
    assignment = services.assignment_check_conflict(organisation=request.organisation, assignment=assignment)
    if assignment.conflict:
        return render(request, "conveners/review_conflicted.html", {"call": call, "assignment": assignment})
    criteria_list = list(Criterion.objects.filter(call=call))
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    initial = {}
    for cid, s in existing.items():
        initial[f"score_{cid}"], initial[f"comment_{cid}"] = s.value, s.comment
    form = ScoreForm(request.POST or None, criteria=criteria_list, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.scores_save(organisation=request.organisation, by=request.user, assignment=assignment,
                                 values=form.values(), submit=submit)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Scores submitted." if submit else "Draft scores saved.")
            return redirect("conveners:assignments", org=org, call=call.slug)
    application = assignment.application
    return render(request, "conveners/review.html", {
        "call": call, "assignment": assignment, "application": application, "form": form,
        "leads": application.leads.all(), "conflict_form": ConflictForm()})


@require_role(Role.PANEL_MEMBER)
def review_conflict(request, org, call, assignment):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    assignment = _assignment(request, call, assignment)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say briefly what the conflict of interest is.")
        return redirect("conveners:review", org=org, call=call.slug, assignment=assignment.pk)
    services.assignment_declare_conflict(organisation=request.organisation, by=request.user, assignment=assignment,
                                         reason=form.cleaned_data["reason"])
    messages.success(request, "Conflict of interest recorded: this application is no longer yours to score.")
    return redirect("conveners:assignments", org=org, call=call.slug)


@staff_only
def review_moderate(request, org, call, assignment):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    assignment = Assignment.objects.filter(call=call, pk=assignment).select_related("application").first()
    if assignment is None:
        raise Http404("No such review.")
    form = ModerateForm(request.POST)
    if form.is_valid():
        services.assignment_moderate(organisation=request.organisation, by=request.user, assignment=assignment,
                                     note=form.cleaned_data["note"])
        messages.success(request, "Moderation note saved.")
    else:
        messages.error(request, "Write the moderation note.")
    return redirect("conveners:application_reviews", org=org, call=call.slug, application=assignment.application_id)
