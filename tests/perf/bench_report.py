"""The value-cycle report of a programme at a data scale (see tests/perf/README.md): time and peak memory to
build it through the worker's task (``cop_platform.tasks.build_file``, as a worker runs it: the row claimed,
the PDF rendered, stored), against WeasyPrint rendering the same HTML alone.

The load data of ``--scale`` (``generate_load_data``, as bench_pages.py makes it) with one programme holding
every community of the load organisation; the load data has evidence and indicators but no stories or quotes,
so each community gets approved stories (four steps, one per cycle) and quotes, all consented for reports.
Each run is a fresh forked process (a worker child), as in bench_exports.py: wall time and the process's peak
RSS, medians over the runs, and ``tracemalloc``'s peak from one more, traced, run.

    CONVENE_TESTING=true DATABASE_URL=postgres://... .venv/bin/python tests/perf/bench_report.py --scale M --runs 3
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django

django.setup()

from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.accounts.models import User
from cop_platform.management.commands.generate_load_data import SLUG, generate
from tests.perf.bench_exports import build_bench_database, runs_of, spread_s, weasyprint_measure, worker_build

STORIES_PER_COMMUNITY = 2
QUOTES_PER_COMMUNITY = 3
CYCLES = ("immediate", "potential", "applied", "realised")
STEP = ("Our huddle agreed one escalation chart for sepsis across the wards; the pharmacists checked it "
        "against the trust's guidance and the paramedics now bring it on every handover. ")


def build_data(scale):
    """The load data, a programme of every community, stories and quotes for the report. Returns the ids of
    the organisation, the project manager (who may build the report) and the programme."""
    from communities.models import Community
    from evaluation.models import Evidence, EvidenceKind, StoryStep, ValueCreationStory
    from programmes import services

    org = generate(scale)
    pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
    with scopes_disabled():
        communities = list(Community.objects.filter(organisation=org).order_by("slug"))
        programme = services.programme_create(organisation=org, by=pm, name="Bench programme", kind="support")
        for community in communities:
            services.programme_community_add(organisation=org, by=pm, programme=programme, community=community)
        now = timezone.now()
        stories = ValueCreationStory.objects.bulk_create(
            ValueCreationStory(organisation=org, community=c, narrator=pm, title=f"Story {n} of {c.name}",
                               status="approved", consent="report", approved_by=pm, approved_at=now)
            for c in communities for n in range(STORIES_PER_COMMUNITY))
        StoryStep.objects.bulk_create(
            (StoryStep(organisation=org, story=story, position=i, text=STEP * 2, cycle=cycle)
             for story in stories for i, cycle in enumerate(CYCLES)), batch_size=2000)
        Evidence.objects.bulk_create(
            (Evidence(organisation=org, community=c, kind=EvidenceKind.QUOTE, title=f"Quote {n}",
                      text=STEP, date=date(2026, 11, 1) - timedelta(days=n), cycles=[CYCLES[n % 4]],
                      consent="report", added_by=pm)
             for c in communities for n in range(QUOTES_PER_COMMUNITY)), batch_size=2000)
    return org.pk, pm.pk, programme.pk, len(communities)


def _worker_build(org_id, pm_id, programme_id, queue):
    """One worker child: build the report through the task (bench_exports.worker_build)."""
    from evaluation.reports import PROGRAMME_KIND

    worker_build(org_id, PROGRAMME_KIND, "programmes.programme", programme_id, pm_id, queue)


def _weasyprint_alone(org_id, pm_id, programme_id, queue):
    """The same HTML rendered by WeasyPrint alone (no database work, no storage)."""
    from django.template.loader import render_to_string

    from cop_platform.tenancy.models import Organisation
    from evaluation.reports import report_context
    from evaluation.selectors.overview import Scope
    from programmes.models import Programme

    connections.close_all()
    org = Organisation.objects.get(pk=org_id)
    with scope(organisation=org):
        programme = Programme.objects.get(pk=programme_id)
        report_scope = Scope(organisation=org, programme=programme)
        gathering = time.perf_counter()
        with CaptureQueriesContext(connections["default"]) as ctx:
            context = {**report_context(report_scope), "pdf_title": f"Value-cycle report: {report_scope.label}",
                       "pdf_lang": "en-GB"}
            html = render_to_string("pdf/evaluation/report.html", context)
        gathering = time.perf_counter() - gathering
    weasyprint_measure(html, queue, gather_s=gathering, queries=len(ctx.captured_queries))


def measure(scale, runs):
    org_id, pm_id, programme_id, communities = build_data(scale)
    rows = {}
    for label, target in (("through the worker", _worker_build), ("WeasyPrint alone", _weasyprint_alone)):
        rows[label], results = runs_of(target, org_id, pm_id, programme_id, runs=runs)
        if "gather_s" in results[0]:
            rows[label]["gather_s"] = statistics.median(r["gather_s"] for r in results)
    return communities, rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="M", choices=["S", "M", "L"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with build_bench_database():
        communities, rows = measure(args.scale, args.runs)
    print(f"database: {connections['default'].vendor}; value-cycle report of a programme of {communities} "
          f"communities (scale {args.scale}); each community {STORIES_PER_COMMUNITY} approved stories, "
          f"{QUOTES_PER_COMMUNITY} quotes; medians over {args.runs} runs, each in a fresh worker process; "
          f"tracemalloc's peak from one more, traced, run")
    print(f"{'how':<20} {'seconds':>8} {'tracemalloc MiB':>16} {'peak RSS MiB':>13} {'PDF KiB':>8}")
    for label, r in rows.items():
        print(f"{label:<20} {r['seconds']:>8.2f} {r['peak_mib']:>16.1f} {r['rss_mib']:>13.0f} {r['size_kib']:>8.0f}")
    alone = rows["WeasyPrint alone"]
    worker = rows["through the worker"]
    print(f"HTML {alone['html_kib']:.0f} KiB; gathering the report (context and HTML) "
          f"{alone['gather_s']:.2f} s in {alone['queries']} queries")
    print(f"through the worker / WeasyPrint alone: {worker['seconds'] / alone['seconds']:.2f}× "
          f"(timed runs {spread_s(worker)} s and {spread_s(alone)} s)")


if __name__ == "__main__":
    main()
