"""Services of applications to a cohort programme: applying, the supporters' confirmations by e-mailed
link, submitting, withdrawing, the manager's selection, and the participant's community.

Programme report (seed 004): entry by application to a limited number of free places (28), requiring the
support of the applicant's employer and line manager; priority to boundary-spanning, transformational
CoPs; participants commit to convening three or four meetings during the programme.

The confirmation links follow the conveners' pattern (issue 8 §1, "Confirmation links") and share its
helpers (:mod:`cop_platform.tokens`): a link is minted when its e-mail is *sent* (by
:func:`compose_supporter_confirmation`, in the worker), only its hash is stored with an expiry
(``CONVENE_CONFIRMATION_DAYS``), it works once, and asking is rate-limited
(:func:`cop_platform.email.email_rate_check`). A supporter whose e-mail changes must confirm again.

Support may be confirmed before or after submitting (the applicant sees where it stands); selection needs
both confirmations (:func:`programmes.rules_cohorts.selection_problems`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.email import ComposedEmail, EmailCancelled, email_queue
from cop_platform.notifications import notify
from cop_platform.tokens import absolute_link

from .. import rules_cohorts
from ..models import (
    SUPPORTER_LABELS,
    SUPPORTERS,
    CohortApplication,
    CohortApplicationStatus,
    Participant,
    ParticipantStatus,
    Programme,
)
from .lifecycle import _check_tenant
from .programmes import participant_add, places_left

CONFIRMATION_KIND = "programmes.cohort_confirmation"
DECISION_KIND = "programmes.cohort_decision"
DECISION_NOTICE = "programmes.decision"  # the applicant's inbox; essential, its e-mail is DECISION_KIND's
RECEIPT_KIND = "programmes.cohort_receipt"
DECLINED_KIND = "programmes.cohort_support_declined"

APPLICATION_FIELDS = ("employer", "role_title", "cop_title", "cop_idea", "spans_organisations",
                      "spans_organisations_how", "spans_professions", "spans_professions_how",
                      "commits_to_convene", "line_manager_name", "line_manager_email", "sponsor_name",
                      "sponsor_email")
TEXT_FIELDS = ("employer", "role_title", "cop_title", "cop_idea", "spans_organisations_how",
               "spans_professions_how", "line_manager_name", "line_manager_email", "sponsor_name", "sponsor_email")
LIVE = (CohortApplicationStatus.DRAFT, CohortApplicationStatus.SUBMITTED)
S = CohortApplicationStatus


def _today():
    return timezone.localdate()


def _check_open(programme, today=None):
    if not programme.is_cohort:
        raise ValidationError("Only a cohort programme takes applications.")
    if not programme.accepts_applications(today or _today()):
        until = programme.applications_open_until
        raise ValidationError(f"{programme.name} is not taking applications"
                              + (f": they closed on {until:%-d %B %Y}." if until else "."))


def _check_owner(application, by):
    if application.applicant_id != getattr(by, "pk", None):
        raise PermissionDenied("Only the applicant may change this application.")


def _clean_fields(fields, applicant):
    data = {key: fields[key] for key in APPLICATION_FIELDS if key in fields}
    for key in TEXT_FIELDS:
        if key in data:
            data[key] = (data[key] or "").strip()
    for key in ("spans_organisations", "spans_professions", "commits_to_convene"):
        data[key] = bool(data.get(key))
    problems = rules_cohorts.boundary_problems(
        spans_organisations=data["spans_organisations"], organisations_how=data.get("spans_organisations_how"),
        spans_professions=data["spans_professions"], professions_how=data.get("spans_professions_how"))
    if not data["commits_to_convene"]:
        problems["commits_to_convene"] = ("Participants commit to convening three or four meetings of their "
                                          "community during the programme: tick to confirm you will.")
    own = (applicant.email or "").lower()
    for who in SUPPORTERS:
        if own and (data.get(f"{who}_email") or "").lower() == own:
            problems[f"{who}_email"] = (f"Give your {SUPPORTER_LABELS[who]}'s own e-mail address, not yours: "
                                        "they confirm their support themselves.")
    if problems:
        raise ValidationError(problems)
    if not data["spans_organisations"]:
        data["spans_organisations_how"] = ""
    if not data["spans_professions"]:
        data["spans_professions_how"] = ""
    return data


def _supporter_reset(application, who):
    for suffix in ("confirmed_at", "declined_at", "token_expires_at"):
        setattr(application, f"{who}_{suffix}", None)
    setattr(application, f"{who}_token_hash", "")


@transaction.atomic
def cohort_application_create(*, organisation, by, programme, **fields):
    """A draft application by ``by`` to the cohort ``programme``, while it takes applications; one live
    application per person and programme."""
    _check_tenant(organisation, programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk, organisation=organisation)
    _check_open(programme)
    if CohortApplication.objects.filter(programme=programme, applicant=by, status__in=LIVE + (S.SELECTED,
                                                                                              S.NOT_SELECTED)).exists():
        raise ValidationError("You already have an application to this programme: open it from the programme's "
                              "applications to change it.")
    application = CohortApplication(organisation=organisation, programme=programme, applicant=by,
                                    **_clean_fields(fields, by))
    application.full_clean(exclude=["organisation", "programme", "applicant"], validate_constraints=False)
    application.save()
    audit_record(organisation=organisation, actor=by, action="programme.application_created", target=programme,
                 summary=application.cop_title, changes={"status": [None, S.DRAFT]})
    return application


@transaction.atomic
def cohort_application_update(*, organisation, by, application, **fields):
    """Change a draft. A supporter whose e-mail changes must confirm again (what they confirmed was asked
    of another address); a name corrected alone keeps their confirmation."""
    _check_tenant(organisation, application)
    application = CohortApplication.objects.select_for_update().select_related("programme").get(
        pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status != S.DRAFT:
        raise ValidationError("Only a draft can be edited. This application is "
                              f"{application.get_status_display().lower()}.")
    _check_open(application.programme)
    data = _clean_fields(fields, by)
    reset = []
    for who in SUPPORTERS:
        if data[f"{who}_email"].lower() != getattr(application, f"{who}_email").lower():
            _supporter_reset(application, who)
            reset.append(SUPPORTER_LABELS[who])
    for key, value in data.items():
        setattr(application, key, value)
    application.full_clean(exclude=["organisation", "programme", "applicant"], validate_constraints=False)
    application.save()
    audit_record(organisation=organisation, actor=by, action="programme.application_updated",
                 target=application.programme, summary=application.cop_title
                 + (f"; {' and '.join(reset)} to confirm again" if reset else ""))
    return application


@transaction.atomic
def cohort_application_submit(*, organisation, by, application, now=None):
    """draft → submitted while the programme takes applications; the applicant is e-mailed a receipt.
    Support may still be on its way: selection waits for both confirmations."""
    _check_tenant(organisation, application)
    application = CohortApplication.objects.select_for_update().select_related("programme", "applicant").get(
        pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status == S.SUBMITTED:
        return application  # a double click
    if application.status != S.DRAFT:
        raise ValidationError(f"A {application.get_status_display().lower()} application cannot be submitted.")
    _check_open(application.programme)
    application.status = S.SUBMITTED
    application.submitted_at = now or timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="programme.application_submitted",
                 target=application.programme, summary=application.cop_title,
                 changes={"status": [S.DRAFT, S.SUBMITTED]})
    context = {"application": application, "programme": application.programme, "organisation": organisation,
               "applicant": application.applicant.display_name,
               "link": absolute_link(application.get_absolute_url())}
    email_queue(organisation=organisation, key=f"cohort-receipt:{application.pk}", to=application.applicant.email,
                kind=RECEIPT_KIND, triggered_by=by,
                subject=f"We have received your application to {application.programme.name}",
                body_text=render_to_string("email/programmes/cohort_receipt.txt", context))
    return application


@transaction.atomic
def cohort_application_withdraw(*, organisation, by, application):
    """The applicant withdraws a draft or submitted application (a selected person leaves the programme
    through its manager, not here)."""
    _check_tenant(organisation, application)
    application = CohortApplication.objects.select_for_update().select_related("programme").get(
        pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status == S.WITHDRAWN:
        return application
    if application.status not in LIVE:
        raise ValidationError(f"A {application.get_status_display().lower()} application cannot be withdrawn; "
                              "ask the programme's manager.")
    before = application.status
    application.status = S.WITHDRAWN
    for who in SUPPORTERS:
        setattr(application, f"{who}_token_hash", "")  # outstanding links stop working
        setattr(application, f"{who}_token_expires_at", None)
    application.save()
    audit_record(organisation=organisation, actor=by, action="programme.application_withdrawn",
                 target=application.programme, summary=application.cop_title,
                 changes={"status": [before, S.WITHDRAWN]})
    return application


# --- The manager's decision --------------------------------------------------------------------------------

@transaction.atomic
def cohort_application_decide(*, organisation, by, application, select):
    """Select the applicant (they become a participant, through :func:`participant_add`, which holds the
    places) or do not select them. Selection is refused, and nothing changes, when either supporter has not
    confirmed or the cohort is full (:func:`programmes.rules_cohorts.selection_problems`). Audited; the applicant is
    told by e-mail, composed when it is sent."""
    _check_tenant(organisation, application)
    programme = Programme.objects.select_for_update().get(pk=application.programme_id, organisation=organisation)
    application = CohortApplication.objects.select_for_update().select_related("applicant").get(
        pk=application.pk, organisation=organisation)
    before = application.status
    if select:
        problems = rules_cohorts.selection_problems(status=before, fully_confirmed=application.fully_confirmed,
                                                    places_left=places_left(programme))
        if problems:
            raise ValidationError(problems)
        participant_add(organisation=organisation, by=by, programme=programme, user=application.applicant,
                        employer=application.employer, role_title=application.role_title)
        after = S.SELECTED
    else:
        if before == S.NOT_SELECTED:
            return application
        if before != S.SUBMITTED:
            raise ValidationError("Only a submitted application can be turned down; this one is "
                                  f"{application.get_status_display().lower()}.")
        after = S.NOT_SELECTED
    now = timezone.now()
    application.status, application.decided_at, application.decided_by = after, now, by
    application.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="programme.application_decided", target=programme,
                 summary=f"{application.applicant.display_name}: {application.get_status_display()}",
                 changes={"status": [before, after]})
    email_queue(organisation=organisation, key=f"cohort-decision:{application.pk}:{after}:{now.timestamp():.0f}",
                to=application.applicant.email, kind=DECISION_KIND, composer=DECISION_KIND,
                ref_id=str(application.pk), triggered_by=by,
                subject=f"Your application to {programme.name}")
    notify(organisation=organisation, recipients=[application.applicant], kind=DECISION_NOTICE, actor=by,
           email_mode="none", url=application.get_absolute_url(),
           text=f"The decision on your application to {programme.name} is made")
    return application


def compose_decision(email):
    """The decision e-mail (registered in ``ProgrammesConfig.ready``), rendered when it is sent from the
    application's status at that moment; nothing is sent when the application no longer has a decision."""
    application = CohortApplication.objects.filter(pk=email.ref_id, organisation_id=email.organisation_id) \
        .select_related("programme", "applicant").first() if str(email.ref_id).isdigit() else None
    if application is None or application.status not in (S.SELECTED, S.NOT_SELECTED):
        raise EmailCancelled("The application has no decision to tell.")
    selected = application.status == S.SELECTED
    context = {"application": application, "programme": application.programme, "selected": selected,
               "applicant": application.applicant.display_name, "organisation": email.organisation,
               "link": absolute_link(application.get_absolute_url())}
    subject = (f"You have a place on {application.programme.name}" if selected
               else f"Your application to {application.programme.name}")
    return ComposedEmail(subject=subject, body_text=render_to_string("email/programmes/cohort_decision.txt", context))


