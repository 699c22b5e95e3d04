"""Confirmations of a cohort application by the applicant's line manager and employer sponsor: asking, the
e-mailed link (minted when the e-mail is sent, only its hash stored, expiring, single-use), confirming and
declining."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.email import ComposedEmail, EmailCancelled, email_queue, email_rate_check
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.notifications import notify
from cop_platform.tokens import absolute_link, confirmation_expiry, token_hash, token_pair

from ..models import (
    SUPPORTER_LABELS,
    SUPPORTERS,
    CohortApplication,
)
from .lifecycle import _check_tenant
from .participants import CONFIRMATION_KIND, DECLINED_KIND, LIVE, _check_owner

SUPPORT_NOTICE = "programmes.support_confirmed"  # the applicant's inbox (registered in ProgrammesConfig.ready)

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
        notify(organisation=organisation, recipients=[application.applicant], kind=SUPPORT_NOTICE,
               text=f"Your {SUPPORTER_LABELS[who]} confirmed their support for your application to "
                    f"{application.programme.name}",
               url=application.get_absolute_url(), actor=_person(by))
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
