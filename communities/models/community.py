"""A community, the versions of its domain statement and its map of people wanted."""

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
    LISTED = "listed", ("Listed: everyone in the organisation finds it in the directory and sees its home "
                        "(domain, practice, conveners, how to join)")
    UNLISTED = "unlisted", "Unlisted: only members, the host's staff and evaluators see it at all"


class Community(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    domain_statement = models.TextField(
        "domain", blank=True, help_text="What do we care about? The field of inquiry and purpose."
    )
    status = models.CharField(max_length=16, choices=CommunityStatus.choices, default=CommunityStatus.FORMING)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.LISTED)
    practice = models.TextField(
        "named practices", blank=True, max_length=10000,
        help_text="What do we do? The practices we explore together, one a line.")
    repertoire = models.TextField(
        "shared repertoire", blank=True, max_length=10000,
        help_text="Experiences, stories, tools and cases we have built up and share.")
    who_else = models.TextField(
        "who else needs to be here", blank=True, max_length=5000,
        help_text="Organisations, professions or people the community still needs.")
    reflection_identity = models.TextField(
        "identity", blank=True, max_length=5000,
        help_text="What are we trying to achieve? What do we value? Who are we together?")
    reflection_information = models.TextField(
        "information", blank=True, max_length=5000,
        help_text="What information do we have and need? Who has it? What are the indicators of success? Who decides?")
    reflection_relationship = models.TextField(
        "relationship", blank=True, max_length=5000,
        help_text="Who has influence? Do we have access to each other? Who will be affected? Who else needs to be "
                  "here? How do we want to work together?")
    startup_ticks = models.JSONField(
        "start-up steps ticked by hand", default=list, blank=True,
        help_text="Keys of start-up steps a convener marked done where the app cannot tell.")
    open_to_join = models.BooleanField(
        "open to join requests", default=False,
        help_text="People in the organisation may ask to join; otherwise it is by invitation only.")
    content_open = models.BooleanField(
        "open the community's pages to everyone in the organisation", default=False,
        help_text="Off (the default): the member directory, meetings with their call links and calendar files, "
                  "the momentum plan, the library and its files, and the learning journal are seen only by "
                  "members, the host's administrators and project managers, and evaluators; everyone else in the "
                  "organisation sees only the community's home (domain, practice, conveners, how to join). "
                  "On: everyone in the organisation can read those pages too; only members add to them. "
                  "An unlisted community stays hidden from people outside it either way.")
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


class DomainVersion(models.Model):
    """One version of the domain statement: the domain evolves, drafted by the convener and then co-defined
    by the core group, and its history is part of the community's story."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="domain_versions")
    text = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Domain of {self.community_id} at {self.created_at:%Y-%m-%d %H:%M}"


class MapEntry(models.Model):
    """The convener's map of people wanted and needed (FAQ §10 "Map of community members"): the initial
    core group, not the final membership. Invitations are sent from it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="map_entries")
    name = models.CharField(max_length=200)
    email = models.EmailField("e-mail address", blank=True)
    employer = models.CharField("organisation", max_length=200, blank=True)
    why = models.TextField("why they matter", blank=True, max_length=2000)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name
