"""Open invitation links: one link a convener shares in a meeting or a newsletter, for many people."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .community import Community


class InviteLink(models.Model):
    """A link ``/join/<token>/`` that lets up to ``max_uses`` people join ``community`` until
    ``expires_at``, optionally only people whose confirmed e-mail address is at one of ``allowed_domains``,
    optionally only once a convener approves (the person's request becomes a join request).

    Only the SHA-256 hash of the token is stored: the link is shown once, when it is made, and a convener
    who lost it makes a new one (the old one stops working). ``uses`` counts the people who came through
    the link (joined, or asked to join when approval is needed); it is raised by a conditional update, so
    two people taking the last place at once cannot both have it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="invite_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    label = models.CharField(max_length=120, help_text="Where you share it, for example “March newsletter”.")
    token_hash = models.CharField(max_length=64, unique=True)
    max_uses = models.PositiveIntegerField("most people who can use it")
    uses = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()
    allowed_domains = models.JSONField(default=list, blank=True)
    needs_approval = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(uses__lte=models.F("max_uses")), name="invite_link_uses_le_max"),
        ]

    def __str__(self):
        return f"Open link “{self.label}” to {self.community}"

    @property
    def places_left(self):
        return max(self.max_uses - self.uses, 0)
