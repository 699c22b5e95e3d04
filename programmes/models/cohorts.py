"""A cohort programme's sessions, their materials (the portal), attendance and co-consulting groups.

Domain (``../shared/docs/domain.md``, "Leadership development programme"; programme report, seed 004): a
welcome session, five modules each over two half-day sessions, four drop-in coaching clinics, five
co-consulting sessions in small groups and a celebration event; "an online portal was created where
participants could access all materials from the sessions".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .programmes import Participant, Programme


class SessionKind(models.TextChoices):
    WELCOME = "welcome", "Welcome session"
    MODULE = "module", "Module session"
    CLINIC = "clinic", "Drop-in coaching clinic"
    CO_CONSULTING = "co_consulting", "Co-consulting session"
    CELEBRATION = "celebration", "Celebration event"


class Session(models.Model):
    """One session of a cohort programme. The date and times may be left empty while the programme is
    being planned ("set up the standard programme" leaves them to the manager); the end is after the
    start whenever both are given."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=16, choices=SessionKind.choices)
    title = models.CharField(max_length=200, blank=True,
                             help_text="Left empty, the session is named after its kind (and module).")
    module_number = models.PositiveSmallIntegerField("module number", null=True, blank=True)
    module_title = models.CharField("module title", max_length=200, blank=True)
    part = models.PositiveSmallIntegerField("part", null=True, blank=True,
                                            help_text="A module runs over two half-days: part 1 or part 2.")
    date = models.DateField("date", null=True, blank=True)
    starts_at = models.TimeField("starts at", null=True, blank=True)
    ends_at = models.TimeField("ends at", null=True, blank=True)
    place = models.CharField("place", max_length=300, blank=True, help_text="Where it happens in person.")
    online_link = models.URLField("online link", max_length=500, blank=True,
                                  help_text="The video call's address, starting with https://")
    facilitators = models.CharField("facilitators", max_length=500, blank=True,
                                    help_text="Names of the speakers and facilitators.")
    description = models.TextField("description", blank=True, max_length=10000)
    position = models.PositiveIntegerField(default=0)
    is_cancelled = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0, help_text="Raised at each change participants are told of.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Last change (calendar feeds' Last-Modified).")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["programme", models.F("date").asc(nulls_last=True), "starts_at", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(starts_at__isnull=True) | models.Q(ends_at__isnull=True)
                                   | models.Q(ends_at__gt=models.F("starts_at")),
                                   name="programme_session_ends_after_it_starts"),
            models.CheckConstraint(condition=models.Q(part__isnull=True) | models.Q(part__in=[1, 2]),
                                   name="programme_session_part_1_or_2"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.title:
            return self.title
        if self.kind == SessionKind.MODULE and self.module_number:
            name = f"Module {self.module_number}"
            if self.module_title:
                name += f": {self.module_title}"
            return name + (f" (part {self.part})" if self.part else "")
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("programmes:session", kwargs={"org": self.organisation.slug, "slug": self.programme.slug,
                                                     "session_id": self.pk})


def material_upload_to(instance, filename):
    """Stored with a random name (the original is kept on the row); served only through the portal's
    permission-checked download view."""
    import uuid
    from pathlib import PurePath

    ext = PurePath(filename).suffix.lower()[:10]
    return f"programmes/{instance.organisation_id}/{instance.session_id}/{uuid.uuid4().hex}{ext}"


class MaterialKind(models.TextChoices):
    LINK = "link", "Link"
    FILE = "file", "File"


class SessionMaterial(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=8, choices=MaterialKind.choices)
    title = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500, blank=True)
    file = models.FileField(upload_to=material_upload_to, blank=True, max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="programme_material_is_a_link_or_a_file",
                condition=(models.Q(kind="link") & ~models.Q(url="") & models.Q(file=""))
                | (models.Q(kind="file") & ~models.Q(file="") & models.Q(url="")),
            ),
        ]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """A participant attended a session (recorded by host staff)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attendances")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="attendance_once_per_session")]


class CoConsultingGroup(models.Model):
    """A small group of a cohort's participants who support and challenge each other (report, seed 004)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="co_consulting_groups")
    number = models.PositiveSmallIntegerField()

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="co_consulting_group_number")]

    def __str__(self):
        return f"Group {self.number}"


class GroupMember(models.Model):
    """A participant's place in a co-consulting group: one group per participant."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(CoConsultingGroup, on_delete=models.CASCADE, related_name="members")
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="group_place")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["group", "participant"]
