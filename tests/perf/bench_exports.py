"""The communities' brochure at scale (see tests/perf/README.md): time and peak memory to build it for 7 and
100 communities through the worker's task (``cop_platform.tasks.build_file``, as a worker runs it: the row
claimed, the PDF rendered, stored), against WeasyPrint rendering the same HTML alone.

Each run is a fresh forked process (a worker child): wall time and the process's peak RSS (``resource``:
Pango and cairo included), medians over the runs; ``tracemalloc``'s peak of Python allocations
(WeasyPrint's layout objects are Python) from one more run of its own, since tracing slows Python code
several times over (the worker's path, which gathers and renders the HTML in Python, more than WeasyPrint
alone). Each community has a domain, two conveners with the five
interview answers, and 30 members.

    CONVENE_TESTING=true DATABASE_URL=postgres://... .venv/bin/python tests/perf/bench_exports.py --runs 5
"""

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django

django.setup()

from django.conf import settings
from django.db import connections
from django.test.utils import setup_test_environment
from django_scopes import scope, scopes_disabled

from communities.models import Community, Membership
from conveners.models import ConvenerProfile
from cop_platform.accounts.models import User
from cop_platform.models import Build, BuildStatus
from cop_platform.tenancy.models import Organisation, OrganisationMember, OrganisationRole, Role

TEXT = ("We bring ward nurses, pharmacists, paramedics and GPs together every month to share near misses and "
        "agree one escalation chart across the region. ")
ANSWER = TEXT * 2


def build_data(n):
    slug = f"bench-brochure-{n}"
    org = Organisation.objects.create(name=f"Bench network {n}", slug=slug, introduction=TEXT * 5,
                                      contact_email=f"cop@{slug}.example.org")
    evaluator = User.objects.create_user(email=f"evaluator@{slug}.example.org", password=None)
    OrganisationMember.objects.create(organisation=org, user=evaluator)
    OrganisationRole.objects.create(organisation=org, user=evaluator, role=Role.EVALUATOR)
    with scopes_disabled():
        communities = Community.objects.bulk_create(
            [Community(organisation=org, name=f"Community {i:03d}", slug=f"c-{i:03d}", status="active",
                       domain_statement=TEXT * 4, practice="Huddles\nAudits\nShared charts") for i in range(n)])
        people = User.objects.bulk_create([User(email=f"p{i}-{j}@{slug}.example.org", first_name=f"Person{j}",
                                                last_name=f"Example{i}") for i in range(n) for j in range(30)])
        memberships = []
        for i, community in enumerate(communities):
            for j in range(30):
                role = "convener" if j == 0 else "co_convener" if j == 1 else "member"
                memberships.append(Membership(organisation=org, community=community, user=people[i * 30 + j],
                                              role=role))
        Membership.objects.bulk_create(memberships)
        ConvenerProfile.objects.bulk_create(
            [ConvenerProfile(organisation=org, user=m.user, about=ANSWER, motivation=ANSWER, achievement=ANSWER,
                             one_thing=ANSWER, nhs_change=ANSWER) for m in memberships if m.role != "member"])
    return org, evaluator


