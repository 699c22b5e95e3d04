"""Host organisations (the tenants), the people who belong to them and their roles.

Every tenant-owned table carries an ``organisation`` foreign key of its own and a
:class:`django_scopes.ScopedManager`, so a query outside an active tenant scope fails loudly.
``Organisation`` itself is global.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django_scopes import ScopedManager

RESERVED_SLUGS = frozenset(
    {"accounts", "admin", "healthz", "invitations", "static", "media", "api", "__debug__", "favicon.ico",
     "questionnaires", "confirmations", "programme-confirmations", "join", "unsubscribe", "calendar"}
)


def validate_org_slug(value):
    from django.core.exceptions import ValidationError

    if value in RESERVED_SLUGS:
        raise ValidationError("This address is reserved; choose another.")


class Organisation(models.Model):
    """A host organisation (an AHSN, a network, a trust) that runs communities and programmes."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True, validators=[validate_org_slug])
    short_description = models.TextField("short description", blank=True)
    contact_email = models.EmailField("contact e-mail", blank=True)
    introduction = models.TextField(
        "introduction for the brochure", blank=True, max_length=5000,
        help_text="The host's introduction on the first page of the communities' brochure (PDF).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("tenant_home", kwargs={"org": self.slug})


class MemberOrganisation(models.Model):
    """An NHS body (or other) the host serves; matters for the industry co-lead rule."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="member_organisations")
    name = models.CharField(max_length=200)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[A-Z0-9]{3,10}$", "An ODS code is 3 to 10 capital letters or digits.")],
    )

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_member_organisation_name"),
        ]

    def __str__(self):
        return self.name


class OrganisationMember(models.Model):
    """A person belongs to a host organisation (staff, panel, a community member, ...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="organisation_memberships")
    member_organisation = models.ForeignKey(
        MemberOrganisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    employer = models.CharField(max_length=200, blank=True,
                                help_text="Where the person works, if not a member organisation.")
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_organisation_member"),
        ]

    def __str__(self):
        return f"{self.user} in {self.organisation}"

    @property
    def employer_name(self):
        return self.member_organisation.name if self.member_organisation_id else self.employer


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    PROJECT_MANAGER = "project_manager", "Project manager"
    PANEL_MEMBER = "panel_member", "Review panel member"
    EVALUATOR = "evaluator", "Evaluator"


class OrganisationRole(models.Model):
    """A role a person holds in a host organisation. A person may hold several."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user", "role"], name="unique_organisation_role"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"
