"""Applying to a cohort programme, the applicant's application page and actions, the manager's list of
applications and decisions, and the participants' commitment to convene.

Every view is wrapped in :func:`cohort_page`, which answers in one order, in one place (as the convening
pages do): **404** for a programme that is missing or not a cohort, and for an application that is missing
or someone else's (staff excepted); **403** for a page the person's role does not allow (a member opening
the manager's list; staff opening the applicant's own actions); **405** for a wrong method, after
permission. Actions that change something are POST-only.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import permissions, rules_cohorts, selectors, services
from ..forms import (
    ApplicationsWindowForm,
    CohortApplicationFilterForm,
    CohortApplicationForm,
    CohortDecisionForm,
    ParticipantCommunityForm,
    SearchForm,
)
from ..models import CohortApplication, CohortApplicationStatus, Programme, ProgrammeKind

STAFF = "staff"
VIEWER = "viewer"  # the applicant or host staff; anyone else: 404
APPLICANT = "applicant"  # the applicant only; host staff: 403; anyone else: 404
ANY = "any"
GET, POST = ("GET", "POST"), ("POST",)


def cohort_page(*, role=None, application=None, methods=GET):
    def decorator(view):
        @wraps(view)
        def wrapped(request, org, programme, **kwargs):
            programme = Programme.objects.filter(organisation=request.organisation, slug=programme,
                                                 kind=ProgrammeKind.COHORT).first()
            if programme is None:
                raise Http404("No such programme.")
            kwargs["programme"] = programme
            staff = permissions.can_manage_programmes(request.tenant)
            if application is not None:
                pk = kwargs.pop("cohort_application")
                found = (CohortApplication.objects.filter(programme=programme, pk=pk)
                         .select_related("applicant", "programme", "organisation").first())
                if found is None or (application != ANY and not permissions.can_view_cohort_application(
                        request.tenant, request.user, found)):
                    raise Http404("No such application.")  # someone else's application is not theirs to know of
                kwargs["application"] = found
            if (role == STAFF or application == ANY) and not staff:
                raise PermissionDenied("Only the host's administrators and project managers can do this.")
            if application == APPLICANT and not permissions.is_cohort_applicant(request.user, kwargs["application"]):
                raise PermissionDenied("Only the applicant may do this.")
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, org, **kwargs)

        return wrapped

    return decorator


def _messages_from(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


def _form_context(request, programme, form, application=None):
    return {"programme": programme, "form": form, "application": application,
            "places_left": services.places_left(programme)}


@cohort_page()
def cohort_apply(request, org, programme):
    """``/<org>/programmes/<programme>/apply/``: the application form (a draft is saved, then submitted)."""
    today = timezone.localdate()
    own = (CohortApplication.objects.filter(programme=programme, applicant=request.user)
           .exclude(status=CohortApplicationStatus.WITHDRAWN).first())
    if own is not None:
        messages.info(request, "You have already applied: here is your application.")
        return redirect(own.get_absolute_url())
    if not programme.accepts_applications(today):
        return render(request, "programmes/cohort_closed.html", {"programme": programme}, status=200)
    form = CohortApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                application = services.cohort_application_create(
                    organisation=request.organisation, by=request.user, programme=programme, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Your draft is saved. Ask your line manager and employer sponsor to "
                                 "confirm their support, then submit it.")
                return redirect(application.get_absolute_url())
    return render(request, "programmes/cohort_application_form.html", _form_context(request, programme, form))


@cohort_page(application=APPLICANT)
def cohort_application_edit(request, org, programme, application):
    if application.status != CohortApplicationStatus.DRAFT:
        messages.error(request, "Only a draft can be edited.")
        return redirect(application.get_absolute_url())
    form = CohortApplicationForm(request.POST if request.method == "POST" else None, instance=application)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.cohort_application_update(organisation=request.organisation, by=request.user,
                                                   application=application, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Your draft is saved.")
                return redirect(application.get_absolute_url())
        application.refresh_from_db()  # the page's heading shows what is stored, not what was typed
    return render(request, "programmes/cohort_application_form.html",
                  _form_context(request, programme, form, application))


@cohort_page(application=VIEWER)
def cohort_application(request, org, programme, application):
    is_applicant = permissions.is_cohort_applicant(request.user, application)
    participant = commitment = community_form = None
    if application.status == CohortApplicationStatus.SELECTED:
        participant = selectors.participant_of(programme=programme, user=application.applicant)
        if participant is not None:
            held = selectors.meetings_convened(programme, [participant.community_id]).get(participant.community_id, 0)

            commitment = rules_cohorts.commitment_summary(held)
            if is_applicant:
                community_form = ParticipantCommunityForm(
                    initial={"community": participant.community_id},
                    communities=selectors.convening_communities(request.user))
    return render(request, "programmes/cohort_application.html", {
        "programme": programme, "application": application, "is_applicant": is_applicant,
        "can_manage": permissions.can_manage_programmes(request.tenant), "participant": participant,
        "commitment": commitment, "community_form": community_form, "decision_form": CohortDecisionForm(),
        "places_left": services.places_left(programme),
        "selection_problems": _selection_problems(programme, application)})


def _selection_problems(programme, application):

    if application.status not in (CohortApplicationStatus.SUBMITTED, CohortApplicationStatus.NOT_SELECTED):
        return []
    return rules_cohorts.selection_problems(status=application.status, fully_confirmed=application.fully_confirmed,
                                            places_left=services.places_left(programme))


def _applicant_action(request, application, action, success):
    try:
        action(organisation=request.organisation, by=request.user, application=application)
        messages.success(request, success)
    except ValidationError as exc:
        _messages_from(request, exc)
    return redirect(application.get_absolute_url())


@cohort_page(application=APPLICANT, methods=POST)
def cohort_application_confirmations(request, org, programme, application):
    return _applicant_action(request, application, services.cohort_application_request_confirmations,
                             "We are e-mailing your line manager and employer sponsor, asking them to confirm.")


@cohort_page(application=APPLICANT, methods=POST)
def cohort_application_submit(request, org, programme, application):
    return _applicant_action(request, application, services.cohort_application_submit,
                             "Your application is submitted. We have e-mailed you a receipt.")


@cohort_page(application=APPLICANT, methods=POST)
def cohort_application_withdraw(request, org, programme, application):
    return _applicant_action(request, application, services.cohort_application_withdraw,
                             "Your application is withdrawn.")


@cohort_page(application=ANY, methods=POST)
def cohort_application_decide(request, org, programme, application):
    form = CohortDecisionForm(request.POST)
    if not form.is_valid():
        _messages_from(request, ValidationError(sum(form.errors.values(), [])))
        return redirect(application.get_absolute_url())
    select = form.cleaned_data["decision"] == "select"
    try:
        services.cohort_application_decide(organisation=request.organisation, by=request.user,
                                           application=application, select=select)
    except ValidationError as exc:
        _messages_from(request, exc)
        return redirect(application.get_absolute_url())
    name = application.applicant.display_name
    messages.success(request, f"{name} is selected and now takes part; they are told by e-mail." if select
                     else f"{name} is not selected; they are told by e-mail.")
    return redirect("programmes:cohort_applications", org=org, programme=programme.slug)


@cohort_page(application=APPLICANT, methods=POST)
def cohort_participant_community(request, org, programme, application):
    participant = selectors.participant_of(programme=programme, user=request.user)
    if participant is None or application.status != CohortApplicationStatus.SELECTED:
        messages.error(request, "You can choose your community once you take part in the programme.")
        return redirect(application.get_absolute_url())
    form = ParticipantCommunityForm(request.POST, communities=selectors.convening_communities(request.user))
    if form.is_valid():
        try:
            services.participant_community_set(organisation=request.organisation, by=request.user,
                                               participant=participant, community=form.cleaned_data["community"])
        except ValidationError as exc:
            _messages_from(request, exc)
        else:
            messages.success(request, "Your community is saved: its meetings during the programme count towards "
                             "your commitment.")
    else:
        _messages_from(request, ValidationError(sum(form.errors.values(), [])))
    return redirect(application.get_absolute_url())


@cohort_page(role=STAFF)
def cohort_applications(request, org, programme):
    """The manager's list: search, filters, best first (:func:`programmes.rules_cohorts.cohort_priority`),
    numbered pages, places left."""
    form = CohortApplicationFilterForm(request.GET or None)
    filters = {"query": "", "status": "", "confirmed": "", "spans": ""}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"query": data["q"].strip(), "status": data["status"], "confirmed": data["confirmed"],
                   "spans": data["spans"]}
    page = paginate(request, selectors.cohort_applications_ranked_ids(programme, **filters))
    rows = selectors.cohort_applications_page_rows(list(page.object_list))
    return render(request, "programmes/cohort_applications.html", {
        "programme": programme, "form": form, "page": page, "rows": rows,
        "places_left": services.places_left(programme), "counts": selectors.cohort_application_counts(programme),
        "window_form": ApplicationsWindowForm(initial={"open_until": programme.applications_open_until}),
        "decision_form": CohortDecisionForm(), "open_now": programme.accepts_applications(timezone.localdate())})


@cohort_page(role=STAFF, methods=POST)
def cohort_applications_window(request, org, programme):
    form = ApplicationsWindowForm(request.POST)
    if form.is_valid():
        try:
            services.cohort_applications_window_set(organisation=request.organisation, by=request.user,
                                                    programme=programme, open_until=form.cleaned_data["open_until"])
        except ValidationError as exc:
            _messages_from(request, exc)
        else:
            until = form.cleaned_data["open_until"]
            messages.success(request, f"Applications are open until {until:%-d %B %Y}." if until
                             else "Applications are closed.")
    else:
        _messages_from(request, ValidationError(sum(form.errors.values(), [])))
    return redirect("programmes:cohort_applications", org=org, programme=programme.slug)


@cohort_page(role=STAFF)
def cohort_participants(request, org, programme):
    """The participants taking part, each with their commitment to convene ("2 of 3 meetings convened")."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.participants_with_commitment(programme, query=query))
    return render(request, "programmes/cohort_participants.html", {
        "programme": programme, "form": form, "page": page, "places_left": services.places_left(programme)})
