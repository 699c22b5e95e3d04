"""Applicant pages: applying, editing, the application page and the applicant's actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.tenancy.models import MemberOrganisation

from .. import permissions, services
from ..forms import ApplicationForm, CoLeadForm, DecisionForm, LeadForm
from ..models import Application, ApplicationStatus, CallStatus, Decision
from ._common import _application, _call, _form_errors_from, _messages_from, _own_application, _post_only


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
        closed = f": it closed at {timezone.localtime(call.closes_at):%-d %B %Y, %H:%M}."
        messages.error(request, "This call is not open for applications" + (closed if now >= call.closes_at else "."))
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
        raise Http404("No such application.")  # someone else's application is not theirs to know of
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
