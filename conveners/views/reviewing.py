"""Review pages: the panel, assigning reviewers, a reviewer's assignments, scores and conflicts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.accounts.models import User
from cop_platform.pagination import paginate
from cop_platform.tenancy.models import OrganisationRole, Role

from .. import rules_reminders, selectors, services
from ..forms import ConflictForm, ModerateForm, PanelForm, ScoreForm, SearchForm
from ..models import Assignment, AssignmentStatus, Criterion, Lead
from ._common import ANY, POST, REVIEWER, STAFF, _form_errors_from, _messages_from, conveners_page


def _with_leads(application):
    """``application`` with its leads (and their member organisations) fetched once, in one query: the
    conflict check and the page read them several times."""
    prefetch_related_objects([application], Prefetch("leads", queryset=Lead.objects.select_related(
        "member_organisation")))
    return application


def _panel_candidates(organisation):
    ids = OrganisationRole.objects.filter(organisation=organisation, role=Role.PANEL_MEMBER).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "email")


@conveners_page(role=STAFF)
def panel(request, org, call):
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


@conveners_page(role=STAFF)
def assign(request, org, call):
    if request.method == "POST":
        try:
            new, short = services.assignments_balance(organisation=request.organisation, by=request.user, call=call)
            messages.success(request, f"{len(new)} assignment{'s' if len(new) != 1 else ''} made.")
            if short:
                messages.warning(request, f"{len(short)} application{'s have' if len(short) != 1 else ' has'} "
                                          f"fewer than {call.reviewers_per_application} reviewers without a "
                                          "conflict.")
        except ValidationError as exc:
            _messages_from(request, exc)
        return redirect("conveners:assign", org=org, call=call.slug)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    assignments_qs = Assignment.objects.filter(call=call).select_related("application", "reviewer") \
        .order_by("application__domain", "pk")
    if query:
        assignments_qs = assignments_qs.filter(application__domain__icontains=query)
    today = timezone.localdate()
    return render(request, "conveners/assign.html", {
        "call": call, "page": paginate(request, assignments_qs), "form": form, "query": query,
        "reviewers": selectors.reviewer_progress(call),
        "deadline_words": rules_reminders.deadline_words(call.review_deadline, today),
        "reminder_words": rules_reminders.reminder_days_words(services.review_reminder_steps(call)),
        "digest_open": rules_reminders.digest_step(call.review_deadline, today) is not None})


@conveners_page(role=STAFF, methods=POST)
def review_digest(request, org, call):
    """Send the digest of late reviews to the managers now (once a day at most; the sweep sends the
    first by itself the day after the deadline)."""
    try:
        sent = services.review_digest_queue(organisation=request.organisation, call=call, by=request.user)
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        messages.success(request, f"The digest of late reviews is on its way to {sent} "
                                  f"manager{'s' if sent != 1 else ''}.")
    return redirect("conveners:assign", org=org, call=call.slug)


@conveners_page(role=REVIEWER)
def assignments(request, org, call):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.assignments_of(request.user, call, query=query))
    return render(request, "conveners/assignments.html", {
        "call": call, "page": page, "form": form, "query": query,
        "deadline_words": rules_reminders.deadline_words(call.review_deadline, timezone.localdate()),
        "overdue": call.review_deadline is not None and timezone.localdate() > call.review_deadline})


@conveners_page(role=REVIEWER, assignment="own")
def review(request, org, call, assignment):
    """A reviewer's page for one application: first the conflict-of-interest declaration, then (with no
    conflict) the scores; once submitted, the review reads as submitted, its scores read-only. A GET
    changes nothing: an automatic conflict found now is shown, and recorded when the reviewer declares."""
    application = _with_leads(assignment.application)
    context = {"call": call, "assignment": assignment, "application": application}
    reasons = services.assignment_conflict_reasons(organisation=request.organisation, assignment=assignment)
    if reasons:
        return render(request, "conveners/review_conflicted.html", {**context, "reasons": reasons})
    context["leads"] = application.leads.all()
    if assignment.status == AssignmentStatus.SUBMITTED:
        return render(request, "conveners/review_submitted.html", {
            **context, "scores": assignment.scores.select_related("criterion").order_by("criterion__position",
                                                                                          "criterion__pk")})
    if not assignment.no_conflict_declared_at:
        return render(request, "conveners/review.html", {**context, "conflict_form": ConflictForm()})
    criteria_list = list(Criterion.objects.filter(call=call))
    initial = {}
    for s in assignment.scores.all():
        initial[f"score_{s.criterion_id}"], initial[f"comment_{s.criterion_id}"] = s.value, s.comment
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
    return render(request, "conveners/review.html", {**context, "form": form})


@conveners_page(role=REVIEWER, assignment="own", methods=POST)
def review_conflict(request, org, call, assignment):
    """The declaration before scoring: no conflict (scoring opens) or a conflict with its reason."""
    form = ConflictForm(request.POST)
    application = assignment.application
    if not form.is_valid():
        return render(request, "conveners/review.html", {
            "call": call, "assignment": assignment, "application": application, "leads": application.leads.all(),
            "conflict_form": form}, status=400)
    if form.cleaned_data["has_conflict"] == "no":
        assignment = services.assignment_declare_no_conflict(organisation=request.organisation, by=request.user,
                                                             assignment=assignment)
        if assignment.conflict:
            messages.warning(request, "You have a conflict of interest with this application: "
                                      f"{assignment.conflict_reason}")
            return redirect("conveners:assignments", org=org, call=call.slug)
        messages.success(request, "No conflict of interest declared: you can score the application now.")
        return redirect("conveners:review", org=org, call=call.slug, assignment=assignment.pk)
    services.assignment_declare_conflict(organisation=request.organisation, by=request.user, assignment=assignment,
                                         reason=form.cleaned_data["reason"])
    messages.success(request, "Conflict of interest recorded: this application is no longer yours to score.")
    return redirect("conveners:assignments", org=org, call=call.slug)


@conveners_page(role=STAFF, assignment=ANY, methods=POST)
def review_moderate(request, org, call, assignment):
    form = ModerateForm(request.POST)
    if form.is_valid():
        services.assignment_moderate(organisation=request.organisation, by=request.user, assignment=assignment,
                                     note=form.cleaned_data["note"])
        messages.success(request, "Moderation note saved.")
    else:
        messages.error(request, "Write the moderation note.")
    return redirect("conveners:application_reviews", org=org, call=call.slug, application=assignment.application_id)
