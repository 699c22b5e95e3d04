"""Cross-community events ("Basecamps"): several communities of the organisation meet, their members are
invited, say whether they are coming, and afterwards the host records who came and notes.

Domain (``../shared/docs/domain.md``, "Support offered by the host"; seed ``003_…``, the Co-Creation
Network booklet): the host "runs Basecamps (events where several communities meet)"; "Basecamp One gave
these emerging Communities a chance to meet in person".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


class Event(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=10000)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    place = models.CharField(max_length=300, blank=True, help_text="Where people meet face to face, if they do.")
    online_link = models.URLField("online link", max_length=500, blank=True,
                                  help_text="A Teams or Zoom link, if people join online.")
    communities = models.ManyToManyField("communities.Community", related_name="events",
                                         help_text="The communities that meet at the event.")
    programme = models.ForeignKey("programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="events")
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
        indexes = [models.Index(fields=["organisation", "starts_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="event_ends_after_it_starts")]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def get_absolute_url(self):
        return reverse("programmes:event", kwargs={"org": self.organisation.slug, "event_id": self.pk})


class EventAnswer(models.TextChoices):
    YES = "yes", "Yes, I am coming"
    MAYBE = "maybe", "Maybe"
    NO = "no", "No, I cannot come"


class EventInvitation(models.Model):
    """One person invited to an event (a member of one of its communities, once however many of them they
    belong to): their answer, and afterwards whether they came."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=8, choices=EventAnswer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(default=False)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]
        # The counts on the lists (invited, coming, came) read only this index.
        indexes = [models.Index(fields=["event", "organisation", "answer", "attended"], name="event_invitation_counts")]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="event_invitation_once_per_person")]

    def __str__(self):
        return f"{self.user} to {self.event}"
