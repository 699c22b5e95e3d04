"""The coaching and support record of conveners, and their interviews."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .applications import Application


class SupportKind(models.TextChoices):
    COACHING = "coaching", "Coaching"
    MEETING_DESIGN = "meeting_design", "Help designing meetings"
    ONLINE_PRESENCE = "online_presence", "Online presence"
    ADMINISTRATION = "administration", "Administrative support"
    OTHER = "other", "Other"


class SupportSession(models.Model):
    """Support given to a funded or supported convener (FAQ §8, §11; decision 8): the record that shows
    the host keeps its promise of administrative and coaching support."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="support_sessions")
    held_on = models.DateField("date")
    kind = models.CharField("kind of support", max_length=20, choices=SupportKind.choices, default=SupportKind.COACHING)
    coach = models.CharField("coach or supporter", max_length=200)
    sessions = models.PositiveSmallIntegerField("number of sessions", default=1)
    topics = models.TextField("topics covered", max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.coach} on {self.held_on:%-d %B %Y}"


class ConvenerProfile(models.Model):
    """A convener's answers to the brochure's interview questions, for the brochure export."""

    QUESTIONS = (
        ("about", "Tell us about yourself"),
        ("motivation", "What motivated you to convene a community of practice?"),
        ("achievement", "What is your biggest achievement?"),
        ("one_thing", "If your community of practice achieves just one thing, what would it be?"),
        ("nhs_change", "How will it change the way the NHS operates?"),
    )

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    about = models.TextField(QUESTIONS[0][1], max_length=3000, blank=True)
    motivation = models.TextField(QUESTIONS[1][1], max_length=3000, blank=True)
    achievement = models.TextField(QUESTIONS[2][1], max_length=3000, blank=True)
    one_thing = models.TextField(QUESTIONS[3][1], max_length=3000, blank=True)
    nhs_change = models.TextField(QUESTIONS[4][1], max_length=3000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_convener_profile")]

    def __str__(self):
        return f"Interview: {self.user}"

    @property
    def answers(self):
        return [(label, getattr(self, name)) for name, label in self.QUESTIONS]
