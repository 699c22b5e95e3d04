"""Panel review: assignments of applications to reviewers, and their scores."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .applications import Application
from .calls import Call, Criterion


class ConflictKind(models.TextChoices):
    NONE = "", "None"
    AUTOMATIC = "automatic", "Flagged automatically"
    DECLARED = "declared", "Declared by the reviewer"


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", "Not started"
    DRAFT = "draft", "Draft saved"
    SUBMITTED = "submitted", "Submitted"


class Assignment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED)
    conflict = models.CharField(max_length=16, choices=ConflictKind.choices, blank=True, default="")
    conflict_reason = models.CharField(max_length=500, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    no_conflict_declared_at = models.DateTimeField(
        "declared no conflict of interest at", null=True, blank=True,
        help_text="The reviewer declares no conflict (or a conflict) before any score is accepted.")
    moderated_note = models.TextField(blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="unique_assignment")]

    def __str__(self):
        return f"Review of {self.application.domain}"

    @property
    def is_conflicted(self):
        return bool(self.conflict)


class Score(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=5000)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="unique_score")]
