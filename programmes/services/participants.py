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
both confirmations (:func:`programmes.rules.selection_problems`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.email import ComposedEmail, EmailCancelled, email_queue, email_rate_check
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.tokens import absolute_link, confirmation_expiry, token_hash, token_pair

from .. import rules
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
    problems = rules.boundary_problems(
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


# --- Confirmations by the line manager and the employer sponsor ------------------------------------------

def _pending(application):
    return [(who, getattr(application, f"{who}_email")) for who in SUPPORTERS
            if not application.confirmed(who) and not application.declined(who)]


@transaction.atomic
def cohort_application_request_confirmations(*, organisation, by, application):
    """E-mail the line manager and the employer sponsor (those who have not answered) a link to confirm
    their support. A mail still on its way is not sent twice; each send is within the per-person and
    per-address limits. Returns how many e-mails are on their way."""
    _check_tenant(organisation, application)
    application = CohortApplication.objects.select_for_update().select_related("programme").get(
        pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status not in LIVE:
        raise ValidationError("Support is asked for while the application is a draft or submitted; this one is "
                              f"{application.get_status_display().lower()}.")
    wanted = _pending(application)
    if not wanted:
        raise ValidationError("Your line manager and employer sponsor have both answered: there is no one to "
                              "e-mail.")
    sent = 0
    for who, address in wanted:
        ref = f"{who}:{application.pk}"
        rows = OutgoingEmail.objects.filter(organisation=organisation, kind=CONFIRMATION_KIND, ref_id=ref)
        if rows.filter(to__iexact=address, status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]).exists():
            sent += 1
            continue
        email_rate_check(organisation=organisation, by=by, to=address, kind=CONFIRMATION_KIND)
        email_queue(organisation=organisation, key=f"cohort-confirmation:{ref}:{rows.count() + 1}", to=address,
                    kind=CONFIRMATION_KIND, composer=CONFIRMATION_KIND, ref_id=ref, triggered_by=by,
                    subject=f"Do you support an application to {application.programme.name}?")
        sent += 1
    audit_record(organisation=organisation, actor=by, action="programme.application_support_requested",
                 target=application.programme, summary=f"{sent} e-mail{'s' if sent != 1 else ''}")
    return sent


def _split_ref(ref_id):
    who, _, pk = (ref_id or "").partition(":")
    if who not in SUPPORTERS or not pk.isdigit():
        raise EmailCancelled(f"Unknown confirmation {ref_id!r}.")
    return who, int(pk)


def compose_supporter_confirmation(email):
    """The composer of supporters' confirmation e-mails (registered in ``ProgrammesConfig.ready``): runs
    when the mail is sent, mints the link's token then, stores only its hash and expiry. Nothing is sent
    once the supporter has answered, the application has left draft or submitted, or the address is no
    longer the one named."""
    who, pk = _split_ref(email.ref_id)
    application = CohortApplication.objects.filter(pk=pk, organisation_id=email.organisation_id).select_related(
        "programme", "applicant").first()
    if application is None or getattr(application, f"{who}_email").lower() != email.to.lower():
        raise EmailCancelled(f"The {SUPPORTER_LABELS[who]} is no longer named on the application.")
    if application.confirmed(who) or application.declined(who):
        raise EmailCancelled(f"The {SUPPORTER_LABELS[who]} has already answered.")
    if application.status not in LIVE:
        raise EmailCancelled("The application no longer needs support confirmed.")
    token, digest = token_pair()
    expires = confirmation_expiry()
    CohortApplication.objects.filter(pk=application.pk).update(**{f"{who}_token_hash": digest,
                                                                 f"{who}_token_expires_at": expires})
    context = {"application": application, "programme": application.programme, "organisation": email.organisation,
               "applicant": application.applicant.display_name, "who": SUPPORTER_LABELS[who],
               "name": getattr(application, f"{who}_name"), "expires": expires,
               "link": absolute_link(reverse("programme_confirmations:confirm", kwargs={"token": token}))}
    return ComposedEmail(
        subject=f"Do you support {application.applicant.display_name}'s application to "
                f"{application.programme.name}? Confirm or decline",
        body_text=render_to_string("email/programmes/cohort_confirm.txt", context))


def _find(token, **scope):
    digest = token_hash(token)
    for who in SUPPORTERS:
        application = (CohortApplication.objects.filter(**{f"{who}_token_hash": digest}, **scope)
                       .select_related("programme", "applicant").first())
        if application is not None:
            return who, application
    return None, None


def supporter_confirmation_organisation_id(*, token):
    """Which organisation a supporter's link belongs to (call with scopes disabled), or ``None``."""
    if not token or len(token) > 200:
        return None
    _who, application = _find(token)
    return application.organisation_id if application else None


def supporter_confirmation_find(*, organisation, token):
    """``(who, application)`` a supporter's link names, or ``(None, None)`` (expired links are found: see
    :func:`supporter_confirmation_problem`)."""
    if not token or len(token) > 200:
        return None, None
    return _find(token, organisation=organisation)


def supporter_confirmation_problem(application, who, *, now=None):
    """Why the link cannot be used now (``"expired"`` or ``"closed"``), or ``None``."""
    expires = getattr(application, f"{who}_token_expires_at")
    if expires is None or (now or timezone.now()) >= expires:
        return "expired"
    if application.status not in LIVE:
        return "closed"
    return None


def _usable(organisation, token):
    who, application = supporter_confirmation_find(organisation=organisation, token=token)
    if application is None:
        raise ValidationError("This confirmation link is not valid: it has been used, or replaced by a newer one.",
                              code="invalid")
    problem = supporter_confirmation_problem(application, who)
    if problem:
        raise ValidationError("This confirmation link cannot be used any more.", code=problem)
    return who, application


def _person(user):
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def supporter_confirm(*, organisation, by, token):
    """The supporter holding the link confirms their support. The link works once."""
    who, application = _usable(organisation, token)
    updated = CohortApplication.objects.filter(pk=application.pk, **{f"{who}_token_hash": token_hash(token)}).update(
        **{f"{who}_confirmed_at": timezone.now(), f"{who}_token_hash": "", f"{who}_token_expires_at": None})
    if updated:
        audit_record(organisation=organisation, actor=_person(by), action="programme.application_support_confirmed",
                     target=application.programme,
                     summary=f"{SUPPORTER_LABELS[who].capitalize()} of {application.applicant.display_name}")
    return who, application


@transaction.atomic
def supporter_decline(*, organisation, by, token):
    """The supporter says they do not support the application: the link is used up, the application
    shows it, and the applicant is told by e-mail so they can talk to them or name someone else."""
    who, application = _usable(organisation, token)
    now = timezone.now()
    updated = CohortApplication.objects.filter(pk=application.pk, **{f"{who}_token_hash": token_hash(token)}).update(
        **{f"{who}_declined_at": now, f"{who}_token_hash": "", f"{who}_token_expires_at": None})
    if not updated:
        return who, application
    audit_record(organisation=organisation, actor=_person(by), action="programme.application_support_declined",
                 target=application.programme,
                 summary=f"{SUPPORTER_LABELS[who].capitalize()} of {application.applicant.display_name}")
    context = {"application": application, "programme": application.programme, "who": SUPPORTER_LABELS[who],
               "name": getattr(application, f"{who}_name"), "applicant": application.applicant.display_name,
               "link": absolute_link(application.get_absolute_url())}
    email_queue(organisation=organisation, key=f"cohort-declined:{who}:{application.pk}:{now.timestamp():.0f}",
                to=application.applicant.email, kind=DECLINED_KIND,
                subject=f"Your {SUPPORTER_LABELS[who]} has not confirmed support for your application",
                body_text=render_to_string("email/programmes/cohort_declined.txt", context))
    return who, application


# --- The manager's decision --------------------------------------------------------------------------------

@transaction.atomic
def cohort_application_decide(*, organisation, by, application, select):
    """Select the applicant (they become a participant, through :func:`participant_add`, which holds the
    places) or do not select them. Selection is refused, and nothing changes, when either supporter has not
    confirmed or the cohort is full (:func:`programmes.rules.selection_problems`). Audited; the applicant is
    told by e-mail, composed when it is sent."""
    _check_tenant(organisation, application)
    programme = Programme.objects.select_for_update().get(pk=application.programme_id, organisation=organisation)
    application = CohortApplication.objects.select_for_update().select_related("applicant").get(
        pk=application.pk, organisation=organisation)
    before = application.status
    if select:
        problems = rules.selection_problems(status=before, fully_confirmed=application.fully_confirmed,
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
