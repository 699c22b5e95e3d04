"""Membership of a community: the convening roles, working roles and sectors."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cop_platform.tenancy.models import Organisation

from .community import Community


class EmailMode(models.TextChoices):
    """A person's e-mail choice for one community (``cop_platform.notifications`` modes)."""

    NOW = "now", "Each one by e-mail at once"
    DIGEST = "digest", "One daily digest e-mail"
    NONE = "none", "No e-mails (only essential ones)"


class MembershipRole(models.TextChoices):
    CONVENER = "convener", "Convener"
    CO_CONVENER = "co_convener", "Co-convener"
    CORE_GROUP = "core_group", "Core group"
    MEMBER = "member", "Member"


CONVENING_ROLES = (MembershipRole.CONVENER, MembershipRole.CO_CONVENER)


class WorkingRole(models.TextChoices):
    """The core group's shared running of the community (FAQ §10: agendas, notes, communication)."""

    FACILITATOR = "facilitator", "Facilitator"
    NOTE_TAKER = "note_taker", "Note-taker"
    COMMUNICATIONS = "communications", "Communications"
    ONLINE_PRESENCE = "online_presence", "Online presence"
    WEAVER = "weaver", "Weaver"


class Sector(models.TextChoices):
    NHS_ACUTE = "nhs_acute", "NHS acute care"
    NHS_PRIMARY = "nhs_primary", "NHS primary care"
    NHS_COMMUNITY = "nhs_community", "NHS community and mental health"
    SOCIAL_CARE = "social_care", "Social care"
    LOCAL_GOVERNMENT = "local_government", "Local government"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    ACADEMIC = "academic", "Academia and research"
    INDUSTRY = "industry", "Industry"
    PATIENT_PUBLIC = "patient_public", "Patients and the public"


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    working_role = models.CharField("working role", max_length=20, choices=WorkingRole.choices, blank=True,
                                    default="", help_text="How this person shares the running of the community.")
    employer = models.CharField("organisation", max_length=200, blank=True, help_text="Where you work.")
    profession = models.CharField(max_length=150, blank=True,
                                  help_text="For example nurse, pharmacist, GP, improvement advisor.")
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True, default="")
    role_title = models.CharField("role title", max_length=200, blank=True,
                                  help_text="Your job title, for example Sepsis lead nurse.")
    shares = models.TextField("what I can share", blank=True, max_length=4000,
                              help_text="Experience, tools or stories you could bring to the practice exchange.")
    wants_to_learn = models.TextField("what I want to learn", blank=True, max_length=4000)
    invite_link = models.ForeignKey("communities.InviteLink", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="memberships", help_text="The open link they joined through.")
    follows_conversations = models.BooleanField(
        "tell me about new conversations", null=True, blank=True,
        help_text="Empty: the default for the role (conveners are told, members are not).")
    email_mode = models.CharField(
        "e-mails about this community", max_length=8, choices=EmailMode.choices, blank=True, default="",
        help_text="How this person hears of its activity by e-mail; blank: the default of each kind of notification.")

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
