"""Core records shared by the apps: outgoing e-mail as rows with a status, the mail server's health, the
audit trail, files built in the background."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class OutgoingEmail(models.Model):
    """An e-mail that must be sent exactly once. The row is the source of truth: a task claims it by a
    conditional update, sends it, and marks it sent; a periodic sweep re-enqueues what is due (the
    broker may have been down when it was queued). ``key`` makes queueing idempotent: queueing the same
    message twice (a double click, a retry) yields one row and one e-mail.

    The row holds its own retry state (``attempts``, ``next_attempt_at``, ``failure_reason``): Celery's
    retry count is not trusted, because a sweep that re-enqueues a row starts it again. Rows with a
    ``composer`` keep no body: it is built when the mail is sent (see :mod:`cop_platform.email`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200, help_text="Idempotency key, unique per organisation.")
    kind = models.CharField(max_length=80, blank=True, help_text="What sort of e-mail, e.g. conveners.confirmation")
    triggered_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", help_text="The person whose action caused the e-mail.")
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True,
                               help_text="Extra headers (List-Unsubscribe) of a stored e-mail")
    composer = models.CharField(max_length=80, blank=True, help_text="Registered composer building the content")
    ref_id = models.CharField(max_length=64, blank=True, help_text="The record the composer reads")
    status = models.CharField(max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    failure_reason = models.CharField(max_length=500, blank=True, help_text="The last error, in words")
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="unique_outgoing_email_key")]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due"),
            models.Index(fields=["organisation", "triggered_by", "created_at"], name="outgoing_email_by_person"),
            models.Index(fields=["organisation", "to", "created_at"], name="outgoing_email_by_address"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.status})"


class OutgoingAttachment(models.Model):
    """A file sent with an :class:`OutgoingEmail` (a meeting's ``.ics``), stored with the row so the
    mail is complete whenever it is sent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()

    objects = ScopedManager(organisation="organisation")

    def __str__(self):
        return self.filename


class MailServerStatus(models.Model):
    """One global row: whether the mail server last answered as it should. A server fault (SMTP 535,
    connection refused) is recorded here by the sender and cleared by the next successful send;
    ``/healthz`` reports it and organisation admins see a banner while it lasts."""

    ok = models.BooleanField(default=True)
    reason = models.CharField(max_length=500, blank=True)
    since = models.DateTimeField(null=True, blank=True, help_text="When the current fault began")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "mail server status"

    def __str__(self):
        return "ok" if self.ok else self.reason


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
        indexes = [models.Index(fields=["organisation", "target_type", "target_id"]),
                   # The trail page reads an organisation's events newest first from a position (keyset).
                   models.Index(fields=["organisation", "-created_at", "-id"], name="audit_trail_order")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    BUILDING = "building", "Building"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class BuildStorage(FileSystemStorage):
    """Generated files live in a private folder (``CONVENE_BUILDS_ROOT``), outside anything served by URL:
    only :func:`cop_platform.builds.views.build_download` reads them, after a permission check."""

    @property
    def base_location(self):
        return str(settings.CONVENE_BUILDS_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Generated files have no public URL; use the download view.")


_build_storage = BuildStorage()


def build_storage():
    """The storage of :class:`Build` files (a callable, so migrations name it rather than copy it)."""
    return _build_storage


def build_upload_to(instance, filename):
    from pathlib import PurePath

    ext = PurePath(filename).suffix.lower()[:10]
    return f"{instance.organisation_id}/{uuid.uuid4().hex}{ext}"


class Build(models.Model):
    """A file made in the background (a PDF, a zip of PDFs) for a registered builder (``kind``), about one
    record (``target_type`` + ``target_id``). The row is the source of truth: the task claims it by a
    conditional update (queued → building), the page polls its status and progress, the download view
    serves its file after asking the builder whether this person may have it. "Rebuild" makes a new row;
    old rows stay as the history of who asked for what."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=80, help_text="The registered builder, e.g. conveners.application_dossier")
    target_type = models.CharField(max_length=80, help_text="What the file is about, e.g. conveners.application")
    target_id = models.PositiveBigIntegerField()
    requested_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    status = models.CharField(max_length=16, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0 to 100")
    progress_text = models.CharField(max_length=200, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True, help_text="Why it failed, in words")
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=build_storage, upload_to=build_upload_to, blank=True, max_length=200)
    filename = models.CharField(max_length=200, blank=True, help_text="The name the download is given")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "kind", "target_id", "-created_at"], name="build_latest"),
            models.Index(fields=["status", "created_at"], name="build_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="build_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.target_id} ({self.status})"

    @property
    def finished(self):
        return self.status in (BuildStatus.READY, BuildStatus.FAILED)


class Notification(models.Model):
    """Something a person should know about in one organisation: a reply to their thread, a mention, a new
    thread, a join request, a decision. Written by :func:`cop_platform.notifications.notify` only, one row
    per recipient; the inbox at ``/<org>/notifications/`` lists them. ``community_id`` names the community
    it concerns (no foreign key: the core knows no feature app) so a person's per-community e-mail choice
    can apply; ``text`` is plain text (escaped when shown) and ``url`` a path inside the site."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=80, help_text="The registered kind, e.g. conversations.reply")
    community_id = models.PositiveBigIntegerField(null=True, blank=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_mode = models.CharField(max_length=12, blank=True,
                                  help_text="How it is e-mailed, decided when it is written: now, digest or none")
    emailed_at = models.DateTimeField(null=True, blank=True, help_text="When it went by e-mail (alone or in a digest)")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_mode", "emailed_at"], name="notification_email"),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}: {self.text[:40]}"
