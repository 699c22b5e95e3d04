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
    # Stories (evaluation): the largest community's stories, the evaluator's list, one story.
    ("stories (largest)", f"/{SLUG}/communities/community-00000/value/stories/"),
    ("stories search", f"/{SLUG}/communities/community-00000/value/stories/?q=story+1"),
    ("evaluator's stories", f"/{SLUG}/evaluation/stories/"),
    ("evaluator's waiting", f"/{SLUG}/evaluation/stories/?waiting=on&cycle=applied"),
    ("one story", f"/{SLUG}/communities/community-00000/value/stories/first/"),
]
STORIES = {"S": 20, "M": 200, "L": 2000}


def _seed_stories(scale):
    """Stories for the stories pages (the load data has none): ``STORIES[scale]`` in the largest community,
    four steps each, alternately shared and approved. Returns the first story's id."""
    from django_scopes import scopes_disabled

    from communities.models import Community
    from evaluation.models import StoryStep, ValueCreationStory

    with scopes_disabled():
        community = Community.objects.get(organisation__slug=SLUG, slug="community-00000")
        narrator = User.objects.get(email=f"person0@{SLUG}.load.example.org")
        stories = ValueCreationStory.objects.bulk_create([
            ValueCreationStory(organisation_id=community.organisation_id, community=community, narrator=narrator,
                               title=f"Story {n}", status="approved" if n % 2 else "shared", consent="report")
            for n in range(STORIES[scale])])
        StoryStep.objects.bulk_create([
            StoryStep(organisation_id=community.organisation_id, story=story, position=i, text=f"Step {i}",
                      cycle=cycle)
            for story in stories for i, cycle in enumerate(("immediate", "potential", "applied", "realised"))])
    return stories[0].pk


def measure(scale, runs):
    generate(scale)
    first_story = _seed_stories(scale)
    # One open connection throughout, as production keeps them (CONN_MAX_AGE): inside a transaction the
    # test client's end-of-request hook does not close it.
    with transaction.atomic():
        return _measure_pages(runs, first_story)


def _measure_pages(runs, first_story):
    pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
    admin = User.objects.get(email=f"person1@{SLUG}.load.example.org")
    results = {}
    for label, url in PAGES:
        url = url.replace("/first/", f"/{first_story}/")
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
