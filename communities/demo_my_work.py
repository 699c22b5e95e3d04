"""Demo data for My work: the demo member owns an open step in the Sepsis community's momentum plan, so
their My work shows an action next to their coming meetings (through the services; made once)."""

from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.models import User

from . import services
from .models import Action, Community, Membership, MembershipRole

STEP = ("hin-south-london", "sepsis", "member@hin.example.org",
        "Share our ward's sepsis screening checklist with the community library")


def seed_login_actions(organisations):
    org_slug, slug, email, title = STEP
    organisation, owner = organisations.get(org_slug), User.objects.filter(email=email).first()
    if organisation is None or owner is None:
        return
    with scope(organisation=organisation):
        community = Community.objects.filter(organisation=organisation, slug=slug).first()
        convener = (Membership.objects.filter(community=community, role=MembershipRole.CONVENER)
                    .select_related("user").order_by("pk").first())
        if community is None or convener is None or Action.objects.filter(community=community, title=title).exists():
            return
        services.action_add(organisation=organisation, by=convener.user, community=community, title=title,
                            owner=owner, month=timezone.localdate().replace(day=1), status="in_progress")