# --- The participant's community (their commitment to convene) ---------------------------------------------

@transaction.atomic
def participant_community_set(*, organisation, by, participant, community):
    """The participant names the community they convene (one where they hold a convening role), whose
    meetings count towards their commitment; ``None`` clears it."""
    from communities.models import Membership
    from communities.models.membership import CONVENING_ROLES

    _check_tenant(organisation, participant, community)
    if participant.user_id != getattr(by, "pk", None):
        raise PermissionDenied("Only the participant may choose their community.")
    if participant.status != ParticipantStatus.SELECTED:
        raise ValidationError("Only someone taking part in the programme can choose their community.")
    if community is not None and not Membership.objects.filter(community=community, user=by,
                                                               role__in=CONVENING_ROLES).exists():
        raise ValidationError({"community": "Choose a community where you are a convener or co-convener."})
    Participant.objects.filter(pk=participant.pk).update(community=community)
    participant.community = community
    audit_record(organisation=organisation, actor=by, action="programme.participant_community_set",
                 target=participant.programme, summary=community.name if community else "No community")
    return participant


@transaction.atomic
def cohort_applications_window_set(*, organisation, by, programme, open_until):
    """Open the cohort programme for applications until ``open_until`` (a date), or close it (``None``)."""
    _check_tenant(organisation, programme)
    if not programme.is_cohort:
        raise ValidationError("Only a cohort programme takes applications.")
    if open_until is not None and open_until < _today():
        raise ValidationError({"open_until": "Choose today or a later day; leave it empty to close applications."})
    before = programme.applications_open_until
    Programme.objects.filter(pk=programme.pk).update(applications_open_until=open_until)
    programme.applications_open_until = open_until
    audit_record(organisation=organisation, actor=by, action="programme.applications_window_set", target=programme,
                 summary=f"Open until {open_until:%-d %B %Y}" if open_until else "Applications closed",
                 changes={"applications_open_until": [str(before) if before else None,
                                                      str(open_until) if open_until else None]})
    return programme
