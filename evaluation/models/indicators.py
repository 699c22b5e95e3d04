"""Value cycles per programme, the organisation's library of suggested indicators, and the indicators a
community chooses for itself with their values (``../shared/docs/evaluation.md``, "Community-defined
indicators"; brochure ``000_…``, "Developing Feedback": feedback is self-generated)."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from ..rules import COMPUTED_MEASURES, CYCLE_SET_CHOICES, FIVE_CYCLES


class ProgrammeEvaluation(models.Model):
    """How a programme is evaluated: its set of value cycles (the five by default; the 2020 set on demand)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.OneToOneField("programmes.Programme", on_delete=models.CASCADE, related_name="evaluation")
    cycle_set = models.CharField("value cycles", max_length=8, choices=CYCLE_SET_CHOICES, default=FIVE_CYCLES)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    def __str__(self):
        return f"Evaluation of programme {self.programme_id}"


class Frequency(models.TextChoices):
    MEETING = "meeting", "At every meeting"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every quarter"
    YEARLY = "yearly", "Every year"
    ONCE = "once", "Once, or when it happens"


COMPUTED_CHOICES = [("", "Recorded by hand")] + [(key, label) for key, label, _ in COMPUTED_MEASURES]


class SuggestedIndicator(models.Model):
    """An indicator the organisation suggests for a cycle: editable seed data, created from
    :data:`evaluation.rules.DEFAULT_INDICATORS` on first use; retired rather than deleted so communities'
    choices keep their origin."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    cycle = models.CharField("value cycle", max_length=16)
    name = models.CharField(max_length=200)
    how_measured = models.TextField("how it is measured", blank=True, max_length=2000)
    computed = models.CharField("where the values come from", max_length=24, choices=COMPUTED_CHOICES, blank=True,
                                default="")
    retired = models.BooleanField(default=False, help_text="Retired indicators are no longer offered.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["cycle", "name", "id"]

    def __str__(self):
        return self.name


class CommunityIndicator(models.Model):
    """What a community chose to pay attention to in a cycle, how it is measured and how often. Values of a
    computed indicator come from the platform (never typed in)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="indicators")
    suggested = models.ForeignKey(SuggestedIndicator, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="chosen_by")
    cycle = models.CharField("value cycle", max_length=16)
    name = models.CharField(max_length=200)
    how_measured = models.TextField("how it is measured", blank=True, max_length=2000)
    frequency = models.CharField("how often", max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY)
    computed = models.CharField("where the values come from", max_length=24, choices=COMPUTED_CHOICES, blank=True,
                                default="")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["cycle", "name", "id"]
        indexes = [models.Index(fields=["community", "cycle"])]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """A value recorded by hand for a community's indicator."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(CommunityIndicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.value} on {self.date}"
