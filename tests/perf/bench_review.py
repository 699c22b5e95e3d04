"""The panel's ranking at scale: N applications × 3 reviewers × 4 criteria (see tests/perf/README.md).

Prints, for the ranking page (page 1 and a search) and the ranking selector alone: queries, median and
p95 server time over ``--runs``, peak memory; and the same at ``--compare`` applications for the ratio.

    CONVENE_TESTING=true .venv/bin/python tests/perf/bench_review.py --applications 200 --compare 20
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django

django.setup()

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners import selectors
from conveners.models import Application, Assignment, Call, Criterion, Lead, Score
from cop_platform.accounts.models import User
from cop_platform.tenancy.models import Organisation, OrganisationMember, OrganisationRole, Role


def build(n, reviewers=3, criteria=4):
    slug = f"bench-review-{n}"
    org = Organisation.objects.create(name=f"Bench {n}", slug=slug)
    pm = User.objects.create_user(email=f"pm@{slug}.example.org", password=None)
    OrganisationMember.objects.create(organisation=org, user=pm)
    OrganisationRole.objects.create(organisation=org, user=pm, role=Role.PROJECT_MANAGER)
    panel = [User.objects.create_user(email=f"r{i}@{slug}.example.org", password=None) for i in range(reviewers)]
    now = timezone.now()
    with scopes_disabled():
        call = Call.objects.create(organisation=org, title="Bench call", slug="bench", status="under_review",
                                   opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1),
                                   outcome_by=(now + timedelta(days=30)).date())
        crit = [Criterion.objects.create(organisation=org, call=call, name=f"C{i}", weight=i + 1, position=i)
                for i in range(criteria)]
        applicants = User.objects.bulk_create(
            [User(email=f"a{i}@{slug}.example.org") for i in range(n)])
        apps = Application.objects.bulk_create(
            [Application(organisation=org, call=call, applicant=a, domain=f"Domain {i:04d}", status="submitted",
                         passion="p", core_group="c", ways_of_working="w") for i, a in enumerate(applicants)])
        Lead.objects.bulk_create([Lead(organisation=org, application=a, is_lead=True, name=f"Lead {a.pk}",
                                       email=f"l{a.pk}@{slug}.example.org", employer="T", sector="nhs")
                                  for a in apps])
        assignments = Assignment.objects.bulk_create(
            [Assignment(organisation=org, call=call, application=a, reviewer=r, status="submitted")
             for a in apps for r in panel])
        Score.objects.bulk_create(
            [Score(organisation=org, assignment=s, criterion=c, value=(s.pk + c.pk) % 6)
             for s in assignments for c in crit])
    return org, pm


def time_it(fn, runs):
    fn()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings.sort()
    return {"queries": queries, "median": statistics.median(timings),
            "p95": timings[max(0, int(len(timings) * 0.95) - 1)], "peak_kib": peak / 1024}


def measure(n, runs):
    with transaction.atomic():
        org, pm = build(n)
        client = Client()
        client.force_login(pm, backend="django.contrib.auth.backends.ModelBackend")
        base = f"/{org.slug}/calls/bench/ranking/"

        def page(url):
            def _get():
                response = client.get(url)
                assert response.status_code == 200, response.status_code
            return _get

        def selector():
            with scope(organisation=org):
                call = Call.objects.get(slug="bench")
                return selectors.ranking(call)

        results = {
            "ranking page 1": time_it(page(base), runs),
            "ranking search": time_it(page(base + "?q=Domain+00"), runs),
            "ranking selector": time_it(selector, runs),
        }
        transaction.set_rollback(True)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--compare", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main_results = measure(args.applications, args.runs)
        base = measure(args.compare, args.runs) if args.compare else None
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; {args.applications} applications × 3 reviewers × 4 criteria; "
          f"{args.runs} runs")
    header = f"{'what':<18} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'peak KiB':>9}"
    if base:
        header += f" {'queries@' + str(args.compare):>12} {'median ratio':>13}"
    print(header)
    for label, r in main_results.items():
        line = f"{label:<18} {r['queries']:>7} {r['median']:>10.1f} {r['p95']:>8.1f} {r['peak_kib']:>9.0f}"
        if base:
            b = base[label]
            line += f" {b['queries']:>12} {r['median'] / b['median']:>13.2f}"
        print(line)


if __name__ == "__main__":
    main()
