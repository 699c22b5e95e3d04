"""A community of practice: its Domain, Practice and Community, and the people in it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


class CommunityStatus(models.TextChoices):
    FORMING = "forming", "Forming"
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    CLOSED = "closed", "Closed"


class Visibility(models.TextChoices):
    LISTED = "listed", "Listed in the organisation's directory"
    UNLISTED = "unlisted", "Unlisted: only members and host staff see it"


class Community(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    domain_statement = models.TextField(
        "domain", blank=True, help_text="What do we care about? The field of inquiry and purpose."
    )
    status = models.CharField(max_length=16, choices=CommunityStatus.choices, default=CommunityStatus.FORMING)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.LISTED)
    practice = models.TextField(
        "named practices", blank=True, max_length=10000,
        help_text="What do we do? The practices we explore together, one a line.")
    repertoire = models.TextField(
        "shared repertoire", blank=True, max_length=10000,
        help_text="Experiences, stories, tools and cases we have built up and share.")
    who_else = models.TextField(
        "who else needs to be here", blank=True, max_length=5000,
        help_text="Organisations, professions or people the community still needs.")
    reflection_identity = models.TextField(
        "identity", blank=True, max_length=5000,
        help_text="What are we trying to achieve? What do we value? Who are we together?")
    reflection_information = models.TextField(
        "information", blank=True, max_length=5000,
        help_text="What information do we have and need? Who has it? What are the indicators of success? Who decides?")
    reflection_relationship = models.TextField(
        "relationship", blank=True, max_length=5000,
        help_text="Who has influence? Do we have access to each other? Who will be affected? Who else needs to be "
                  "here? How do we want to work together?")
    startup_ticks = models.JSONField(
        "start-up steps ticked by hand", default=list, blank=True,
        help_text="Keys of start-up steps a convener marked done where the app cannot tell.")
    open_to_join = models.BooleanField(
        "open to join requests", default=False,
        help_text="People in the organisation may ask to join; otherwise it is by invitation only.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unique_community_slug"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_listed(self):
        return self.visibility == Visibility.LISTED

    def get_absolute_url(self):
        return reverse("communities:home", kwargs={"org": self.organisation.slug, "slug": self.slug})


class DomainVersion(models.Model):
    """One version of the domain statement: the domain evolves, drafted by the convener and then co-defined
    by the core group, and its history is part of the community's story."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="domain_versions")
    text = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Domain of {self.community_id} at {self.created_at:%Y-%m-%d %H:%M}"


class MembershipRole(models.TextChoices):
    CONVENER = "convener", "Convener"
    CO_CONVENER = "co_convener", "Co-convener"
    CORE_GROUP = "core_group", "Core group"
    MEMBER = "member", "Member"


CONVENING_ROLES = (MembershipRole.CONVENER, MembershipRole.CO_CONVENER)


class WorkingRole(models.TextChoices):
    """The core group's shared running of the community (FAQ §10: agendas, notes, communication)."""

    FACILITATOR = "facilitator", "Facilitator"
    NOTE_TAKER = "note_taker", "Note-taker"
    COMMUNICATIONS = "communications", "Communications"
    ONLINE_PRESENCE = "online_presence", "Online presence"
    WEAVER = "weaver", "Weaver"


class Sector(models.TextChoices):
    NHS_ACUTE = "nhs_acute", "NHS acute care"
    NHS_PRIMARY = "nhs_primary", "NHS primary care"
    NHS_COMMUNITY = "nhs_community", "NHS community and mental health"
    SOCIAL_CARE = "social_care", "Social care"
    LOCAL_GOVERNMENT = "local_government", "Local government"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    ACADEMIC = "academic", "Academia and research"
    INDUSTRY = "industry", "Industry"
    PATIENT_PUBLIC = "patient_public", "Patients and the public"


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    working_role = models.CharField("working role", max_length=20, choices=WorkingRole.choices, blank=True,
                                    default="", help_text="How this person shares the running of the community.")
    employer = models.CharField("organisation", max_length=200, blank=True, help_text="Where you work.")
    profession = models.CharField(max_length=150, blank=True,
                                  help_text="For example nurse, pharmacist, GP, improvement advisor.")
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True, default="")
    role_title = models.CharField("role title", max_length=200, blank=True,
                                  help_text="Your job title, for example Sepsis lead nurse.")
    shares = models.TextField("what I can share", blank=True, max_length=4000,
                              help_text="Experience, tools or stories you could bring to the practice exchange.")
    wants_to_learn = models.TextField("what I want to learn", blank=True, max_length=4000)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["community", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="unique_community_membership"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.community}"

    @property
    def is_convening(self):
        return self.role in CONVENING_ROLES



