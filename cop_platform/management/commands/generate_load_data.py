"""Generate a large, fictional data set for benchmarks (``tests/perf/``).

Creates (or re-creates) the host organisation ``load-test`` with communities, people and memberships
at a chosen scale, using bulk inserts. It never touches other organisations' data.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from communities.models import Community, CommunityStatus, Membership, MembershipRole, Visibility
from cop_platform.accounts.models import User
from cop_platform.tenancy.models import MemberOrganisation, Organisation, OrganisationMember, OrganisationRole, Role

SCALES = {
    # communities, people, members of the largest community, memberships per other community
    "S": {"communities": 20, "people": 200, "largest": 100, "per_community": 8},
    "M": {"communities": 300, "people": 3000, "largest": 500, "per_community": 12},
    "L": {"communities": 2000, "people": 20000, "largest": 2000, "per_community": 15},
}
SLUG = "load-test"
EMAIL_DOMAIN = "load.example.org"
PROFESSIONS = ["Nurse", "Pharmacist", "GP", "Midwife", "Physiotherapist", "Consultant", "Improvement advisor"]


def generate(scale, slug=SLUG, stdout=None):
    spec = SCALES[scale]
    started = time.monotonic()
    with scopes_disabled(), transaction.atomic():
        Organisation.objects.filter(slug=slug).delete()
        User.objects.filter(email__endswith=f"@{slug}.{EMAIL_DOMAIN}").delete()
        org = Organisation.objects.create(slug=slug, name=f"Load Test Network ({scale})",
                                          short_description="Generated data for benchmarks.")
        member_orgs = MemberOrganisation.objects.bulk_create(
            MemberOrganisation(organisation=org, name=f"Example NHS Trust {i}") for i in range(12)
        )
        users = User.objects.bulk_create(
            User(email=f"person{i}@{slug}.{EMAIL_DOMAIN}", first_name=f"Person{i}", last_name=f"Load{i % 97}",
                 profession=PROFESSIONS[i % len(PROFESSIONS)], password="!")
            for i in range(spec["people"])
        )
        if users[0].pk is None:  # databases that do not return ids from bulk inserts
            users = list(User.objects.filter(email__endswith=f"@{slug}.{EMAIL_DOMAIN}").order_by("pk"))
        OrganisationMember.objects.bulk_create(
            OrganisationMember(organisation=org, user=u, member_organisation=member_orgs[i % len(member_orgs)])
            for i, u in enumerate(users)
        )
        OrganisationRole.objects.bulk_create([
            OrganisationRole(organisation=org, user=users[0], role=Role.PROJECT_MANAGER),
            OrganisationRole(organisation=org, user=users[1], role=Role.ADMIN),
        ])
        statuses = list(CommunityStatus.values)
        Community.objects.bulk_create(
            Community(organisation=org, name=f"Community {i:05d}", slug=f"community-{i:05d}",
                      domain_statement=f"Domain of community {i}: what we care about and why.",
                      status=statuses[i % len(statuses)],
                      visibility=Visibility.UNLISTED if i % 10 == 9 else Visibility.LISTED)
            for i in range(spec["communities"])
        )
        communities = list(Community.objects.filter(organisation=org).order_by("slug"))
        memberships = []
        n = len(users)
        for index, community in enumerate(communities):
            size = spec["largest"] if index == 0 else spec["per_community"]
            start = (index * 7) % n
            for k in range(min(size, n)):
                role = (MembershipRole.CONVENER if k == 0 else MembershipRole.CO_CONVENER if k == 1
                        else MembershipRole.CORE_GROUP if k < 4 else MembershipRole.MEMBER)
                memberships.append(Membership(organisation=org, community=community,
                                              user=users[(start + k) % n], role=role))
        Membership.objects.bulk_create(memberships, batch_size=5000)
    if stdout:
        stdout.write(f"{slug}: {len(communities)} communities, {len(users)} people, {len(memberships)} "
                     f"memberships in {time.monotonic() - started:.1f}s")
    return org


class Command(BaseCommand):
    help = "Generate fictional load data at scale S, M or L in the 'load-test' organisation."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="S")
        parser.add_argument("--slug", default=SLUG, help="Organisation slug to (re)create.")

    def handle(self, *args, **options):
        generate(options["scale"], slug=options["slug"], stdout=self.stdout)
