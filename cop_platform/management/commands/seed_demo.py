"""Load the demo data: two host organisations, their communities and fictional people.

Idempotent: it creates what is missing and leaves what exists (and anything changed through the
site) alone, so running it again is fast and keeps what the site stored. Refuses to run with DEBUG
off unless ``--force`` is given: demo accounts with a published password have no place in production.
"""

import importlib
import importlib.util
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from communities.models import Community, MembershipRole
from communities.services import community_create, membership_add
from cop_platform.accounts.models import User
from cop_platform.demo.content import COMMUNITIES, HOSTS, PEOPLE
from cop_platform.tenancy.models import MemberOrganisation, Organisation, Role
from cop_platform.tenancy.services import organisation_member_ensure, role_grant

DEFAULT_PASSWORD = "convene-demo"
HIN, COCREATION = "hin-south-london", "co-creation-network"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    first_name: str
    last_name: str
    description: str
    org_roles: tuple = ()  # (org slug, Role)
    community_roles: tuple = ()  # (org slug, community slug, MembershipRole)
    platform_admin: bool = False
    profession: str = ""


DEMO_LOGINS = (
    DemoLogin("admin@example.org", "Alex", "Admin", "platform admin", platform_admin=True),
    DemoLogin("admin@hin.example.org", "Halima", "Okonjo-Reed", "HIN organisation admin",
              org_roles=((HIN, Role.ADMIN),), profession="Programme director"),
    DemoLogin("pm@hin.example.org", "Priya", "Mansfield", "HIN project manager",
              org_roles=((HIN, Role.PROJECT_MANAGER),), profession="Project manager"),
    DemoLogin("panel@hin.example.org", "Patrick", "Nolan", "HIN review panel",
              org_roles=((HIN, Role.PANEL_MEMBER),), profession="Patient safety lead"),
    DemoLogin("evaluator@hin.example.org", "Evelyn", "Vance", "HIN evaluator",
              org_roles=((HIN, Role.EVALUATOR),), profession="Evaluation researcher"),
    DemoLogin("convener@hin.example.org", "Corinne", "Ashby", "convener of Sepsis",
              community_roles=((HIN, "sepsis", MembershipRole.CONVENER),), profession="Consultant in acute medicine"),
    DemoLogin("member@hin.example.org", "Marcus", "Bell", "member of Sepsis and Delirium",
              community_roles=((HIN, "sepsis", MembershipRole.MEMBER), (HIN, "delirium", MembershipRole.MEMBER)),
              profession="Staff nurse"),
    DemoLogin("pm@cocreation.example.org", "Sasha", "Thornton", "Co-Creation support team",
              org_roles=((COCREATION, Role.PROJECT_MANAGER),), profession="Improvement facilitator"),
    DemoLogin("convener@cocreation.example.org", "Faye", "Holloway", "facilitator of Mindfulness",
              community_roles=((COCREATION, "mindfulness", MembershipRole.CONVENER),), profession="Clinical psychologist"),
    DemoLogin("both@example.org", "Robin", "Okafor", "a member in both organisations",
              community_roles=((HIN, "acute-deterioration", MembershipRole.MEMBER),
                               (COCREATION, "perinatal-care", MembershipRole.MEMBER)),
              profession="Physiotherapist"),
)

PEOPLE_DOMAIN = {HIN: "people.hin.example.org", COCREATION: "people.cocreation.example.org"}

# Each app may add its own demo data in ``<app>/demo.py`` with a function
# ``seed(*, organisations, stdout)`` (organisations: slug -> Organisation). It must be idempotent too.
APP_DEMO_MODULES = ("communities.demo", "conveners.demo", "programmes.demo", "evaluation.demo")


