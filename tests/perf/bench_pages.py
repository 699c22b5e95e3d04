"""Page latency and query counts at a data scale (see tests/perf/README.md).

Prints, per page: queries, median and p95 server time over ``--runs`` requests, and peak memory of
one request. Compare scales with ``--compare S`` to get the ratio M/S (flat pages stay near 1).
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from cop_platform.accounts.models import User  # noqa: E402
from cop_platform.management.commands.generate_load_data import SLUG, generate  # noqa: E402

PAGES = [
    ("tenant home (PM)", f"/{SLUG}/"),
    ("directory page 1", f"/{SLUG}/communities/"),
    ("directory search", f"/{SLUG}/communities/?q=community+0001"),
    ("directory page 5", f"/{SLUG}/communities/?page=5"),
    ("community home (largest)", f"/{SLUG}/communities/community-00000/"),
    ("lifecycle (largest)", f"/{SLUG}/communities/community-00000/lifecycle/"),
    ("people (admin)", f"/{SLUG}/people/"),
    # Programmes and cohorts (helper "cohorts"): the cohort built by _cohort_data, 40 sessions, 28 people.
    ("programmes list", f"/{SLUG}/programmes/"),
    ("programmes search", f"/{SLUG}/programmes/?q=programme+1&kind=cohort"),
    ("cohort page", f"/{SLUG}/programmes/bench-cohort/"),
    ("cohort portal", f"/{SLUG}/programmes/bench-cohort/portal/"),
    ("cohort participants", f"/{SLUG}/programmes/bench-cohort/participants/"),
    ("cohort groups", f"/{SLUG}/programmes/bench-cohort/groups/"),
]
COHORT_PROGRAMMES = {"S": 10, "M": 40, "L": 200}


def _cohort_data(scale):
    """Programmes for the load organisation: COHORT_PROGRAMMES[scale] of them, and the cohort ``bench-cohort``
    with 40 dated sessions, 28 participants, attendance at ten sessions and saved co-consulting groups."""
    from datetime import date, time, timedelta

    from django_scopes import scopes_disabled

    from cop_platform.tenancy.models import Organisation
    from programmes import services
    from programmes.models import Attendance, Participant, Programme, Session

    with scopes_disabled():
        org = Organisation.objects.get(slug=SLUG)
        people = list(User.objects.filter(email__endswith=f"@{SLUG}.load.example.org").order_by("pk")[2:30])
        Programme.objects.bulk_create(Programme(organisation=org, name=f"Programme {i}", slug=f"programme-{i}",
                                                kind="cohort" if i % 2 else "support")
                                      for i in range(COHORT_PROGRAMMES[scale]))
        cohort = Programme.objects.create(organisation=org, name="Bench cohort", slug="bench-cohort", kind="cohort")
        participants = Participant.objects.bulk_create(
            Participant(organisation=org, programme=cohort, user=u, employer=f"Trust {i % 6}",
                        role_title=f"Role {i % 4}") for i, u in enumerate(people))
        sessions = Session.objects.bulk_create(
            Session(organisation=org, programme=cohort, kind="clinic", date=date(2027, 1, 1) + timedelta(days=i),
                    starts_at=time(12), ends_at=time(13), position=i) for i in range(40))
        Attendance.objects.bulk_create(Attendance(organisation=org, session=s, participant=p)
                                       for s in sessions[:10] for p in participants)
        services.groups_save(organisation=org, by=None, programme=cohort,
                             placement=services.groups_propose(programme=cohort, group_size=5))


def measure(scale, runs):
    generate(scale)
    _cohort_data(scale)
    # One open connection throughout, as production keeps them (CONN_MAX_AGE): inside a transaction the
    # test client's end-of-request hook does not close it.
    with transaction.atomic():
        return _measure_pages(runs)


def _measure_pages(runs):
    pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
    admin = User.objects.get(email=f"person1@{SLUG}.load.example.org")
    results = {}
    for label, url in PAGES:
        client = Client()
        client.force_login(admin if "people" in label else pm, backend="django.contrib.auth.backends.ModelBackend")
        client.get(url)  # warm up
        connection.queries_log.clear()  # a full log (it keeps 9,000) would hide new queries
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = len(ctx.captured_queries)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        timings.sort()
        results[label] = {
            "queries": queries,
            "median": statistics.median(timings),
            "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
            "peak_kib": peak / 1024,
        }
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="M", choices=["S", "M", "L"])
    parser.add_argument("--compare", default="S", choices=["S", "M", "L", "none"])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main_results = measure(args.scale, args.runs)
        base = measure(args.compare, args.runs) if args.compare != "none" and args.compare != args.scale else None
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"database: {connection.vendor}; scale {args.scale}; {args.runs} runs per page")
    header = f"{'page':<26} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'peak KiB':>9}"
    if base:
        header += f" {'queries@' + args.compare:>10} {'median ratio':>13}"
    print(header)
    for label, r in main_results.items():
        line = f"{label:<26} {r['queries']:>7} {r['median']:>10.1f} {r['p95']:>8.1f} {r['peak_kib']:>9.0f}"
        if base:
            b = base[label]
            line += f" {b['queries']:>10} {r['median'] / b['median']:>13.2f}"
        print(line)


if __name__ == "__main__":
    main()
