"""Generate a large, fictional data set for benchmarks (``tests/perf/``).

Creates (or re-creates) the host organisation ``load-test`` with people at a chosen scale, using bulk
inserts, then lets each installed app add its own records (``<app>/load_data.py`` with a function
``generate(*, organisation, users, scale)`` returning a one-line summary). It never touches other
organisations' data.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from cop_platform.accounts.models import User
from cop_platform.discovery import app_modules
from cop_platform.tenancy.models import MemberOrganisation, Organisation, OrganisationMember, OrganisationRole, Role

SCALES = {"S": {"people": 200}, "M": {"people": 3000}, "L": {"people": 20000}}
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
        summaries = [module.generate(organisation=org, users=users, scale=scale)
                     for module in app_modules("load_data", provides="generate")]
    if stdout:
        stdout.write(f"{slug}: {len(users)} people, {', '.join(s for s in summaries if s)} "
                     f"in {time.monotonic() - started:.1f}s")
    return org


class Command(BaseCommand):
    help = "Generate fictional load data at scale S, M or L in the 'load-test' organisation."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="S")
        parser.add_argument("--slug", default=SLUG, help="Organisation slug to (re)create.")

    def handle(self, *args, **options):
        generate(options["scale"], slug=options["slug"], stdout=self.stdout)
