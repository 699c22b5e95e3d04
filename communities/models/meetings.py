"""Meetings, attendance, the practice exchange, the momentum plan's actions, e-mail preferences."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .community import Community


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
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="Calendar revision (iCalendar SEQUENCE).")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Last change (calendar feeds' Last-Modified).")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["community", "starts_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="meeting_ends_after_it_starts")]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


class MeetingAnswer(models.TextChoices):
    YES = "yes", "Yes, I am coming"
    MAYBE = "maybe", "Maybe"
    NO = "no", "No, I cannot come"


class MeetingResponse(models.Model):
    """Whether a member says they are coming to a meeting (they may change their mind)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=8, choices=MeetingAnswer.choices)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="unique_meeting_response")]


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
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
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
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
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
    arrival_emails = models.BooleanField("e-mails to conveners when someone asks to join or accepts", default=True)
    notification_emails = models.BooleanField(
        "e-mails about activity in my communities", default=True,
        help_text="Off: only essential e-mails (invitations, decisions, security), whatever each community's choice.")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_notification_pref")]
