"""Applications to a call, with their lead and co-leads."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import MemberOrganisation, Organisation

from .calls import Call


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Decision(models.TextChoices):
    FUNDED = "funded", "Funded"
    SUPPORTED = "supported", "Supported without funding"
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"
    RESERVE = "reserve", "Reserve"
    DECLINED = "declined", "Award declined"


class Application(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    domain = models.CharField(max_length=200, blank=True)
    sponsor_organisation = models.CharField("sponsoring organisation", max_length=200, blank=True)
    sponsor_name = models.CharField("sponsor contact's name", max_length=200, blank=True)
    sponsor_email = models.EmailField("sponsor contact's e-mail", blank=True)
    sponsor_token_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                          help_text="Hash of the sponsor's confirmation link (never the link).")
    sponsor_token_expires_at = models.DateTimeField(null=True, blank=True)
    sponsor_confirmed_at = models.DateTimeField(null=True, blank=True)
    passion = models.TextField("your passion and the domain, in draft", max_length=10000, blank=True)
    core_group = models.TextField("the initial core group you would invite", max_length=10000, blank=True)
    ways_of_working = models.TextField("how you would work", max_length=10000, blank=True)
    support_wanted = models.TextField("the support you want", max_length=10000, blank=True)
    status = models.CharField(max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    community = models.ForeignKey("communities.Community", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text="The community this application convenes.")
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.domain} ({self.call})"

    def get_absolute_url(self):
        return reverse("conveners:application", kwargs={"org": self.organisation.slug, "call": self.call.slug,
                                                         "application": self.pk})


class Sector(models.TextChoices):
    NHS = "nhs", "NHS"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    ACADEMIA = "academia", "Academia"
    INDUSTRY = "industry", "Industry"
    THIRD_SECTOR = "third_sector", "Third sector"


class Lead(models.Model):
    """The lead (position 0) or a co-lead of an application."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="leads")
    is_lead = models.BooleanField(default=False)
    name = models.CharField(max_length=200)
    email = models.EmailField("e-mail")
    job_title = models.CharField("job title", max_length=200, blank=True)
    employer = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    member_organisation = models.ForeignKey(MemberOrganisation, null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="+",
                                            help_text="Set when the employer is one of the host's member "
                                                      "organisations.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                  help_text="Hash of the co-lead's confirmation link (never the link).")
    token_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True, help_text="The co-lead said they do not co-lead.")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-is_lead", "pk"]
        constraints = [
            # Decision 2: one lead per application, the rest are co-leads.
            models.UniqueConstraint(fields=["application"], condition=models.Q(is_lead=True),
                                    name="one_lead_per_application",
                                    violation_error_message="An application has one lead; the others are co-leads."),
        ]

    def __str__(self):
        return self.name

    @property
    def works_in_member_organisation(self):
        return self.member_organisation_id is not None
