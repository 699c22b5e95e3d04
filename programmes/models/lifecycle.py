"""The lifecycle of a community: its phase moves and its check-ins on the four reflective questions."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from ..rules import OUTCOME_CHOICES, PHASE_CHOICES, outcome, phase


class PhaseMove(models.Model):
    """A move of a community from one phase to another, with who and why (brochure: the phases are
    intertwined, and the record of moves is part of the community's story). The latest is the current phase."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="phase_moves")
    from_phase = models.CharField("from", max_length=16, choices=PHASE_CHOICES)
    to_phase = models.CharField("to", max_length=16, choices=PHASE_CHOICES)
    reason = models.TextField("why", max_length=2000)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    moved_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-moved_at", "-id"]
        indexes = [models.Index(fields=["community", "-moved_at"])]

    def __str__(self):
        return f"{self.from_name} → {self.to_name}"

    @property
    def from_name(self):
        return phase(self.from_phase).name

    @property
    def to_name(self):
        return phase(self.to_phase).name


class CheckIn(models.Model):
    """The community's dated answers to the four reflective questions (a check-in conveners repeat)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField()
    trying_to_do = models.TextField("What are we trying to do?", max_length=5000)
    how = models.TextField("How do we need to do it?", max_length=5000)
    who = models.TextField("Who needs to do it?", max_length=5000)
    how_we_know = models.TextField("How will we know we are doing it?", max_length=5000)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["community", "-date"])]

    def __str__(self):
        return f"Check-in of {self.date:%Y-%m-%d}"


class TransformOutcome(models.Model):
    """What became of a community in Transform (brochure, Phase 5): renewed, split into several, merged with
    another, faded deliberately with a legacy, or institutionalised as a knowledge hub; with the date, who
    recorded it and why. A mistaken outcome is withdrawn (kept, marked) rather than deleted: the record is
    part of the community's story."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE,
                                  related_name="transform_outcomes")
    kind = models.CharField("what became of it", max_length=16, choices=OUTCOME_CHOICES)
    on = models.DateField("date")
    reason = models.TextField("why", max_length=2000)
    legacy = models.TextField(blank=True, max_length=5000,
                              help_text="The toolkit, website, documents or hub the community leaves.")
    status_before = models.CharField(max_length=16, blank=True,
                                     help_text="The community's status before the outcome closed it.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    withdrawn_reason = models.TextField(blank=True, max_length=2000)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["community", "-recorded_at"])]

    def __str__(self):
        return f"{self.kind_name} ({self.on:%Y-%m-%d})"

    @property
    def kind_name(self):
        found = outcome(self.kind)
        return found.name if found else self.kind

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class OutcomeLink(models.Model):
    """A community an outcome links to: each new community of a split ("split from" seen from it), or the
    community a merged one joined ("merged into")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(TransformOutcome, on_delete=models.CASCADE, related_name="links")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="outcome_links")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["outcome", "community"], name="unique_outcome_link")]

    def __str__(self):
        return f"Link of outcome {self.outcome_id} to community {self.community_id}"
