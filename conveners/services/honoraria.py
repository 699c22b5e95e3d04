"""Services for honoraria: shares of an award, approval and payment steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from .. import rules
from ..models import HonorariumPayment, PaymentStatus
from ._common import _same_tenant
from .applications import _lead_people


def application_shares(application, leads=None):
    """The split for a funded application under its call's policy: ({lead: pence}, withheld pence)."""
    leads = list(application.leads.all()) if leads is None else leads
    shares, withheld = rules.honorarium_split(honorarium_pence=application.call.honorarium_pence,
                                              people=_lead_people(leads), policy=application.call.ineligible_share)
    by_key = {p.key: lead for p, lead in zip(_lead_people(leads), leads, strict=True)}
    return {by_key[k]: v for k, v in shares.items()}, withheld


@transaction.atomic
def honoraria_approve(*, organisation, by, application):
    """One approved payment per eligible lead of a funded application (idempotent)."""
    _same_tenant(organisation, application)
    shares, _ = application_shares(application)
    now = timezone.now()
    for lead, pence in shares.items():
        if pence <= 0:
            continue
        payment, created = HonorariumPayment.objects.get_or_create(
            organisation=organisation, application=application, lead=lead,
            defaults={"call": application.call, "payee": lead.name, "amount_pence": pence, "approved_at": now})
        if created:
            audit_record(organisation=organisation, actor=by, action="payment.approved", target=payment,
                         changes={"amount_pence": pence, "status": [None, PaymentStatus.APPROVED]})


PAYMENT_ORDER = [PaymentStatus.APPROVED, PaymentStatus.CLAIM_RECEIVED, PaymentStatus.PAID]


@transaction.atomic
def payment_advance(*, organisation, by, payment, status, reference="", payee=""):
    """approved → invoice or claim received → paid (decision 11), with the date and a reference."""
    _same_tenant(organisation, payment)
    payment = HonorariumPayment.objects.select_for_update().get(pk=payment.pk, organisation=organisation)
    if status == payment.status:
        return payment
    if status not in PAYMENT_ORDER or PAYMENT_ORDER.index(status) != PAYMENT_ORDER.index(payment.status) + 1:
        raise ValidationError(f"A payment that is {payment.get_status_display().lower()} cannot become "
                              f"{PaymentStatus(status).label.lower() if status in PAYMENT_ORDER else status}.")
    if status == PaymentStatus.PAID and not (reference or payment.reference).strip():
        raise ValidationError({"reference": "Enter the payment reference."})
    before = payment.status
    payment.status = status
    if status == PaymentStatus.CLAIM_RECEIVED:
        payment.claim_received_at = timezone.now()
    else:
        payment.paid_at = timezone.now()
    if reference.strip():
        payment.reference = reference.strip()[:100]
    if payee.strip():
        payment.payee = payee.strip()[:200]
    payment.save()
    audit_record(organisation=organisation, actor=by, action="payment.status_changed", target=payment,
                 changes={"status": [before, status], "reference": payment.reference})
    return payment
