"""The readiness questionnaire: a host asks prospective members their improvement questions, which CoP
opportunities interest them and the benefits they imagine (Co-Creation booklet, seed 003; domain.md,
"readiness questionnaire"). Anyone holding its link answers, with no account and no personal data.

A response keeps one :class:`Answer` row per free-text answer and one per chosen choice, so the counts per
opportunity are one grouped query whatever the number of responses.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from ..rules_questionnaire import MAX_ANSWER, MAX_CHOICE, MAX_INTRODUCTION, MAX_QUESTION, MAX_TITLE


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"


class QuestionKind(models.TextChoices):
    TEXT = "text", "Free text"
    ONE = "one", "One choice"
    SEVERAL = "several", "Several choices"


class Questionnaire(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey("programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="questionnaires", help_text="The programme it is for, if any.")
    title = models.CharField("title", max_length=MAX_TITLE)
    introduction = models.TextField("introduction", blank=True, max_length=MAX_INTRODUCTION,
                                    help_text="What the people answering read first: who asks, and why.")
    status = models.CharField(max_length=16, choices=QuestionnaireStatus.choices,
                              default=QuestionnaireStatus.DRAFT)
    # The link's secret part (192 random bits): unguessable, not personal data, and shown again to staff
    # whenever they copy the link, so it is stored as it is (an invitation's token, by contrast, is a hash).
    public_token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status == QuestionnaireStatus.OPEN

    def get_absolute_url(self):
        return reverse("programmes:questionnaire", kwargs={"org": self.organisation.slug,
                                                           "questionnaire_id": self.pk})

    def get_public_url(self):
        return reverse("questionnaire_public:answer", kwargs={"public_token": self.public_token})


class Question(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField("question", max_length=MAX_QUESTION)
    kind = models.CharField("kind of answer", max_length=16, choices=QuestionKind.choices,
                            default=QuestionKind.TEXT)
    required = models.BooleanField("an answer is required", default=False)
    order = models.PositiveIntegerField(default=0)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        return self.kind in (QuestionKind.ONE, QuestionKind.SEVERAL)


class Choice(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=MAX_CHOICE)
    order = models.PositiveIntegerField(default=0)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class Response(models.Model):
    """One person's answers, anonymous: nothing says who sent it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField()

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["questionnaire", "submitted_at"], name="q_response_by_time")]


class Answer(models.Model):
    """A free-text answer (``text``) or one chosen choice (``choice``); a several-choices answer is one row
    per choice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True, max_length=MAX_ANSWER)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["response", "question", "id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "choice"], name="answer_choice_once",
                                    condition=models.Q(choice__isnull=False)),
            models.UniqueConstraint(fields=["response", "question"], name="answer_text_once",
                                    condition=models.Q(choice__isnull=True)),
            models.CheckConstraint(condition=models.Q(choice__isnull=True) | models.Q(text=""),
                                   name="answer_text_or_choice"),
        ]
