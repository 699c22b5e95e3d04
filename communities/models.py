"""A community of practice: its Domain, Practice and Community, and the people in it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


class CommunityStatus(models.TextChoices):
    FORMING = "forming", "Forming"
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    CLOSED = "closed", "Closed"


class Visibility(models.TextChoices):
    LISTED = "listed", "Listed in the organisation's directory"
    UNLISTED = "unlisted", "Unlisted: only members and host staff see it"


class Community(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    domain_statement = models.TextField(
        "domain", blank=True, help_text="What do we care about? The field of inquiry and purpose."
    )
    status = models.CharField(max_length=16, choices=CommunityStatus.choices, default=CommunityStatus.FORMING)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.LISTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unique_community_slug"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_listed(self):
        return self.visibility == Visibility.LISTED

    def get_absolute_url(self):
        return reverse("communities:home", kwargs={"org": self.organisation.slug, "slug": self.slug})


class MembershipRole(models.TextChoices):
    CONVENER = "convener", "Convener"
    CO_CONVENER = "co_convener", "Co-convener"
    CORE_GROUP = "core_group", "Core group"
    MEMBER = "member", "Member"


CONVENING_ROLES = (MembershipRole.CONVENER, MembershipRole.CO_CONVENER)


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["community", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="unique_community_membership"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.community}"

    @property
    def is_convening(self):
        return self.role in CONVENING_ROLES
