"""Invitations to a community and requests to join one."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .community import Community, MapEntry
from .membership import MembershipRole


class InvitationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    FAILED = "failed", "Failed"
    REVOKED = "revoked", "Revoked"


# An address may hold one open invitation to a community at a time.
OPEN_INVITATION_STATUSES = (InvitationStatus.QUEUED, InvitationStatus.SENDING, InvitationStatus.SENT,
                            InvitationStatus.FAILED)
# A link works only while the invitation is waiting for an answer.
ANSWERABLE_STATUSES = (InvitationStatus.SENDING, InvitationStatus.SENT)


class Invitation(models.Model):
    """A personal invitation to join a community, sent by e-mail with a link ``/invitations/<token>/``.

    The token is never stored: only its SHA-256 hash. Each e-mail (first send, resend, reminder) is an
    outbox row whose composer issues a fresh token when it is sent, so only the newest link works (a
    reminder keeps the one before working too). Status machine, following the outbox row::

        queued -> sending -> sent -> accepted | declined | expired
                         +-> failed (reason)      queued|sent|failed -> revoked
        sending -> queued (the row will be tried again)     sent|failed|expired -> queued (resend)

    See :mod:`communities.services.invitation_mail`.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("e-mail address")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    message = models.TextField(max_length=5000)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.QUEUED)
    failure_reason = models.CharField(max_length=500, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    previous_token_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                           help_text="The link of the e-mail before a reminder keeps working.")
    send_count = models.PositiveIntegerField(default=0, help_text="E-mails sent for this invitation.")
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    map_entry = models.ForeignKey(MapEntry, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="invitations")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "email"], condition=models.Q(status__in=OPEN_INVITATION_STATUSES),
                name="unique_open_invitation",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return f"Invitation to {self.community} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status in OPEN_INVITATION_STATUSES

    @property
    def can_resend(self):
        return self.status in (InvitationStatus.SENT, InvitationStatus.FAILED, InvitationStatus.EXPIRED)

    @property
    def can_revoke(self):
        return self.status in OPEN_INVITATION_STATUSES


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(models.Model):
    """Someone in the organisation asks to join a community that is open to join requests."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField("why you would like to join", blank=True, max_length=2000)
    status = models.CharField(max_length=16, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    invite_link = models.ForeignKey("communities.InviteLink", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="join_requests", help_text="The open link they asked through.")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], condition=models.Q(status="pending"),
                                    name="unique_pending_join_request"),
        ]

    def __str__(self):
        return f"Request to join {self.community} ({self.get_status_display()})"
