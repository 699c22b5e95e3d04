"""Communities' part of ``generate_load_data``: communities and memberships at scale, with bulk inserts.

Found by the core command through ``cop_platform.discovery.app_modules("load_data")``.
"""

from .models import Community, CommunityStatus, Membership, MembershipRole, Visibility

SCALES = {
    # communities, members of the largest community, memberships per other community
    "S": {"communities": 20, "largest": 100, "per_community": 8},
    "M": {"communities": 300, "largest": 500, "per_community": 12},
    "L": {"communities": 2000, "largest": 2000, "per_community": 15},
}


def generate(*, organisation, users, scale):
    """Communities (one in ten unlisted) and their memberships among ``users``; returns a summary."""
    spec = SCALES[scale]
    statuses = list(CommunityStatus.values)
    Community.objects.bulk_create(
        Community(organisation=organisation, name=f"Community {i:05d}", slug=f"community-{i:05d}",
                  domain_statement=f"Domain of community {i}: what we care about and why.",
                  status=statuses[i % len(statuses)],
                  visibility=Visibility.UNLISTED if i % 10 == 9 else Visibility.LISTED)
        for i in range(spec["communities"])
    )
    communities = list(Community.objects.filter(organisation=organisation).order_by("slug"))
    memberships = []
    n = len(users)
    for index, community in enumerate(communities):
        size = spec["largest"] if index == 0 else spec["per_community"]
        start = (index * 7) % n
        for k in range(min(size, n)):
            role = (MembershipRole.CONVENER if k == 0 else MembershipRole.CO_CONVENER if k == 1
                    else MembershipRole.CORE_GROUP if k < 4 else MembershipRole.MEMBER)
            memberships.append(Membership(organisation=organisation, community=community,
                                          user=users[(start + k) % n], role=role))
    Membership.objects.bulk_create(memberships, batch_size=5000)
    return f"{len(communities)} communities, {len(memberships)} memberships"
