"""Calls for conveners: a call (round), applications with co-leads, panel review, decisions, honoraria.

Every table has its own ``organisation`` foreign key and a :class:`django_scopes.ScopedManager`. Money is
integer pence. The rules live in :mod:`conveners.rules`; state changes in :mod:`conveners.services`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import MemberOrganisation, Organisation


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


class ConflictKind(models.TextChoices):
    NONE = "", "None"
    AUTOMATIC = "automatic", "Flagged automatically"
    DECLARED = "declared", "Declared by the reviewer"


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", "Not started"
    DRAFT = "draft", "Draft saved"
    SUBMITTED = "submitted", "Submitted"


class Assignment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED)
    conflict = models.CharField(max_length=16, choices=ConflictKind.choices, blank=True, default="")
    conflict_reason = models.CharField(max_length=500, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    no_conflict_declared_at = models.DateTimeField(
        "declared no conflict of interest at", null=True, blank=True,
        help_text="The reviewer declares no conflict (or a conflict) before any score is accepted.")
    moderated_note = models.TextField(blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="unique_assignment")]

    def __str__(self):
        return f"Review of {self.application.domain}"

    @property
    def is_conflicted(self):
        return bool(self.conflict)


class Score(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=5000)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="unique_score")]


class PaymentStatus(models.TextChoices):
    APPROVED = "approved", "Approved"
    CLAIM_RECEIVED = "claim_received", "Invoice or claim received"
    PAID = "paid", "Paid"


class HonorariumPayment(models.Model):
    """One person's share of a funded application's honorarium (conveners.md decisions 3, 4, 11)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # PROTECT: money approved or paid is a financial record; deleting a call, an application or a lead
    # never takes its payments with it (a declined award cancels its unpaid payments explicitly).
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="payments")
    payee = models.CharField(max_length=200, help_text="The person, or their employer for backfill.")
    amount_pence = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.APPROVED)
    approved_at = models.DateTimeField(null=True, blank=True)
    claim_received_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "lead"], name="unique_payment_per_lead"),
            # Decision 11: a paid payment has its date and its reference.
            models.CheckConstraint(
                condition=~models.Q(status="paid") | (models.Q(paid_at__isnull=False) & ~models.Q(reference="")),
                name="paid_payment_has_date_and_reference",
                violation_error_message="A paid payment needs the date it was paid and its reference."),
        ]

    def __str__(self):
        return f"Honorarium to {self.payee}: £{self.amount_pence / 100:,.2f}"


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
