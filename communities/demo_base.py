"""The demo's communities and their first members (``seed_demo``, through ``communities.demo.seed``).

Creates each host's communities (``demo_content``) that are missing, spreads the fictional people over
them (conveners first, then a core group and members), and gives the demo logins their community roles.
Idempotent: an existing community and its members are left as they are.
"""

from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.demo.people import people_of

from .demo_content import COMMUNITIES
from .models import Community, MembershipRole
from .services import community_create, membership_add

HIN, COCREATION = "hin-south-london", "co-creation-network"

# The demo logins' places in communities (the logins themselves are made by ``seed_demo``).
LOGIN_COMMUNITY_ROLES = {
    "convener@hin.example.org": ((HIN, "sepsis", MembershipRole.CONVENER),),
    "member@hin.example.org": ((HIN, "sepsis", MembershipRole.MEMBER), (HIN, "delirium", MembershipRole.MEMBER)),
    "convener@cocreation.example.org": ((COCREATION, "mindfulness", MembershipRole.CONVENER),),
    "both@example.org": ((HIN, "acute-deterioration", MembershipRole.MEMBER),
                         (COCREATION, "perinatal-care", MembershipRole.MEMBER)),
}


def seed_communities(*, organisations):
    for org_slug, specs in COMMUNITIES.items():
        organisation = organisations.get(org_slug)
        if organisation is None:
            continue
        with scope(organisation=organisation):
            people = people_of(organisation)
            for index, spec in enumerate(specs):
                if Community.objects.filter(organisation=organisation, slug=spec["slug"]).exists():
                    continue
                community = community_create(
                    organisation=organisation, name=spec["name"], slug=spec["slug"],
                    domain_statement=spec["domain_statement"], status=spec["status"],
                )
                _seed_members(organisation, community, people, index, spec.get("convener_count", 1))
    _seed_login_roles(organisations)


def _seed_members(organisation, community, people, index, convener_count):
    """Spread fictional people over communities: conveners first, then a handful of members."""
    n = len(people)
    if not n:
        return
    start = (index * 4) % n
    chosen = [people[(start + k) % n] for k in range(6 + index % 4)]
    for k, user in enumerate(chosen):
        if k < convener_count:
            role = MembershipRole.CONVENER if k == 0 else MembershipRole.CO_CONVENER
        elif k < convener_count + 2:
            role = MembershipRole.CORE_GROUP
        else:
            role = MembershipRole.MEMBER
        membership_add(organisation=organisation, community=community, user=user, role=role)


def _seed_login_roles(organisations):
    for email, places in LOGIN_COMMUNITY_ROLES.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        for org_slug, community_slug, role in places:
            organisation = organisations.get(org_slug)
            if organisation is None:
                continue
            with scope(organisation=organisation):
                community = Community.objects.get(organisation=organisation, slug=community_slug)
                if community.memberships.filter(user=user).exists():
                    continue
                if role == MembershipRole.CONVENER:
                    # The demo convener takes over convening from the fictional first convener.
                    community.memberships.filter(role=MembershipRole.CONVENER).update(role=MembershipRole.CORE_GROUP)
                membership_add(organisation=organisation, community=community, user=user, role=role)
