"""Core records shared by the apps: outgoing e-mail as rows with a status."""

from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutgoingEmail(models.Model):
    """An e-mail that must be sent exactly once. The row is the source of truth: a task claims it by a
    conditional update, sends it, and marks it sent; a periodic sweep re-enqueues what is stuck (the
    broker may have been down when it was queued). ``key`` makes queueing idempotent: queueing the same
    message twice (a double click, a retry) yields one row and one e-mail."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200, help_text="Idempotency key, unique per organisation.")
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    failure_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="unique_outgoing_email_key")]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.status})"


class AuditEvent(models.Model):
    """Who did what to which record, and when: every state change of an application, every score,
    decision and payment, every role change. Written by :func:`cop_platform.audit.audit_record` only;
    never edited. Organisation admins read it at ``/<org>/audit/``."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=80, help_text="Dotted name, e.g. application.submitted")
    target_type = models.CharField(max_length=80, blank=True, help_text="app_label.model of the record")
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=250, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"