# --- Community map and invitations -----------------------------------------------------------------


class MapEntry(models.Model):
    """The convener's map of people wanted and needed (FAQ §10 "Map of community members"): the initial
    core group, not the final membership. Invitations are sent from it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="map_entries")
    name = models.CharField(max_length=200)
    email = models.EmailField("e-mail address", blank=True)
    employer = models.CharField("organisation", max_length=200, blank=True)
    why = models.TextField("why they matter", blank=True, max_length=2000)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


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

    The token is never stored: only its SHA-256 hash. Each e-mail (first send, resend, reminder) issues a
    fresh token, so only the newest link works. Status machine::

        queued -> sending -> sent -> accepted | declined | expired
                         +-> failed (reason)      queued|sent|failed -> revoked
        sent|failed|expired -> queued (resend)
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
    reminder_due = models.BooleanField(default=False, help_text="A reminder is waiting to be sent.")
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

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], condition=models.Q(status="pending"),
                                    name="unique_pending_join_request"),
        ]

    def __str__(self):
        return f"Request to join {self.community} ({self.get_status_display()})"


# --- Meetings, the practice exchange and the momentum plan -------------------------------------------


class Meeting(models.Model):
    """A meeting of the community: scheduled with an agenda, recorded afterwards (attendance, notes, the
    practice exchange, actions for the momentum plan)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    place = models.CharField(max_length=300, blank=True, help_text="Where you meet face to face, if you do.")
    call_link = models.URLField("call link", max_length=500, blank=True,
                                help_text="A Teams or Zoom link, if people join by call.")
    agenda = models.TextField(blank=True, max_length=10000)
    notes = models.TextField(blank=True, max_length=20000)
    recorded_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="Calendar revision (iCalendar SEQUENCE).")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["community", "starts_at"])]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="unique_attendance")]


class PracticeExchange(models.Model):
    """What was shared at a meeting: every meeting should include one (FAQ §10)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="practice_exchanges")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="practice_exchanges")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    what = models.CharField("what was shared", max_length=300)
    technical = models.TextField("technical aspects", blank=True, max_length=5000)
    cultural = models.TextField("cultural aspects", blank=True, max_length=5000)
    challenges = models.TextField(blank=True, max_length=5000)
    barriers_overcome = models.TextField("how barriers were overcome", blank=True, max_length=5000)
    missing = models.TextField("what is missing", blank=True, max_length=5000)
    help_needed = models.TextField("help needed", blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.what


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    """A step in the momentum plan: the collective work plan, broken down by month."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    title = models.CharField("action", max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    month = models.DateField(help_text="The first day of the month it is planned for.")
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["month", "id"]
        indexes = [models.Index(fields=["community", "status", "month"])]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """Which non-essential e-mails a person wants from an organisation's communities."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    meeting_emails = models.BooleanField("e-mails about new meetings", default=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_notification_pref")]


# --- Library and learning journal ----------------------------------------------------------------------


def library_upload_to(instance, filename):
    """Stored under MEDIA_ROOT with a random name (the original name is kept on the row); served only
    through the permission-checked download view."""
    import uuid
    from pathlib import PurePath

    ext = PurePath(filename).suffix.lower()[:10]
    return f"communities/{instance.organisation_id}/{instance.community_id}/{uuid.uuid4().hex}{ext}"


class LibraryKind(models.TextChoices):
    LINK = "link", "Link"
    FILE = "file", "File"


class LibraryItem(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="library_items")
    kind = models.CharField(max_length=8, choices=LibraryKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)
    url = models.URLField("web address", max_length=500, blank=True)
    file = models.FileField(upload_to=library_upload_to, blank=True, max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    tags = models.CharField(max_length=300, blank=True, help_text="Comma-separated, lower case.")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def tag_list(self):
        return [t for t in self.tags.split(",") if t]


class JournalEntry(models.Model):
    """The learning journal: dated entries by members — who wrote, what was learnt — visible to the community."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="journal_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entry_date = models.DateField("date")
    title = models.CharField(max_length=200)
    learnt = models.TextField("what I learnt", max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-entry_date", "-id"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return self.title
