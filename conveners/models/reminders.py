"""Reminders of the review deadline: one row per reviewer and step, and one per manager's digest.

The row is written before its e-mail, in the same transaction, and is unique: a retried or doubled sweep
finds the row and sends nothing again (see :mod:`conveners.services.reminders`).
"""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .calls import Call


class ReminderKind(models.TextChoices):
    REVIEWER = "reviewer", "Reminder to a reviewer"
    DIGEST = "digest", "Digest of late reviews for the managers"


class ReviewReminder(models.Model):
    """``step``: for a reviewer, the days before the deadline the reminder is for (7, 1); for a digest,
    the days past the deadline it was sent (1 on the day after). A digest has no reviewer."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="review_reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices, default=ReminderKind.REVIEWER)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    step = models.SmallIntegerField()
    unfinished = models.PositiveSmallIntegerField(default=0, help_text="Unfinished reviews it named.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", help_text="The manager who asked for a digest.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer", "step"], condition=models.Q(kind="reviewer"),
                                    name="unique_review_reminder_per_step"),
            models.UniqueConstraint(fields=["call", "step"], condition=models.Q(kind="digest"),
                                    name="unique_review_digest_per_day"),
            models.CheckConstraint(condition=models.Q(kind="digest", reviewer__isnull=True)
                                   | models.Q(kind="reviewer", reviewer__isnull=False),
                                   name="review_reminder_has_reviewer_unless_digest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.step})"
