"""Evidence of value: items tagged with the cycles they show, dated, with where the knowledge came from and
how far it may be used (``../shared/docs/evaluation.md``; brochure, "Developing Feedback")."""

from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation


def evidence_upload_to(instance, filename):
    """A random name under the organisation's folder: the stored name says nothing of the person or file."""
    ext = PurePath(filename).suffix.lower()[:10]
    return f"evidence/{instance.organisation_id}/{uuid4().hex}{ext}"


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    RESOURCE = "resource", "Resource (a tool, checklist or protocol)"
    QUOTE = "quote", "Quote"
    QI_CHART = "qi_chart", "Quality improvement chart"
    MINUTES = "minutes", "Minutes or notes of a meeting"
    LINK = "link", "Link"


class KnowledgeSource(models.TextChoices):
    GENERATED = "generated", "Generated in the community"
    IMPORTED = "imported", "Imported from elsewhere"
    MIXED = "mixed", "Mixed: brought in and reworked together"


class Consent(models.TextChoices):
    """How far an item or story may travel; each wider scope includes the narrower ones."""

    COMMUNITY = "community", "Within the community only"
    REPORT = "report", "In the organisation's reports (programme and community value-cycle reports)"
    PUBLIC = "public", "In public material (brochures and reports shared outside the organisation)"


class Evidence(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.Community", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="evidence")
    programme = models.ForeignKey("programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="evidence")
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices, default=EvidenceKind.DOCUMENT)
    title = models.CharField(max_length=200)
    text = models.TextField("description or quote", blank=True, max_length=10000)
    url = models.URLField("link", blank=True, max_length=500)
    file = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=200)
    original_name = models.CharField("file name", max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    date = models.DateField(help_text="When the evidence arose (the meeting, the chart's date, the quote).")
    cycles = models.JSONField("value cycles", default=list, blank=True,
                              help_text="Keys of the value cycles this item shows (evaluation.rules).")
    source = models.CharField("where the knowledge came from", max_length=16, choices=KnowledgeSource.choices,
                              default=KnowledgeSource.GENERATED)
    consent = models.CharField("may be used", max_length=16, choices=Consent.choices, default=Consent.COMMUNITY)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["organisation", "-date"]), models.Index(fields=["community", "-date"])]

    def __str__(self):
        return self.title
