"""Programmes a host runs: a CoP support programme (its calls, communities and funded conveners) or a
cohort programme such as the CoP Leadership Development Programme (sessions, participants, groups).

Domain (``../shared/docs/domain.md``, "Support offered by the host", "Leadership development programme"):
a cohort programme has a welcome session, modules each over two half-day sessions, drop-in coaching clinics,
co-consulting sessions in small groups and a celebration event; entry is by application, free, to a limited
number of places (28 in the 2023–24 programme).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

DEFAULT_PLACES = 28  # programme report (seed 004): "28 places, free"


class ProgrammeKind(models.TextChoices):
    SUPPORT = "support", "CoP support programme: calls for conveners, funded communities"
    COHORT = "cohort", "Cohort programme: sessions, participants, co-consulting groups"


class Programme(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=16, choices=ProgrammeKind.choices, default=ProgrammeKind.SUPPORT)
    summary = models.TextField(blank=True, max_length=10000,
                               help_text="What the programme offers and to whom.")
    starts_on = models.DateField("starts on", null=True, blank=True)
    ends_on = models.DateField("ends on", null=True, blank=True)
    places = models.PositiveIntegerField(
        "places", default=DEFAULT_PLACES,
        help_text="For a cohort programme: how many participants it can take.")
    applications_open_until = models.DateField(
        "applications open until", null=True, blank=True,
        help_text="For a cohort programme: the last day people can apply (UK time). Empty: closed.")
    communities = models.ManyToManyField("communities.Community", blank=True, related_name="programmes",
                                         help_text="Communities the programme supports.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="programme_slug_unique_per_org"),
            models.CheckConstraint(condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
                                   | models.Q(ends_on__gte=models.F("starts_on")),
                                   name="programme_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_cohort(self):
        return self.kind == ProgrammeKind.COHORT

    def accepts_applications(self, today):
        """A cohort programme takes applications up to and including its ``applications_open_until`` day."""
        return self.is_cohort and self.applications_open_until is not None and today <= self.applications_open_until

    def get_absolute_url(self):
        return reverse("programmes:programme", kwargs={"org": self.organisation.slug, "slug": self.slug})


class ParticipantStatus(models.TextChoices):
    SELECTED = "selected", "Taking part"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Participant(models.Model):
    """A person taking part in a cohort programme. Made by the manager's selection of an application (or
    added by hand); the portal, attendance and co-consulting groups are theirs."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    employer = models.CharField("employer", max_length=200, blank=True,
                                help_text="The organisation they work for.")
    role_title = models.CharField("role", max_length=200, blank=True, help_text="Their job or professional role.")
    community = models.ForeignKey("communities.Community", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text="Their community, where it is on Convene.")
    status = models.CharField(max_length=16, choices=ParticipantStatus.choices, default=ParticipantStatus.SELECTED)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["programme", "user__last_name", "user__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="participant_once_per_programme"),
        ]

    def __str__(self):
        return f"{self.user} in {self.programme}"
