"""Services for co-lead and sponsor confirmations of an application."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cop_platform.audit import audit_record

from ..models import Application, Lead
from ._common import _absolute, _new_token, _same_tenant, token_hash
from .applications import _check_owner


@transaction.atomic
def application_request_confirmations(*, organisation, by, application):
    """E-mail each unconfirmed co-lead and the sponsor contact a link to confirm (new tokens each time;
    only their hashes are stored)."""
    from cop_platform.email import email_queue

    _same_tenant(organisation, application)
    _check_owner(application, by)
    sent = 0
    for lead in application.leads.filter(confirmed_at__isnull=True):
        token, lead.token_hash = _new_token()
        lead.save(update_fields=["token_hash"])
        link = _absolute(reverse("confirmations:confirm", kwargs={"confirmation_token": token}))
        email_queue(organisation=organisation, key=f"colead-confirm:{lead.pk}:{lead.token_hash[:16]}", to=lead.email,
                    subject=f"Please confirm you co-lead “{application.domain}”",
                    body_text=(f"Dear {lead.name},\n\n{by.display_name} has named you as a co-lead of an application "
                               f"to convene “{application.domain}” in {application.call.title} "
                               f"({organisation.name}).\n\nIf you agree, confirm here:\n{link}\n"))
        sent += 1
    if application.sponsor_email and not application.sponsor_confirmed_at:
        token, application.sponsor_token_hash = _new_token()
        application.save(update_fields=["sponsor_token_hash"])
        link = _absolute(reverse("confirmations:confirm", kwargs={"confirmation_token": token}))
        key = f"sponsor-confirm:{application.pk}:{application.sponsor_token_hash[:16]}"
        email_queue(organisation=organisation, key=key,
                    to=application.sponsor_email,
                    subject=f"Please confirm your support for “{application.domain}”",
                    body_text=(f"Dear {application.sponsor_name or 'colleague'},\n\n{by.display_name} names "
                               f"{application.sponsor_organisation} as the sponsor of an application to convene "
                               f"“{application.domain}” in {application.call.title}.\n\nTo confirm your "
                               f"organisation's support:\n{link}\n"))
        sent += 1
    audit_record(organisation=organisation, actor=by, action="application.confirmations_requested",
                 target=application, summary=f"{sent} e-mail(s)")
    return sent


def confirmation_organisation_id(*, token):
    """Which organisation a confirmation token belongs to (call with scopes disabled), or ``None``."""
    digest = token_hash(token or "")
    if not digest or not token:
        return None
    lead = Lead.objects.filter(token_hash=digest).values_list("organisation_id", flat=True).first()
    if lead is not None:
        return lead
    return Application.objects.filter(sponsor_token_hash=digest).values_list("organisation_id", flat=True).first()


def confirmation_find(*, organisation, token):
    """The lead or application a confirmation token names, or ``None``."""
    digest = token_hash(token or "")
    lead = Lead.objects.filter(organisation=organisation, token_hash=digest).select_related("application").first()
    if lead is not None:
        return lead
    return Application.objects.filter(organisation=organisation, sponsor_token_hash=digest).first()


@transaction.atomic
def confirmation_accept(*, organisation, by, token):
    record = confirmation_find(organisation=organisation, token=token)
    if record is None:
        raise ValidationError("This confirmation link is not valid (it may have been replaced by a newer one).")
    now = timezone.now()
    if isinstance(record, Lead):
        updated = Lead.objects.filter(pk=record.pk, confirmed_at__isnull=True).update(confirmed_at=now, token_hash="")
        if updated:
            audit_record(organisation=organisation, actor=by, action="lead.confirmed", target=record.application,
                         summary=record.name)
        return record
    updated = Application.objects.filter(pk=record.pk, sponsor_confirmed_at__isnull=True).update(
        sponsor_confirmed_at=now, sponsor_token_hash="")
    if updated:
        audit_record(organisation=organisation, actor=by, action="application.sponsor_confirmed", target=record,
                     summary=record.sponsor_organisation)
    return record
