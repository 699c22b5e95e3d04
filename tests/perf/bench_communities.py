"""Communities benchmarks at a data scale (see tests/perf/README.md): page latency and query counts of the
community home, the member directory (the largest community: 500 members at M) and the state of play
(300 communities at M), and the time to send 1,000 invitations through the worker.

    CONVENE_TESTING=true .venv/bin/python tests/perf/bench_communities.py --scale M
    # through a real Celery worker on Redis:
    CONVENE_TESTING=true REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python tests/perf/bench_communities.py --scale M

No timed assertions: it prints medians and p95s for BENCHMARKS.md.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

import communities.tasks  # noqa: E402,F401
from communities.models import Action, Community, Invitation, InvitationStatus, Meeting, Membership  # noqa: E402
from cop_platform.accounts.models import User  # noqa: E402
from cop_platform.management.commands.generate_load_data import SLUG, generate  # noqa: E402

LARGEST = f"/{SLUG}/communities/community-00000/"
PAGES = [
    ("community home (largest)", LARGEST),
    ("member directory p1", LARGEST + "members/"),
    ("member directory search", LARGEST + "members/?q=a"),
    ("member directory p10", LARGEST + "members/?page=10"),
    ("state of play p1", f"/{SLUG}/state-of-play/"),
    ("state of play by members", f"/{SLUG}/state-of-play/?sort=-members"),
    ("state of play CSV", f"/{SLUG}/state-of-play.csv"),
]


def add_community_data():
    """Meetings and actions for every community, so the state of play has something to show."""
    now = timezone.now()
    with scopes_disabled(), transaction.atomic():
        communities = list(Community.objects.filter(organisation__slug=SLUG))
        meetings, actions = [], []
        for c in communities:
            for days in (-40, -10, 12):
                starts = now + timedelta(days=days)
                meetings.append(Meeting(organisation_id=c.organisation_id, community=c, title=f"Meeting {days}",
                                        starts_at=starts, ends_at=starts + timedelta(hours=1), place="Room"))
            for k in range(4):
                actions.append(Action(organisation_id=c.organisation_id, community=c, title=f"Step {k}",
                                      month=(now + timedelta(days=30 * k)).date().replace(day=1)))
        Meeting.objects.bulk_create(meetings, batch_size=1000)
        Action.objects.bulk_create(actions, batch_size=1000)
        # Profiles across organisations and professions for the largest community.
        for i, m in enumerate(Membership.objects.filter(community__slug="community-00000")):
            Membership.objects.filter(pk=m.pk).update(employer=f"Trust {i % 37}", sector="nhs_acute")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh tables have no statistics; autovacuum would gather them
            cursor.execute("ANALYZE")
    return len(communities)


def measure_pages(runs):
    pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
    results = {}
    for label, url in PAGES:
        client = Client()
        client.force_login(pm, backend="django.contrib.auth.backends.ModelBackend")
        client.get(url)  # warm up
        count = []

        def counter(execute, sql, params, many, context, count=count):
            count.append(1)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        results[label] = {"queries": len(count), "median": statistics.median(timings),
                          "p95": timings[max(0, int(len(timings) * 0.95) - 1)]}
    return results


def send_invitations(n=1000):
    """Invite ``n`` new addresses (in batches of the form's limit) and wait until the worker has sent all."""
    from django.core import mail

    from communities import services

    worker = None
    redis_url = os.environ.get("REDIS_URL")
    mode = "eager (in-process)"
    if redis_url:
        from celery.contrib.testing.worker import start_worker
        from celery.signals import task_postrun
        from django.db import connection as thread_connection

        from cop_platform.celery import app

        # Worker threads keep their own connections: close them so the test database can be dropped.
        task_postrun.connect(lambda **kwargs: thread_connection.close(), weak=False)
        app.conf.update(broker_url=redis_url, task_always_eager=False)
        app._pool = None
        app.amqp._producer_pool = None
        worker = start_worker(app, pool="threads", concurrency=4, perform_ping_check=False, loglevel="WARNING")
        worker.__enter__()
        mode = "real worker (4 threads) on Redis"
    mail.outbox = []
    with scopes_disabled():
        community = Community.objects.select_related("organisation").get(organisation__slug=SLUG,
                                                                        slug="community-00001")
        convener = User.objects.get(email=f"person0@{SLUG}.load.example.org")
    started = time.perf_counter()
    with scope(organisation=community.organisation):
        for start in range(0, n, services.MAX_INVITATIONS_AT_ONCE):
            addresses = [f"bench{i}@invitee.example.org" for i in range(start, min(n, start + 500))]
            services.invitations_create(organisation=community.organisation, by=convener, community=community,
                                        addresses=addresses, message="Join us")
    queued_at = time.perf_counter()
    deadline = time.monotonic() + 600
    with scopes_disabled():
        while Invitation.objects.filter(community=community, status=InvitationStatus.SENT).count() < n:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        sent = Invitation.objects.filter(community=community, status=InvitationStatus.SENT).count()
    finished = time.perf_counter()
    if worker is not None:
        worker.__exit__(None, None, None)
    return {"mode": mode, "sent": sent, "emails": len(mail.outbox), "queue_s": queued_at - started,
            "total_s": finished - started}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="M", choices=["S", "M", "L"])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--invitations", type=int, default=1000)
    args = parser.parse_args()

    import logging

    logging.getLogger("celery").setLevel(logging.WARNING)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        generate(args.scale)
        n = add_community_data()
        with transaction.atomic():  # one open connection, as production keeps them
            pages = measure_pages(args.runs)
        report(args, n, pages, None)
        invitations = send_invitations(args.invitations) if args.invitations else None
        if invitations:
            report(args, n, None, invitations)
    finally:
        try:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        except Exception as exc:  # a worker thread still holding a connection
            print(f"(could not drop the test database: {exc})")


def report(args, n, pages, invitations):
    if pages:
        print(f"database: {connection.vendor}; scale {args.scale} ({n} communities); {args.runs} runs per page")
        print(f"{'page':<28} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
        for label, r in pages.items():
            print(f"{label:<28} {r['queries']:>7} {r['median']:>10.1f} {r['p95']:>8.1f}")
    if invitations:
        print(f"{args.invitations} invitations, {invitations['mode']}: {invitations['sent']} sent, "
              f"{invitations['emails']} e-mails; created and queued in {invitations['queue_s']:.2f} s, "
              f"all sent after {invitations['total_s']:.2f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
