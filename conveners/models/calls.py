"""Calls for conveners: a call (round) with its rubric and review panel."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


class CallStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    UNDER_REVIEW = "under_review", "Under review"
    DECIDED = "decided", "Decided"


class IneligibleShare(models.TextChoices):
    """conveners.md decision 4: what happens to an industry / third-sector co-lead's share."""

    REDISTRIBUTE = "redistribute", "Redistributed to the eligible co-leads"
    WITHHOLD = "withhold", "Withheld (eligible co-leads receive their per-head share only)"


class Call(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    introduction = models.TextField(blank=True)
    eligibility = models.TextField(blank=True)
    faq = models.TextField("FAQ", blank=True)
    opens_at = models.DateTimeField("opens at")
    closes_at = models.DateTimeField("closes at")
    outcome_by = models.DateField("every applicant hears the outcome by")
    funded_places = models.PositiveSmallIntegerField("funded places", default=5)
    honorarium_pence = models.PositiveIntegerField("honorarium per funded domain (pence)", default=500000)
    max_leads = models.PositiveSmallIntegerField("people per application (lead and co-leads)", default=2)
    max_awards_per_person = models.PositiveSmallIntegerField("funded domains per person", default=1)
    ineligible_share = models.CharField(max_length=16, choices=IneligibleShare.choices,
                                        default=IneligibleShare.REDISTRIBUTE)
    suggested_domains = models.TextField("suggested domains", blank=True, help_text="One a line.")
    reviewers_per_application = models.PositiveSmallIntegerField("reviewers per application", default=2)
    status = models.CharField(max_length=16, choices=CallStatus.choices, default=CallStatus.DRAFT)
    programme = models.ForeignKey("programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="calls", help_text="The support programme this call is part of.")
    review_deadline = models.DateField(
        "reviews due by", null=True, blank=True,
        help_text="Reviewers are reminded before it; after it, managers hear who is late.")
    review_reminder_days = models.CharField("reminders (days before the review deadline)", max_length=40,
                                            blank=True, default="7,1")
    released_at = models.DateTimeField(null=True, blank=True)
    release_override_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-opens_at", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unique_call_slug"),
            # rules.call_terms_problems: "the call must close after it opens".
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="call_closes_after_it_opens",
                                   violation_error_message="The call must close after it opens."),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conveners:call", kwargs={"org": self.organisation.slug, "call": self.slug})

    @property
    def accepting(self):
        """Open for applications right now: the same test as ``rules.check_submission_window``."""
        from django.utils import timezone

        return self.status == CallStatus.OPEN and self.opens_at <= timezone.now() < self.closes_at

    @property
    def scheduled(self):
        """Opened ahead of its opening time: shown as "opens on …" and refusing applications until then,
        it becomes open by itself when the time comes (nothing needs to run)."""
        from django.utils import timezone

        return self.status == CallStatus.OPEN and timezone.now() < self.opens_at

    @property
    def status_label(self):
        """The status as people should read it: a scheduled call is not "open" yet, and an open call
        past its deadline no longer takes applications."""
        from django.utils import timezone

        if self.scheduled:
            return f"Opens on {timezone.localtime(self.opens_at):%-d %B %Y, %H:%M}"
        if self.status == CallStatus.OPEN and timezone.now() >= self.closes_at:
            return "Deadline passed"
        return self.get_status_display()

    @property
    def status_key(self):
        """For the status tag's colour: ``scheduled`` for a call opened ahead of time."""
        return "scheduled" if self.scheduled else self.status

    @property
    def suggested_domain_list(self):
        return [line.strip() for line in self.suggested_domains.splitlines() if line.strip()]


class Criterion(models.Model):
    """One line of the call's rubric: scored 0..scale_max, weighted."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    scale_max = models.PositiveSmallIntegerField("highest score", default=5)
    weight = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scale_max__gte=1), name="criterion_scale_at_least_1",
                                   violation_error_message="The highest score must be at least 1."),
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="criterion_weight_at_least_1",
                                   violation_error_message="The weight must be at least 1."),
        ]

    def __str__(self):
        return self.name


class PanelMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="unique_call_panel_member")]
