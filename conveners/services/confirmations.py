"""Confirmations of an application by its co-leads and sponsor: asking, the e-mailed link, confirming
and declining.

Issue 8 §1 ("Mail abuse", "Confirmation links"): a link is minted when its e-mail is *sent* (by the
composer below, in the worker) and only its hash is stored, indexed, with an expiry
(``CONVENE_CONFIRMATION_DAYS``); it works once. Asking is for draft applications only and limited per
person and per address (:func:`cop_platform.email.email_rate_check`); asking again while a confirmation
is pending sends that same confirmation again (a fresh link replaces the previous one), never a second
confirmation. What a person confirmed is reset when it changes (:func:`conveners.rules.confirmation_stands`,
applied in :mod:`.applications`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cop_platform import tokens
from cop_platform.audit import audit_record
from cop_platform.email import ComposedEmail, EmailCancelled, email_queue, email_rate_check
from cop_platform.models import EmailStatus, OutgoingEmail

from ..models import Application, ApplicationStatus, Lead
from ._common import _absolute, _new_token, _same_tenant, token_hash
from .applications import _check_owner
from .notices import confirmation_notify

CONFIRMATION_KIND = "conveners.confirmation"
DECLINED_KIND = "conveners.colead_declined"


confirmation_days = tokens.confirmation_days  # shared with the cohort programme's confirmations


def _pending_requests(application):
    """``(ref, address)`` of every confirmation still wanted: unconfirmed co-leads who have not declined,
    and the sponsor contact."""
    wanted = [(f"lead:{lead.pk}", lead.email) for lead in application.leads.all()
              if not lead.confirmed_at and not lead.declined_at]
    if application.sponsor_email and not application.sponsor_confirmed_at:
        wanted.append((f"sponsor:{application.pk}", application.sponsor_email))
    return wanted


@transaction.atomic
def application_request_confirmations(*, organisation, by, application):
    """E-mail each co-lead who has not answered, and the sponsor contact, a link to confirm. A mail still
    on its way is not sent twice; otherwise the same pending confirmation is sent again, within the
    per-person and per-address limits (a ``ValidationError`` says which and until when). Returns how
    many e-mails are on their way."""
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("Confirmations are asked for while the application is a draft; this one is "
                              f"{application.get_status_display().lower()}.")
    wanted = _pending_requests(application)
    if not wanted:
        raise ValidationError("Everyone named on the application has already answered: there is no one to e-mail.")
    sent = 0
    for ref, address in wanted:
        rows = OutgoingEmail.objects.filter(organisation=organisation, kind=CONFIRMATION_KIND, ref_id=ref)
        if rows.filter(to__iexact=address, status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]).exists():
            sent += 1  # still on its way: a double click or an impatient second request
            continue
        email_rate_check(organisation=organisation, by=by, to=address, kind=CONFIRMATION_KIND)
        email_queue(organisation=organisation, key=f"confirmation:{ref}:{rows.count() + 1}", to=address,
                    kind=CONFIRMATION_KIND, composer=CONFIRMATION_KIND, ref_id=ref, triggered_by=by,
                    subject=f"Confirmation for “{application.domain}”")
        sent += 1
    audit_record(organisation=organisation, actor=by, action="application.confirmations_requested",
                 target=application, summary=f"{sent} e-mail{'s' if sent != 1 else ''}")
    return sent


def _record_for_ref(email):
    what, _, pk = email.ref_id.partition(":")
    if what == "lead":
        lead = Lead.objects.filter(pk=pk, organisation_id=email.organisation_id).select_related(
            "application__call", "application__applicant").first()
        if lead is None or lead.email.lower() != email.to.lower():
            raise EmailCancelled("The co-lead is no longer named on the application.")
        if lead.confirmed_at or lead.declined_at:
            raise EmailCancelled("The co-lead has already answered.")
        return lead, lead.application
    if what == "sponsor":
        application = Application.objects.filter(pk=pk, organisation_id=email.organisation_id).select_related(
            "call", "applicant").first()
        if application is None or application.sponsor_email.lower() != email.to.lower():
            raise EmailCancelled("The sponsor contact is no longer named on the application.")
        if application.sponsor_confirmed_at:
            raise EmailCancelled("The sponsor has already confirmed.")
        return application, application
    raise EmailCancelled(f"Unknown confirmation {email.ref_id!r}.")


def compose_confirmation(email):
    """The composer of confirmation e-mails (registered in ``ConvenersConfig.ready``): runs when the mail
    is sent, mints the link's token then, stores only its hash and expiry, and builds the message. A
    retry mints a fresh token (replacing the hash); nothing is sent once the person has answered, the
    application has left draft, or the address is no longer named."""
    record, application = _record_for_ref(email)
    if application.status != ApplicationStatus.DRAFT:
        raise EmailCancelled("The application is no longer a draft.")
    token, digest = _new_token()
    expires = tokens.confirmation_expiry()
    if isinstance(record, Lead):
        Lead.objects.filter(pk=record.pk).update(token_hash=digest, token_expires_at=expires)
    else:
        Application.objects.filter(pk=record.pk).update(sponsor_token_hash=digest, sponsor_token_expires_at=expires)
    is_sponsor = isinstance(record, Application)
    context = {"application": application, "call": application.call, "lead": None if is_sponsor else record,
               "organisation": email.organisation, "applicant": application.applicant.display_name,
               "expires": expires, "link": _absolute(reverse("confirmations:confirm",
                                                             kwargs={"confirmation_token": token}))}
    if is_sponsor:
        subject = f"Does {application.sponsor_organisation} support “{application.domain}”? Confirm or decline"
    else:
        subject = f"Are you a co-lead of “{application.domain}”? Confirm or decline"
    template = "email/conveners/confirm_sponsor.txt" if is_sponsor else "email/conveners/confirm_colead.txt"
    return ComposedEmail(subject=subject, body_text=render_to_string(template, context))


def confirmation_organisation_id(*, token):
    """Which organisation a confirmation token belongs to (call with scopes disabled), or ``None``."""
    if not token:
        return None
    digest = token_hash(token)
    lead = Lead.objects.filter(token_hash=digest).values_list("organisation_id", flat=True).first()
    if lead is not None:
        return lead
    return Application.objects.filter(sponsor_token_hash=digest).values_list("organisation_id", flat=True).first()


def confirmation_find(*, organisation, token):
    """The lead or application a confirmation token names, or ``None`` (expired links are found: see
    :func:`confirmation_problem`)."""
    if not token:
        return None
    digest = token_hash(token)
    lead = (Lead.objects.filter(organisation=organisation, token_hash=digest)
            .select_related("application__call", "application__applicant").first())
    if lead is not None:
        return lead
    return (Application.objects.filter(organisation=organisation, sponsor_token_hash=digest)
            .select_related("call", "applicant").first())


def confirmation_problem(record, *, now=None):
    """Why the link to ``record`` cannot be used now (``"expired"`` or ``"closed"``), or ``None``."""
    application = record if isinstance(record, Application) else record.application
    expires = record.sponsor_token_expires_at if isinstance(record, Application) else record.token_expires_at
    if expires is None or (now or timezone.now()) >= expires:
        return "expired"
    if application.status != ApplicationStatus.DRAFT:
        return "closed"
    return None


def _usable(organisation, token):
    record = confirmation_find(organisation=organisation, token=token)
    if record is None:
        raise ValidationError("This confirmation link is not valid: it has been used, or replaced by a newer one.",
                              code="invalid")
    problem = confirmation_problem(record)
    if problem == "expired":
        raise ValidationError("This confirmation link has expired.", code="expired")
    if problem == "closed":
        raise ValidationError("This application no longer needs confirming.", code="closed")
    return record


@transaction.atomic
def confirmation_accept(*, organisation, by, token):
    """The person holding the link confirms. The link works once; an expired one is refused."""
    record = _usable(organisation, token)
    now = timezone.now()
    if isinstance(record, Lead):
        updated = Lead.objects.filter(pk=record.pk, token_hash=token_hash(token)).update(
            confirmed_at=now, token_hash="", token_expires_at=None)
        if updated:
            audit_record(organisation=organisation, actor=_person(by), action="lead.confirmed",
                         target=record.application, summary=record.name)
            confirmation_notify(organisation=organisation, application=record.application, who=record.name, by=by)
        return record
    updated = Application.objects.filter(pk=record.pk, sponsor_token_hash=token_hash(token)).update(
        sponsor_confirmed_at=now, sponsor_token_hash="", sponsor_token_expires_at=None)
    if updated:
        audit_record(organisation=organisation, actor=_person(by), action="application.sponsor_confirmed",
                     target=record, summary=record.sponsor_organisation)
        confirmation_notify(organisation=organisation, application=record, who="Your sponsor", by=by)
    return record


@transaction.atomic
def confirmation_decline(*, organisation, by, token):
    """A co-lead says they do not co-lead (issue 8 §7): the link is used up, the application shows the
    decline, and the applicant is told by e-mail so they can name someone else."""
    record = _usable(organisation, token)
    if not isinstance(record, Lead):
        raise ValidationError("Only a co-lead can decline here.", code="invalid")
    now = timezone.now()
    updated = Lead.objects.filter(pk=record.pk, token_hash=token_hash(token)).update(
        declined_at=now, token_hash="", token_expires_at=None)
    if not updated:
        return record  # a double click: the first one counted
    application = record.application
    audit_record(organisation=organisation, actor=_person(by), action="lead.declined", target=application,
                 summary=record.name)
    context = {"application": application, "call": application.call, "lead": record, "organisation": organisation,
               "applicant": application.applicant.display_name, "link": _absolute(application.get_absolute_url())}
    email_queue(organisation=organisation, key=f"colead-declined:{record.pk}:{now.timestamp():.0f}",
                to=application.applicant.email, kind=DECLINED_KIND,
                subject=f"{record.name} has declined to co-lead “{application.domain}”",
                body_text=render_to_string("email/conveners/colead_declined.txt", context))
    return record


def _person(user):
    return user if getattr(user, "is_authenticated", False) else None
