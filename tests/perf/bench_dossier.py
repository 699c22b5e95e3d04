"""Application dossiers at scale (see tests/perf/README.md): time and peak memory to build one dossier and a
call's zip of dossiers, and the file page and its htmx status fragment (queries, server time).

Each application has a lead and a co-lead, 3 reviewers × 4 criteria with comments, a conflict, a letter,
a payment and ``--audit`` audit entries. Memory: ``tracemalloc`` sees Python's allocations only (WeasyPrint's
own layout objects are Python); the process's peak RSS (``resource``) adds Pango and cairo.

    CONVENE_TESTING=true DATABASE_URL=postgres://... .venv/bin/python tests/perf/bench_dossier.py --applications 20
"""

import argparse
import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
import zipfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django

django.setup()

import tempfile

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners.dossier import CALL_ZIP_KIND, DOSSIER_KIND, build_call_zip, build_dossier
from conveners.models import Application, Assignment, Call, Criterion, HonorariumPayment, Lead, Score
from cop_platform.accounts.models import User
from cop_platform.models import AuditEvent, Build, BuildStatus, OutgoingEmail
from cop_platform.tenancy.models import Organisation, OrganisationMember, OrganisationRole, Role

TEXT = ("We would bring ward nurses, paramedics and GPs together every month to share near misses and "
        "agree one escalation chart across the region. ") * 6


def build_data(n, audit):
    slug = f"bench-dossier-{n}"
    org = Organisation.objects.create(name=f"Bench {n}", slug=slug)
    pm = User.objects.create_user(email=f"pm@{slug}.example.org", password=None, first_name="Pat", last_name="Manager")
    OrganisationMember.objects.create(organisation=org, user=pm)
    OrganisationRole.objects.create(organisation=org, user=pm, role=Role.PROJECT_MANAGER)
    panel = [User.objects.create_user(email=f"r{i}@{slug}.example.org", password=None, first_name=f"Reviewer{i}",
                                      last_name="Example") for i in range(3)]
    now = timezone.now()
    with scopes_disabled():
        call = Call.objects.create(organisation=org, title="Bench call", slug="bench", status="under_review",
                                   opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1),
                                   outcome_by=(now + timedelta(days=30)).date())
        crit = [Criterion.objects.create(organisation=org, call=call, name=f"Criterion {i}", weight=i + 1, position=i)
                for i in range(4)]
        applicants = User.objects.bulk_create([User(email=f"a{i}@{slug}.example.org") for i in range(n)])
        apps = Application.objects.bulk_create(
            [Application(organisation=org, call=call, applicant=a, domain=f"Domain {i:04d}", status="submitted",
                         passion=TEXT, core_group=TEXT, ways_of_working=TEXT, support_wanted=TEXT,
                         sponsor_organisation="Example Trust", sponsor_name="Sam Sponsor",
                         sponsor_email="sponsor@example.org", sponsor_confirmed_at=now, decision="funded",
                         decided_at=now, decided_by=pm) for i, a in enumerate(applicants)])
        leads = Lead.objects.bulk_create(
            [Lead(organisation=org, application=a, is_lead=lead, name=f"Lead {a.pk} {lead}",
                  email=f"l{a.pk}{lead}@{slug}.example.org", employer="Example Trust", sector="nhs",
                  confirmed_at=now) for a in apps for lead in (True, False)])
        assignments = Assignment.objects.bulk_create(
            [Assignment(organisation=org, call=call, application=a, reviewer=r, status="submitted", submitted_at=now,
                        no_conflict_declared_at=now) for a in apps for r in panel])
        Score.objects.bulk_create([Score(organisation=org, assignment=s, criterion=c, value=3, comment=TEXT[:300])
                                   for s in assignments for c in crit])
        HonorariumPayment.objects.bulk_create(
            [HonorariumPayment(organisation=org, call=call, application=lead.application, lead=lead,
                               payee=lead.name, amount_pence=250000) for lead in leads])
        OutgoingEmail.objects.bulk_create(
            [OutgoingEmail(organisation=org, key=f"decision-letter:{a.pk}:x@example.org",
                           kind="conveners.decision_letter", to="x@example.org", subject="Outcome", body_text=TEXT,
                           status="sent", sent_at=now)
             for a in apps])
        AuditEvent.objects.bulk_create(
            [AuditEvent(organisation=org, actor=pm, action="application.updated", target_type="conveners.application",
                        target_id=str(a.pk), target_label=a.domain) for a in apps for _ in range(audit)])
    return org, pm, call, apps


def timed(fn, runs):
    fn()  # warm up (fonts, templates)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings.sort()
    return result, {"median": statistics.median(timings), "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
                    "peak_kib": peak / 1024}


def measure(n, runs, audit):
    results = {}
    with transaction.atomic():
        org, pm, call, apps = build_data(n, audit)
        progress = lambda percent, text="": None  # noqa: E731
        with scope(organisation=org):
            one = Build(organisation=org, kind=DOSSIER_KIND, target_id=apps[0].pk)
            (_, content, _), results["one dossier (PDF)"] = timed(lambda: build_dossier(one, progress), runs)
            results["one dossier (PDF)"]["size_kib"] = len(content) / 1024
            whole = Build(organisation=org, kind=CALL_ZIP_KIND, target_id=call.pk)
            (_, archive, _), results[f"call zip ({n} PDFs)"] = timed(lambda: build_call_zip(whole, progress),
                                                                     max(1, runs // 5))
            results[f"call zip ({n} PDFs)"]["size_kib"] = len(archive) / 1024
            assert len(zipfile.ZipFile(io.BytesIO(archive)).namelist()) == n
            ready = Build.objects.create(organisation=org, kind=DOSSIER_KIND, target_type="conveners.application",
                                         target_id=apps[0].pk, status=BuildStatus.READY, requested_by=pm,
                                         finished_at=timezone.now())
        client = Client()
        client.force_login(pm, backend="django.contrib.auth.backends.ModelBackend")
        url = f"/{org.slug}/files/{ready.pk}/"
        for label, headers in (("file page", {}), ("status fragment (htmx)", {"HTTP_HX_REQUEST": "true"})):
            def get(headers=headers):
                response = client.get(url, **headers)
                assert response.status_code in (200, 286), response.status_code
            get()
            with CaptureQueriesContext(connection) as ctx:
                get()
            queries = len(ctx)  # now: the next request resets the log
            _, results[label] = timed(get, runs * 5)
            results[label]["queries"] = queries
        transaction.set_rollback(True)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--audit", type=int, default=30, help="audit entries per application")
    args = parser.parse_args()
    settings.CONVENE_BUILDS_ROOT = Path(tempfile.mkdtemp(prefix="bench-builds-"))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = measure(args.applications, args.runs, args.audit)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; {args.applications} applications, each 2 leads, 3 reviewers × 4 "
          f"criteria, {args.audit} audit entries; {args.runs} runs")
    print(f"{'what':<24} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'peak KiB':>9} {'size KiB':>9}")
    for label, r in results.items():
        print(f"{label:<24} {r.get('queries', ''):>7} {r['median']:>10.1f} {r['p95']:>8.1f} {r['peak_kib']:>9.0f} "
              f"{r.get('size_kib', 0):>9.0f}")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
