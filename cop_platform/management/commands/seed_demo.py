"""Load the demo data: two host organisations, their fictional people and demo logins, then each
installed app's own demo data (``<app>/demo.py``: communities, calls…).

Idempotent: it creates what is missing and leaves what exists (and anything changed through the
site) alone, so running it again is fast and keeps what the site stored. Refuses to run with DEBUG
off unless ``--force`` is given: demo accounts with a published password have no place in production.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.demo.content import HOSTS, PEOPLE
from cop_platform.demo.people import demo_email
from cop_platform.discovery import app_modules
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
    org_roles: tuple = ()  # (org slug, Role); places in communities come from communities.demo_base
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
              profession="Consultant in acute medicine"),
    DemoLogin("member@hin.example.org", "Marcus", "Bell", "member of Sepsis and Delirium", profession="Staff nurse"),
    DemoLogin("pm@cocreation.example.org", "Sasha", "Thornton", "Co-Creation support team",
              org_roles=((COCREATION, Role.PROJECT_MANAGER),), profession="Improvement facilitator"),
    DemoLogin("convener@cocreation.example.org", "Faye", "Holloway", "facilitator of Mindfulness",
              profession="Clinical psychologist"),
    DemoLogin("both@example.org", "Robin", "Okafor", "a member in both organisations", profession="Physiotherapist"),
)

# Each installed app may add its own demo data in ``<app>/demo.py`` with a function
# ``seed(*, organisations, stdout)`` (organisations: slug -> Organisation), found by ``app_modules`` and run
# in INSTALLED_APPS order. It must be idempotent too.


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
            for module in app_modules("demo", provides="seed"):
                module.seed(organisations=organisations, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(organisations)} organisations."))

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
            self.seed_people(organisation, member_orgs)
        return organisation

    def seed_people(self, organisation, member_orgs):
        for i, spec in enumerate(PEOPLE):
            email = demo_email(spec, organisation.slug)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=None, first_name=spec["first_name"], last_name=spec["last_name"],
                    profession=spec.get("profession", ""), job_title=spec.get("job_title", ""),
                )
            organisation_member_ensure(organisation=organisation, user=user,
                                       member_organisation=member_orgs[i % len(member_orgs)] if member_orgs else None)

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

    @staticmethod
    def verify_email(user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
