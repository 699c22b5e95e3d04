"""Value-creation stories and the post-meeting pulse that seeds them (``../shared/docs/evaluation.md``,
"Stories" and "Instruments"; brochure ``000_…`` "Telling Stories"; the story spines of seed ``004_…``).

A story is told step by step, each step tagged with its cycle by its narrator; an evaluator may re-code a
step's cycle in a field of their own, so the narrator's tag is never overwritten (Dingyloudi & Strijbos
2015). A pulse answer with something the person plans to try starts a story seed: a draft story with one
aspirational step, followed up about six weeks later.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .. import rules
from .evidence import Consent, Evidence


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SHARED = "shared", "Shared with the community"
    APPROVED = "approved", "Approved for reports"


class EvidenceStatus(models.TextChoices):
    SELF_REPORTED = "self_reported", "Self-reported"
    CORROBORATED = "corroborated", "Corroborated"
    VERIFIED = "verified", "Verified"


class Takeaway(models.TextChoices):
    IDEA = "idea", "An idea"
    TOOL = "tool", "A tool"
    CONTACT = "contact", "A contact"
    CONFIDENCE = "confidence", "Confidence"


class ValueCreationStory(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="stories")
    meeting = models.ForeignKey("communities.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", help_text="The meeting a story seed came from.")
    narrator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    form = models.CharField(max_length=8, choices=rules.STORY_FORMS, default=rules.FORM_STEPS)
    status = models.CharField(max_length=12, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    consent = models.CharField("may be used", max_length=16, choices=Consent.choices, blank=True,
                               help_text="Given by the narrator; blank when not given or withdrawn.")
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "value-creation stories"
        indexes = [models.Index(fields=["community", "status"]), models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return self.title

    def usable_for(self, use):
        return rules.story_usable_for(self.status, self.consent, use)


class StoryStep(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(ValueCreationStory, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    spine_part = models.CharField(max_length=16, blank=True, choices=rules.SPINE_CHOICES)
    text = models.TextField(max_length=rules.MAX_STEP_TEXT)
    cycle = models.CharField("value cycle (the narrator's)", max_length=16, blank=True)
    recoded_cycle = models.CharField("value cycle (the evaluator's re-coding)", max_length=16, blank=True)
    recoded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    aspirational = models.BooleanField(default=False, help_text="An intended ending, not yet achieved.")
    evidence_status = models.CharField(max_length=16, choices=EvidenceStatus.choices,
                                       default=EvidenceStatus.SELF_REPORTED)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="story_steps")
    indicator_values = models.ManyToManyField("evaluation.IndicatorValue", blank=True, related_name="story_steps",
                                              help_text="Values of the community's indicators that corroborate "
                                                        "the step (cumulative evidence).")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]

    @property
    def effective_cycle(self):
        return rules.effective_cycle(self.cycle, self.recoded_cycle)

    @property
    def cycle_info(self):
        return rules.cycle(self.cycle)

    @property
    def recoded_info(self):
        return rules.cycle(self.recoded_cycle)

    @property
    def spine_label(self):
        return rules.SPINE_LABELS.get(self.spine_part, "")


class PulseAnswer(models.Model):
    """One member's answer to the post-meeting pulse: one per member per meeting, editable until the
    follow-up is sent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey("communities.Meeting", on_delete=models.CASCADE, related_name="pulse_answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    worth_time = models.PositiveSmallIntegerField("worth my time",
                                                  validators=[MinValueValidator(1), MaxValueValidator(5)])
    could_contribute = models.PositiveSmallIntegerField("I could contribute",
                                                        validators=[MinValueValidator(1), MaxValueValidator(5)])
    takeaway = models.CharField("one thing I'm taking away", max_length=12, choices=Takeaway.choices, blank=True)
    connection = models.CharField("a useful new connection", max_length=200, blank=True,
                                  help_text="With whom: their organisation or profession, not their name.")
    plan = models.TextField("something I plan to try", max_length=rules.MAX_PLAN, blank=True)
    follow_up_consent = models.BooleanField("may we ask you in about six weeks how it went", default=False)
    story = models.OneToOneField(ValueCreationStory, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="pulse_answer")
    follow_up_queued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="unique_pulse_answer")]
        indexes = [models.Index(fields=["follow_up_consent", "follow_up_queued_at", "created_at"])]