class Command(BaseCommand):
    help = "Load the demo organisations, communities and fictional people (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=None,
                            help=f"Password for the demo logins (default {DEFAULT_PASSWORD!r}); given, it resets them.")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument("--print-logins", action="store_true", help="Only print the demo logins.")

    def handle(self, *args, **options):
        if options["print_logins"]:
            self.print_logins(options["password"] or DEFAULT_PASSWORD)
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_demo creates accounts with a published password: it refuses to run with "
                               "DEBUG off. Pass --force if you really mean it.")
        with transaction.atomic():
            organisations = {host["slug"]: self.seed_host(host) for host in HOSTS}
            self.seed_logins(organisations, options["password"])
            for module_name in APP_DEMO_MODULES:
                if importlib.util.find_spec(module_name) is not None:
                    importlib.import_module(module_name).seed(organisations=organisations, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(organisations)} organisations, "
            f"{sum(len(c) for c in COMMUNITIES.values())} communities."
        ))

    def print_logins(self, password):
        self.stdout.write(f"Demo logins (password: {password}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<34} {login.description}")

    def seed_host(self, host):
        organisation, _ = Organisation.objects.get_or_create(
            slug=host["slug"],
            defaults={"name": host["name"], "short_description": host["short_description"],
                      "contact_email": host["contact_email"]},
        )
        with scope(organisation=organisation):
            member_orgs = []
            for name, ods in host["member_organisations"]:
                mo, _ = MemberOrganisation.objects.get_or_create(
                    organisation=organisation, name=name, defaults={"ods_code": ods}
                )
                member_orgs.append(mo)
            people = self.seed_people(organisation, member_orgs)
            for index, spec in enumerate(COMMUNITIES[host["slug"]]):
                community = Community.objects.filter(organisation=organisation, slug=spec["slug"]).first()
                if community is not None:
                    continue
                community = community_create(
                    organisation=organisation, name=spec["name"], slug=spec["slug"],
                    domain_statement=spec["domain_statement"], status=spec["status"],
                )
                self.seed_members(organisation, community, people, index, spec.get("convener_count", 1))
        return organisation

    def seed_people(self, organisation, member_orgs):
        domain = PEOPLE_DOMAIN.get(organisation.slug, "people.example.org")
        people = []
        for i, spec in enumerate(PEOPLE):
            email = f"{spec['first_name']}.{spec['last_name']}@{domain}".lower().replace(" ", "").replace("'", "")
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=None, first_name=spec["first_name"], last_name=spec["last_name"],
                    profession=spec.get("profession", ""), job_title=spec.get("job_title", ""),
                )
            organisation_member_ensure(organisation=organisation, user=user,
                                       member_organisation=member_orgs[i % len(member_orgs)] if member_orgs else None)
            people.append(user)
        return people

    def seed_members(self, organisation, community, people, index, convener_count):
        """Spread fictional people over communities: conveners first, then a handful of members."""
        n = len(people)
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

    def seed_logins(self, organisations, password):
        for login in DEMO_LOGINS:
            user = User.objects.filter(email=login.email).first()
            if user is None:
                user = User.objects.create_user(
                    email=login.email, password=password or DEFAULT_PASSWORD,
                    first_name=login.first_name, last_name=login.last_name, profession=login.profession,
                    is_staff=login.platform_admin, is_superuser=login.platform_admin,
                )
            elif password:
                user.set_password(password)
                user.save(update_fields=["password"])
            self.verify_email(user)
            for org_slug, role in login.org_roles:
                organisation = organisations[org_slug]
                with scope(organisation=organisation):
                    role_grant(organisation=organisation, user=user, role=role)
            for org_slug, community_slug, role in login.community_roles:
                organisation = organisations[org_slug]
                with scope(organisation=organisation):
                    community = Community.objects.get(organisation=organisation, slug=community_slug)
                    if not community.memberships.filter(user=user).exists():
                        if role == MembershipRole.CONVENER:
                            # The demo convener takes over convening from the fictional first convener.
                            community.memberships.filter(role=MembershipRole.CONVENER).update(
                                role=MembershipRole.CORE_GROUP)
                        membership_add(organisation=organisation, community=community, user=user, role=role)

    @staticmethod
    def verify_email(user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
