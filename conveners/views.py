"""Views: parse the request, check permission, call one service or selector, render."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.accounts.models import User
from cop_platform.exports import csv_safe
from cop_platform.pagination import paginate
from cop_platform.permissions import STAFF_ROLES, require_role
from cop_platform.tenancy.models import MemberOrganisation, Organisation, OrganisationRole, Role

from . import permissions, rules, selectors, services
from .forms import (
    ApplicationFilterForm,
    ApplicationForm,
    CallForm,
    CoLeadForm,
    ConflictForm,
    CriterionForm,
    DecisionForm,
    LeadForm,
    ModerateForm,
    PanelForm,
    PaymentForm,
    ProfileForm,
    ReleaseForm,
    ScoreForm,
    SearchForm,
    SupportForm,
)
from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    CallStatus,
    Criterion,
    Decision,
    HonorariumPayment,
    IneligibleShare,
)

staff_only = require_role(*STAFF_ROLES)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _messages_from(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


def _form_errors_from(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _call(request, slug):
    call = selectors.call_get(request.tenant, slug)
    if call is None:
        raise Http404("No such call.")
    return call


def _application(request, call, pk):
    application = (Application.objects.filter(call=call, pk=pk).select_related("call", "applicant", "community")
                   .first())
    if application is None:
        raise Http404("No such application.")
    return application


def _own_application(request, call, pk):
    application = _application(request, call, pk)
    if not permissions.is_applicant(request.user, application):
        raise PermissionDenied("Only the applicant may do this.")
    return application


# --- calls ------------------------------------------------------------------------------------------

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


# --- applications -----------------------------------------------------------------------------------

def _member_organisations(organisation):
    return MemberOrganisation.objects.filter(organisation=organisation)


def _application_forms(request, call, application=None):
    data = request.POST if request.method == "POST" else None
    mos = _member_organisations(request.organisation)
    initial, lead_initial, co_initial = {}, {}, []
    if application is not None:
        initial = {f: getattr(application, f) for f in services.APPLICATION_FIELDS}
        for lead in application.leads.all():
            values = {f: getattr(lead, f) for f in services.LEAD_FIELDS}
            values["member_organisation"] = lead.member_organisation_id
            (co_initial.append(values) if not lead.is_lead else lead_initial.update(values))
    else:
        user = request.user
        member = request.tenant.member
        lead_initial = {"name": user.get_full_name(), "email": user.email, "job_title": user.job_title,
                        "employer": member.employer_name if member else "",
                        "member_organisation": member.member_organisation_id if member else None}
    form = ApplicationForm(data, call=call, initial=initial)
    lead_form = LeadForm(data, prefix="lead", member_organisations=mos, initial=lead_initial)
    co_forms = [CoLeadForm(data, prefix=f"colead{i}", member_organisations=mos,
                           initial=co_initial[i] if i < len(co_initial) else None)
                for i in range(max(call.max_leads - 1, 0))]
    for i, co in enumerate(co_forms):
        for field in co.fields.values():
            field.label = f"Co-lead {i + 1}: {field.label}" if len(co_forms) > 1 else f"Co-lead: {field.label}"
    return form, lead_form, co_forms


def _save_application(request, call, application=None):
    form, lead_form, co_forms = _application_forms(request, call, application)
    if request.method == "POST":
        valid = all([form.is_valid(), lead_form.is_valid(), *[c.is_valid() for c in co_forms]])
        if valid:
            co_leads = [c.lead_data() for c in co_forms if not c.is_blank()]
            try:
                if application is None:
                    application = services.application_create(
                        organisation=request.organisation, by=request.user, call=call,
                        lead=lead_form.lead_data(), co_leads=co_leads, **form.cleaned_data)
                else:
                    services.application_update(
                        organisation=request.organisation, by=request.user, application=application,
                        lead=lead_form.lead_data(), co_leads=co_leads, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors_from(form, exc)
            else:
                messages.success(request, "Your draft is saved. When it is complete, submit it before the deadline.")
                return redirect(application.get_absolute_url()), None
        else:
            messages.error(request, "There is a problem with the application: see the messages by the fields.")
    context = {"call": call, "form": form, "lead_form": lead_form, "co_forms": co_forms,
               "application": application,
               "error_forms": [f for f in (form, lead_form, *co_forms) if f.is_bound and f.errors]}
    return None, context


def apply(request, org, call):
    call = _call(request, call)
    now = timezone.now()
    if not (call.status == CallStatus.OPEN and call.opens_at <= now < call.closes_at):
        messages.error(request, "This call is not open for applications"
                       + (f": it closed at {timezone.localtime(call.closes_at):%-d %B %Y, %H:%M}." if now >= call.closes_at
                          else "."))
        return redirect(call.get_absolute_url())
    response, context = _save_application(request, call)
    if response is not None:
        return response
    return render(request, "conveners/application_form.html", context)


def application_edit(request, org, call, application):
    call = _call(request, call)
    application = _own_application(request, call, application)
    if application.status != ApplicationStatus.DRAFT:
        messages.error(request, "Only a draft can be edited.")
        return redirect(application.get_absolute_url())
    response, context = _save_application(request, call, application)
    if response is not None:
        return response
    return render(request, "conveners/application_form.html", context)


def application_page(request, org, call, application):
    call = _call(request, call)
    application = _application(request, call, application)
    if not permissions.can_view_application(request.tenant, request.user, application):
        raise PermissionDenied("Only the applicant and the host's staff may see this application.")
    leads = list(application.leads.select_related("member_organisation"))
    is_applicant = permissions.is_applicant(request.user, application)
    can_manage = permissions.can_manage_calls(request.tenant)
    shares = withheld = None
    if application.decision == Decision.FUNDED and (call.released_at or can_manage):
        shares, withheld = services.application_shares(application, leads)
    return render(request, "conveners/application.html", {
        "call": call, "application": application, "leads": leads, "is_applicant": is_applicant,
        "can_manage": can_manage,
        "problems": services.application_problems(application, leads)
        if application.status == ApplicationStatus.DRAFT else [],
        "outcome_visible": bool(call.released_at) or can_manage,
        "shares": shares and [(lead, shares.get(lead, 0)) for lead in leads], "withheld": withheld,
        "decision_form": DecisionForm(initial={"decision": application.decision}),
        "support_sessions": list(application.support_sessions.all()[:50]),
    })


def _applicant_action(request, call, application, action, success):
    call = _call(request, call)
    application = _own_application(request, call, application)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        result = action(organisation=request.organisation, by=request.user, application=application)
        messages.success(request, success)
    except ValidationError as exc:
        _messages_from(request, exc)
        return redirect(application.get_absolute_url())
    if isinstance(result, Application):
        return redirect(result.get_absolute_url())
    return redirect(application.get_absolute_url())


def application_submit(request, org, call, application):
    return _applicant_action(request, call, application, services.application_submit,
                             "Your application is submitted. You will hear the outcome by the published date.")


def application_withdraw(request, org, call, application):
    return _applicant_action(request, call, application, services.application_withdraw,
                             "Your application is withdrawn.")


def application_copy(request, org, call, application):
    return _applicant_action(request, call, application, services.application_copy,
                             "A copy is started: name its domain and adjust it.")


def application_confirmations(request, org, call, application):
    return _applicant_action(request, call, application, services.application_request_confirmations,
                             "We have e-mailed your co-lead(s) and sponsor to confirm.")


def application_convene(request, org, call, application):
    def _convene(**kwargs):
        services.application_convene(**kwargs)

    return _applicant_action(request, call, application, _convene,
                             "Your community is set up: you are its convener.")


def confirm(request, confirmation_token):
    """``/confirmations/<token>/``: a co-lead or sponsor confirms from the e-mailed link.

    Outside any tenant prefix, because the person may have no account in the host organisation: the
    token (only its hash is stored) names the record, and so the organisation. Anyone holding a valid
    link may confirm; a used or replaced link answers 404.
    """
    from django_scopes import scope, scopes_disabled

    with scopes_disabled():
        organisation_id = services.confirmation_organisation_id(token=confirmation_token)
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    if organisation is None:
        raise Http404("This confirmation link is not valid.")
    with scope(organisation=organisation):
        record = services.confirmation_find(organisation=organisation, token=confirmation_token)
        if record is None:
            raise Http404("This confirmation link is not valid.")
        application = record if isinstance(record, Application) else record.application
        context = {"application": application, "record": record, "is_sponsor": isinstance(record, Application),
                   "host": organisation}
        if request.method == "POST":
            services.confirmation_accept(organisation=organisation, by=request.user, token=confirmation_token)
            return render(request, "conveners/confirmed.html", context)
        return render(request, "conveners/confirm.html", context)


# --- manager's views --------------------------------------------------------------------------------

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


# --- reviewers --------------------------------------------------------------------------------------

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


# --- honoraria --------------------------------------------------------------------------------------

@staff_only
def honoraria(request, org, call):
    call = _call(request, call)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    payments, totals = selectors.honoraria(call)
    if query:
        payments = payments.filter(payee__icontains=query) | payments.filter(application__domain__icontains=query)
    return render(request, "conveners/honoraria.html", {
        "call": call, "page": paginate(request, payments), "totals": totals, "form": form, "query": query,
        "payment_form": PaymentForm()})


@staff_only
def payment_update(request, org, call, payment):
    if (refused := _post_only(request)) is not None:
        return refused
    call = _call(request, call)
    payment = HonorariumPayment.objects.filter(call=call, pk=payment).first()
    if payment is None:
        raise Http404("No such payment.")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_advance(organisation=request.organisation, by=request.user, payment=payment,
                                     **form.cleaned_data)
            messages.success(request, f"Payment to {payment.payee} updated.")
        except ValidationError as exc:
            _messages_from(request, exc)
    else:
        messages.error(request, "Choose the payment's new status.")
    return redirect("conveners:honoraria", org=org, call=call.slug)


@staff_only
def honoraria_csv(request, org, call):
    call = _call(request, call)
    payments, totals = selectors.honoraria(call)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="honoraria-{call.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Domain", "Payee", "Lead or co-lead", "E-mail", "Sector", "Amount (pence)", "Amount (£)",
                     "Status", "Approved", "Claim received", "Paid", "Reference"])
    for p in payments:
        writer.writerow([csv_safe(v) for v in (
            p.application.domain, p.payee, "Lead" if p.lead.is_lead else "Co-lead", p.lead.email,
            p.lead.get_sector_display(), p.amount_pence, f"{p.amount_pence / 100:.2f}", p.get_status_display(),
            _date(p.approved_at), _date(p.claim_received_at), _date(p.paid_at), p.reference)])
    writer.writerow([])
    for label, key in (("Total approved", "total"), ("Paid", "paid"), ("Outstanding", "outstanding"),
                       ("Withheld (policy)", "withheld"), ("Awarded", "awarded")):
        writer.writerow([label, "", "", "", "", totals[key], f"{totals[key] / 100:.2f}"])
    return response


def _date(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""


# --- support record and interviews ------------------------------------------------------------------

@staff_only
def support(request, org, call):
    call = _call(request, call)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.support_overview(call, query=query))
    return render(request, "conveners/support.html", {"call": call, "page": page, "form": form, "query": query})


@staff_only
def application_support(request, org, call, application):
    call = _call(request, call)
    application = _application(request, call, application)
    form = SupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_record(organisation=request.organisation, by=request.user, application=application,
                                    **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Support recorded.")
            return redirect("conveners:application_support", org=org, call=call.slug, application=application.pk)
    return render(request, "conveners/application_support.html", {
        "call": call, "application": application, "form": form,
        "page": paginate(request, application.support_sessions.all())})


def profile(request, org):
    from .models import ConvenerProfile

    instance = ConvenerProfile.objects.filter(organisation=request.organisation, user=request.user).first()
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.convener_profile_save(organisation=request.organisation, by=request.user, **form.cleaned_data)
        messages.success(request, "Your answers are saved.")
        return redirect("conveners:profile", org=org)
    return render(request, "conveners/profile.html", {"form": form})


@staff_only
def profiles(request, org):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.convener_profiles(request.organisation, query=query))
    return render(request, "conveners/profiles.html", {"page": page, "form": form, "query": query})


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
