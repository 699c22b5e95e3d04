"""The community library and its learning journal."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .community import Community


def library_upload_to(instance, filename):
    """Stored under MEDIA_ROOT with a random name (the original name is kept on the row); served only
    through the permission-checked download view."""
    import uuid
    from pathlib import PurePath

    ext = PurePath(filename).suffix.lower()[:10]
    return f"communities/{instance.organisation_id}/{instance.community_id}/{uuid.uuid4().hex}{ext}"


class LibraryKind(models.TextChoices):
    LINK = "link", "Link"
    FILE = "file", "File"


class LibraryItem(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="library_items")
    kind = models.CharField(max_length=8, choices=LibraryKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)
    url = models.URLField("web address", max_length=500, blank=True)
    file = models.FileField(upload_to=library_upload_to, blank=True, max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    tags = models.CharField(max_length=300, blank=True, help_text="Comma-separated, lower case.")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A library item is a link or a file, never both and never neither (issue 8 §6).
            models.CheckConstraint(
                name="library_item_is_a_link_or_a_file",
                condition=(models.Q(kind="link") & ~models.Q(url="") & models.Q(file=""))
                | (models.Q(kind="file") & ~models.Q(file="") & models.Q(url="")),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def tag_list(self):
        return [t for t in self.tags.split(",") if t]


class JournalEntry(models.Model):
    """The learning journal: dated entries by members — who wrote, what was learnt — visible to the community."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="journal_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entry_date = models.DateField("date")
    title = models.CharField(max_length=200)
    learnt = models.TextField("what I learnt", max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-entry_date", "-id"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return self.title