def worker_build(org_id, kind, target_type, target_id, requested_by_id, queue):
    """One worker child: build file ``kind`` about ``target_id`` through the worker's task, report time and
    memory (also used by bench_report.py)."""
    from cop_platform.tasks import build_file

    connections.close_all()
    with scopes_disabled():
        build = Build.objects.create(organisation_id=org_id, kind=kind, target_type=target_type,
                                     target_id=target_id, requested_by_id=requested_by_id)
    traced = _start_tracing()
    started = time.perf_counter()
    outcome = build_file.apply(args=(org_id, build.pk)).get()
    seconds = time.perf_counter() - started
    peak = _stop_tracing(traced)
    with scopes_disabled():
        build.refresh_from_db()
    queue.put({"outcome": outcome, "status": build.status, "reason": build.failure_reason, "seconds": seconds,
               "peak_mib": peak / 2**20 if peak is not None else None,
               "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "size_kib": build.size / 1024})


def weasyprint_measure(html, queue, **extra):
    """WeasyPrint alone on ``html`` (no database): time and memory, put on ``queue`` with ``extra`` (also used
    by bench_report.py)."""
    from cop_platform.pdf import render_pdf_html

    connections.close_all()
    traced = _start_tracing()
    started = time.perf_counter()
    content = render_pdf_html(html)
    seconds = time.perf_counter() - started
    peak = _stop_tracing(traced)
    queue.put({"outcome": "ready", "status": "ready", "reason": "", "seconds": seconds,
               "peak_mib": peak / 2**20 if peak is not None else None,
               "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "size_kib": len(content) / 1024,
               "html_kib": len(html.encode()) / 1024, **extra})


def _worker_build(org_id, evaluator_id, queue):
    """One worker child: build the brochure through the task."""
    from evaluation.exports import BROCHURE_KIND

    worker_build(org_id, BROCHURE_KIND, "tenancy.organisation", org_id, evaluator_id, queue)


def _weasyprint_alone(org_id, queue):
    """The same HTML rendered by WeasyPrint alone (no database work, no storage)."""
    from django.template.loader import render_to_string

    from evaluation.exports import brochure_context
    from evaluation.exports.brochure import brochure_title

    connections.close_all()
    org = Organisation.objects.get(pk=org_id)
    with scope(organisation=org):
        context = {**brochure_context(org), "pdf_title": brochure_title(org), "pdf_lang": "en-GB"}
        html = render_to_string("pdf/evaluation/brochure.html", context)
    weasyprint_measure(html, queue)


_tracing = False  # read by the forked child: trace Python allocations in this run (timed runs do not)


def _start_tracing():
    if _tracing:
        tracemalloc.start()
    return _tracing


def _stop_tracing(traced):
    if not traced:
        return None
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def in_child(target, *args, trace=False):
    global _tracing
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    connections.close_all()
    _tracing = trace
    try:
        process = context.Process(target=target, args=(*args, queue))
        process.start()
        result = queue.get(timeout=900)
        process.join()
    finally:
        _tracing = False
    assert result["status"] == BuildStatus.READY, result
    return result


def runs_of(target, *args, runs):
    """``runs`` timed runs of ``target`` in fresh children (medians of seconds, peak RSS and size) and one more,
    traced, for the peak of Python allocations; the first timed run's other figures (HTML size, queries...)."""
    results = [in_child(target, *args) for _ in range(runs)]
    row = {**results[0],
           **{key: statistics.median(r[key] for r in results) for key in ("seconds", "rss_mib", "size_kib")}}
    row["seconds_spread"] = (min(r["seconds"] for r in results), max(r["seconds"] for r in results))
    row["peak_mib"] = in_child(target, *args, trace=True)["peak_mib"]
    return row, results


def spread_s(row):
    low, high = row["seconds_spread"]
    return f"{low:.2f}–{high:.2f}"


def measure(n, runs):
    org, evaluator = build_data(n)
    rows = {}
    for label, target, args in (("through the worker", _worker_build, (org.pk, evaluator.pk)),
                                ("WeasyPrint alone", _weasyprint_alone, (org.pk,))):
        rows[label] = runs_of(target, *args, runs=runs)[0]
    return rows


@contextmanager
def build_bench_database():
    """A throwaway test database for a PDF benchmark, with a throwaway builds folder and eager tasks;
    dropped at the end. For this script and bench_report.py."""
    settings.CONVENE_BUILDS_ROOT = Path(tempfile.mkdtemp(prefix="bench-builds-"))
    settings.CELERY_TASK_ALWAYS_EAGER = True
    setup_test_environment()
    old_name = connections["default"].creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connections.close_all()
        connections["default"].creation.destroy_test_db(old_name, verbosity=0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, nargs="+", default=[7, 100])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with build_bench_database():
        results = {n: measure(n, args.runs) for n in args.communities}
    print(f"database: {connections['default'].vendor}; brochure; each community 2 conveners with 5 interview "
          f"answers, 30 members; medians over {args.runs} timed runs, each in a fresh worker process; Python "
          f"allocations' peak (tracemalloc) from one more, traced, run")
    print(f"{'communities':>11} {'how':<20} {'seconds':>8} {'tracemalloc MiB':>16} {'peak RSS MiB':>13} "
          f"{'PDF KiB':>8}")
    for n, rows in results.items():
        for label, r in rows.items():
            print(f"{n:>11} {label:<20} {r['seconds']:>8.2f} {r['peak_mib']:>16.1f} {r['rss_mib']:>13.0f} "
                  f"{r['size_kib']:>8.0f}")
        worker, alone = rows["through the worker"], rows["WeasyPrint alone"]
        print(f"{'':>11} HTML {alone.get('html_kib', 0):.0f} KiB; through the worker / WeasyPrint alone: "
              f"{worker['seconds'] / alone['seconds']:.2f}× (timed runs {spread_s(worker)} s and {spread_s(alone)} s)")


if __name__ == "__main__":
    main()
