"""Honorarium payments, in integer pence."""

from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .applications import Application, Lead
from .calls import Call


class PaymentStatus(models.TextChoices):
    APPROVED = "approved", "Approved"
    CLAIM_RECEIVED = "claim_received", "Invoice or claim received"
    PAID = "paid", "Paid"


class HonorariumPayment(models.Model):
    """One person's share of a funded application's honorarium (conveners.md decisions 3, 4, 11)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # PROTECT: money approved or paid is a financial record; deleting a call, an application or a lead
    # never takes its payments with it (a declined award cancels its unpaid payments explicitly).
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="payments")
    payee = models.CharField(max_length=200, help_text="The person, or their employer for backfill.")
    amount_pence = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.APPROVED)
    approved_at = models.DateTimeField(null=True, blank=True)
    claim_received_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "lead"], name="unique_payment_per_lead"),
            # Decision 11: a paid payment has its date and its reference.
            models.CheckConstraint(
                condition=~models.Q(status="paid") | (models.Q(paid_at__isnull=False) & ~models.Q(reference="")),
                name="paid_payment_has_date_and_reference",
                violation_error_message="A paid payment needs the date it was paid and its reference."),
        ]

    def __str__(self):
        return f"Honorarium to {self.payee}: £{self.amount_pence / 100:,.2f}"
