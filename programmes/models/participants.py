"""Applications to a cohort programme (the CoP Leadership Development Programme) and the support their
line manager and employer sponsor confirm by e-mailed link.

Programme report (seed 004): "Following an application process, the programme was offered (free of
charge) to 28 participants"; "Applicants needed to demonstrate the support and commitment of their
employing organisation and line manager"; "Priority was given to applicants who were aspiring to lead a
Community of Practice that indicated transformational system improvement goals and spanned traditional
professional and organisational boundaries"; "Those taking part committed to convening approximately three
or four meetings over the course of the programme".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .programmes import Programme

SUPPORTERS = ("line_manager", "sponsor")  # field prefixes of the two people who confirm their support
SUPPORTER_LABELS = {"line_manager": "line manager", "sponsor": "employer sponsor"}


class CohortApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SELECTED = "selected", "Selected"
    NOT_SELECTED = "not_selected", "Not selected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CohortApplication(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohort_applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    employer = models.CharField("your employer", max_length=200, help_text="The organisation you work for.")
    role_title = models.CharField("your role", max_length=200, help_text="Your job or professional role.")
    cop_title = models.CharField("your Community of Practice: its title", max_length=200,
                                 help_text="The community you lead or mean to start.")
    cop_idea = models.TextField("your Community of Practice idea", max_length=10000,
                                help_text="What it is for, who it brings together, and the change it aims at.")
    spans_organisations = models.BooleanField("spans organisational boundaries", default=False)
    spans_organisations_how = models.TextField("how it spans organisations", max_length=2000, blank=True)
    spans_professions = models.BooleanField("spans professional boundaries", default=False)
    spans_professions_how = models.TextField("how it spans professions", max_length=2000, blank=True)
    commits_to_convene = models.BooleanField("commitment to convene three or four meetings", default=False)

    line_manager_name = models.CharField("line manager's name", max_length=200)
    line_manager_email = models.EmailField("line manager's e-mail")
    line_manager_token_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                               help_text="Hash of the line manager's link (never the link).")
    line_manager_token_expires_at = models.DateTimeField(null=True, blank=True)
    line_manager_confirmed_at = models.DateTimeField(null=True, blank=True)
    line_manager_declined_at = models.DateTimeField(null=True, blank=True)

    sponsor_name = models.CharField("employer sponsor's name", max_length=200)
    sponsor_email = models.EmailField("employer sponsor's e-mail")
    sponsor_token_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                          help_text="Hash of the employer sponsor's link (never the link).")
    sponsor_token_expires_at = models.DateTimeField(null=True, blank=True)
    sponsor_confirmed_at = models.DateTimeField(null=True, blank=True)
    sponsor_declined_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(max_length=16, choices=CohortApplicationStatus.choices,
                              default=CohortApplicationStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "applicant"],
                                    condition=~models.Q(status="withdrawn"),
                                    name="one_live_cohort_application_per_person",
                                    violation_error_message="You already have an application to this programme."),
        ]

    def __str__(self):
        return f"{self.cop_title} ({self.programme})"

    def get_absolute_url(self):
        return reverse("programmes:cohort_application", kwargs={
            "org": self.organisation.slug, "programme": self.programme.slug, "cohort_application": self.pk})

    def confirmed(self, who):
        return getattr(self, f"{who}_confirmed_at") is not None

    def declined(self, who):
        return getattr(self, f"{who}_declined_at") is not None

    @property
    def fully_confirmed(self):
        return all(self.confirmed(who) for who in SUPPORTERS)

    @property
    def supporters(self):
        """``(key, label, name, email, confirmed_at, declined_at)`` of the two supporters, for pages."""
        return [(who, SUPPORTER_LABELS[who], getattr(self, f"{who}_name"), getattr(self, f"{who}_email"),
                 getattr(self, f"{who}_confirmed_at"), getattr(self, f"{who}_declined_at")) for who in SUPPORTERS]
