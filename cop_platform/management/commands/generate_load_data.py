"""Generate a large, fictional data set for benchmarks (``tests/perf/``).

Creates (or re-creates) the host organisations of the load data at a chosen scale: ``load-test`` first and
largest (the benchmarks' pages live there), then ``load-test-2`` … sharing the people between them (a person
may belong to several organisations, as NHS staff do). Everything is inserted in bulk, and the same scale
always gives the same data (seeded random numbers; dates run up to the current month). Then each installed
app adds its own records through ``<app>/load_data.py``, a function ``generate(*, plan)`` (a :class:`Plan`)
returning a one-line summary. It never touches other organisations' data.

``--if-missing`` leaves the data alone when ``load-test`` already holds that scale (its name records it).
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from cop_platform.accounts.models import User
from cop_platform.discovery import app_modules
from cop_platform.tenancy.models import MemberOrganisation, Organisation, OrganisationMember, OrganisationRole, Role

# organisations; people in all; load-test's share of them (the first ones; the others share the rest,
# overlapping load-test and each other).
SCALES = {
    "S": {"organisations": 2, "people": 200, "main_share": 0.6},
    "M": {"organisations": 15, "people": 20_000, "main_share": 0.6},
    "L": {"organisations": 15, "people": 200_000, "main_share": 0.6},
}
MAX_ORGANISATIONS = max(spec["organisations"] for spec in SCALES.values())
SLUG = "load-test"
EMAIL_DOMAIN = "load.example.org"
SEED = 20261201
BATCH = 5000
PROFESSIONS = ["Nurse", "Pharmacist", "GP", "Midwife", "Physiotherapist", "Consultant", "Improvement advisor"]
LAST_NAMES = ["Example", "Sample", "Fictional", "Testwell", "Placeholder", "Demo", "Madeup", "Notreal"]


def organisation_name(scale):
    """``load-test``'s name, which records the scale it was generated at (``--if-missing`` reads it)."""
    return f"Load Test Network ({scale})"


def organisation_slugs(slug=SLUG, count=MAX_ORGANISATIONS):
    return [slug] + [f"{slug}-{k}" for k in range(2, count + 1)]


@dataclass
class Plan:
    """What the core made, handed to each app's ``load_data.generate(plan=...)``."""

    scale: str
    organisations: list  # the first is the main one (``load-test``), the largest
    members: dict  # organisation pk -> its people (User rows), in a fixed order
    users: list  # everyone, in a fixed order
    anchor: date  # the first day of the current month: five years of history run up to it
    counts: dict = field(default_factory=dict)  # model label -> rows inserted (for the summary)

    def rng(self, name):
        """A random number generator of its own per part, so adding one part does not change another."""
        return random.Random(f"{SEED}:{self.scale}:{name}")

    def bulk(self, model, rows):
        """Insert ``rows`` in batches; returns the created rows (with their ids)."""
        made = model.objects.bulk_create(rows, batch_size=BATCH)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(made)
        return made


def organisation_people(scale):
    """Indices of the people of each organisation: the main one takes the first ``main_share``; the others
    take overlapping windows of the rest (and a little of the main one's), so some people are in two or
    three organisations."""
    spec = SCALES[scale]
    n, count = spec["people"], spec["organisations"]
    main = int(n * spec["main_share"])
    result = [list(range(main))]
    others = count - 1
    if others:
        start = main - n // 10
        segment = -(-(n - start) // others)
        width = min(segment + segment // 4, main - 1)  # the main organisation stays the largest
        for k in range(others):
            first = start + k * segment
            result.append([(first + j) % n for j in range(width)])
    return result


def exists(scale, slug=SLUG):
    with scopes_disabled():
        return Organisation.objects.filter(slug=slug, name=organisation_name(scale)).exists()


def generate(scale, slug=SLUG, stdout=None, if_missing=False, verbosity=1):
    """Build the load data at ``scale``; returns the main organisation. At ``verbosity`` 2 it also lists the
    rows the apps inserted, per model."""
    if if_missing and exists(scale, slug):
        if stdout:
            stdout.write(f"{slug} already holds scale {scale}: nothing to do.")
        return Organisation.objects.get(slug=slug)
    spec = SCALES[scale]
    started = time.monotonic()
    with scopes_disabled(), transaction.atomic():
        Organisation.objects.filter(slug__in=organisation_slugs(slug)).delete()
        User.objects.filter(email__endswith=f"@{slug}.{EMAIL_DOMAIN}").delete()
        removed = time.monotonic() - started
        rng = random.Random(f"{SEED}:{scale}:people")
        users = User.objects.bulk_create(
            (User(email=f"person{i}@{slug}.{EMAIL_DOMAIN}", first_name=f"Person{i}",
                  last_name=f"{rng.choice(LAST_NAMES)}{i % 97}", profession=PROFESSIONS[i % len(PROFESSIONS)],
                  password="!")
             for i in range(spec["people"])), batch_size=BATCH)
        organisations, members = [], {}
        for k, indices in enumerate(organisation_people(scale)):
            main = k == 0
            org_slug = organisation_slugs(slug)[k]
            org = Organisation.objects.create(
                slug=org_slug, name=organisation_name(scale) if main else f"Load Test Region {k + 1} ({scale})",
                short_description="Generated data for benchmarks.",
                contact_email=f"network@{org_slug}.{EMAIL_DOMAIN}")
            trusts = MemberOrganisation.objects.bulk_create(
                MemberOrganisation(organisation=org, name=f"Example NHS Trust {k}-{i}")
                for i in range(12 if main else 4))
            people = [users[i] for i in indices]
            OrganisationMember.objects.bulk_create(
                (OrganisationMember(organisation=org, user=u, member_organisation=trusts[i % len(trusts)])
                 for i, u in enumerate(people)), batch_size=BATCH)
            OrganisationRole.objects.bulk_create([
                OrganisationRole(organisation=org, user=people[0], role=Role.PROJECT_MANAGER),
                OrganisationRole(organisation=org, user=people[1], role=Role.ADMIN),
                OrganisationRole(organisation=org, user=people[2], role=Role.EVALUATOR),
                *(OrganisationRole(organisation=org, user=people[3 + i], role=Role.PANEL_MEMBER) for i in range(3)),
            ])
            organisations.append(org)
            members[org.pk] = people
        plan = Plan(scale=scale, organisations=organisations, members=members, users=users,
                    anchor=timezone.localdate().replace(day=1))
        summaries = [module.generate(plan=plan) for module in app_modules("load_data", provides="generate")]
    if connection.vendor == "postgresql":  # fresh tables have no planner statistics until autovacuum runs
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if stdout:
        stdout.write(f"{len(organisations)} organisations ({slug} first), {len(users)} people, "
                     f"{', '.join(s for s in summaries if s)} in {time.monotonic() - started:.1f}s "
                     f"(of which removing the previous data {removed:.1f}s)")
        if verbosity > 1:
            for label, rows in sorted(plan.counts.items()):
                stdout.write(f"  {label}: {rows}")
    return organisations[0]


class Command(BaseCommand):
    help = "Generate fictional load data at scale S, M or L in 'load-test' and its sibling organisations."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="S")
        parser.add_argument("--slug", default=SLUG, help="Slug of the main organisation to (re)create.")
        parser.add_argument("--if-missing", action="store_true",
                            help="Do nothing when the main organisation already holds this scale.")

    def handle(self, *args, **options):
        generate(options["scale"], slug=options["slug"], stdout=self.stdout, if_missing=options["if_missing"],
                 verbosity=options["verbosity"])
