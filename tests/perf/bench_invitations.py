"""Invitations at scale (see tests/perf/README.md): how long the convener's POST of 500 addresses takes,
and how long 1,000 invitations (two lists of 500) take to reach a mail server, against a bare Celery loop
sending the same number of fixed messages to the same server in the same run.

A tiny SMTP sink (an asyncio server in this process that answers every command and counts DATA) stands
in for the mail server. Two modes:

- embedded: no broker, tasks eager (the default with nothing configured); the POST is timed, then the
  time until its 500 e-mails reached the sink;
- worker: a real Celery worker (a child process, ``-c 2``) on Redis (``REDIS_URL``); first the bare loops
  (1,000 tasks each sending one fixed message over a new connection; 10 tasks each sending 100 over one
  connection; no database), then two POSTs of 500 invitations, timed from the first POST to the
  1,000th e-mail at the sink.

It prints figures and asserts nothing. Needs PostgreSQL and Redis:

    CONVENE_TESTING=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/convene \\
        REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python tests/perf/bench_invitations.py
"""

import asyncio
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:
    django.setup()

from celery import shared_task  # noqa: E402
from django.core.mail import EmailMessage, get_connection  # noqa: E402

FIXED = {"subject": "An invitation to join Sepsis", "body": "Hello,\n\nWould you join us?\n" * 10,
         "from_email": "Convene <no-reply@convene.example.org>"}


@shared_task(name="bench.bare_send", ignore_result=True)
def bare_send(i):
    """The bare loop's body: one fixed message, a new connection, no database."""
    EmailMessage(to=[f"bare{i}@example.org"], **FIXED).send()


@shared_task(name="bench.bare_batch", ignore_result=True)
def bare_batch(start, n):
    """The bare batch: ``n`` fixed messages over one connection, no database."""
    connection = get_connection()
    connection.send_messages([EmailMessage(to=[f"bare{start + i}@example.org"], **FIXED) for i in range(n)])


class Sink:
    """An SMTP server that accepts everything and counts the messages (DATA commands)."""

    def __init__(self):
        self.count = 0
        self.port = None
        self._ready = threading.Event()

    async def _handle(self, reader, writer):
        writer.write(b"220 sink.example.org ESMTP\r\n")
        await writer.drain()
        while line := await reader.readline():
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                writer.write(b"250 sink.example.org\r\n")
            elif command == b"DATA":
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await writer.drain()
                while (body := await reader.readline()) and body != b".\r\n":
                    pass
                self.count += 1
                writer.write(b"250 OK\r\n")
            elif command == b"QUIT":
                writer.write(b"221 Bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 OK\r\n")
            await writer.drain()
        writer.close()

    def _serve(self):
        loop = asyncio.new_event_loop()
        server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        loop.run_forever()

    def start(self):
        threading.Thread(target=self._serve, daemon=True).start()
        self._ready.wait()
        return self

    def wait_for(self, n, timeout=600):
        deadline = time.monotonic() + timeout
        while self.count < n and time.monotonic() < deadline:
            time.sleep(0.005)
        return time.monotonic()


def _setup(settings, sink):
    from django_scopes import scopes_disabled

    from communities.models import MembershipRole
    from tests.factories import CommunityFactory, OrganisationFactory, member_of

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR = 100_000
    with scopes_disabled():
        org = OrganisationFactory(slug="bench-invite", name="Bench Network")
        communities = [CommunityFactory(organisation=org, slug=f"list-{i}", name=f"List {i}") for i in range(3)]
        convener = None
        for community in communities:
            convener = member_of(community, role=MembershipRole.CONVENER, user=convener, email="convener@example.org")
    return org, communities, convener


def _post(client, org, community, start, n=500):
    from django.urls import reverse

    addresses = "\n".join(f"person{start + i}@example.org" for i in range(n))
    url = reverse("communities:invite", kwargs={"org": org.slug, "slug": community.slug})
    began = time.monotonic()
    response = client.post(url, {"addresses": addresses, "role": "member", "message": "Would you join us?"})
    took = time.monotonic() - began
    assert response.status_code == 302, response.status_code
    return began, took


def _worker(sink, database_name):
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{database_name}"
    env = {**os.environ, "DATABASE_URL": url, "CELERY_TASK_ALWAYS_EAGER": "false",
           "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}", "CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR": "100000"}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cop_platform", "worker", "-c", "2", "--loglevel=warning",
         "--without-gossip", "--without-mingle", "-I", "tests.perf.bench_invitations"],
        cwd=ROOT, env=env)


def main():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cop_platform.celery import app

    redis_url = os.environ.get("REDIS_URL")
    if not redis_url or "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Needs REDIS_URL and a PostgreSQL DATABASE_URL.")
    setup_test_environment()
    settings.DEBUG = False
    original_name = settings.DATABASES["default"]["NAME"]
    database_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    sink = Sink().start()
    org, communities, convener = _setup(settings, sink)
    client = Client()
    client.force_login(convener)
    figures = []
    worker = None
    try:
        # Embedded default: no broker, tasks eager.
        settings.CELERY_TASK_ALWAYS_EAGER = True
        settings.CONVENE_EMAIL_SEND_IN_THREAD = True
        app.conf.task_always_eager = True
        began, took = _post(client, org, communities[0], 0)
        done = sink.wait_for(500)
        figures.append(("embedded: POST of 500 addresses", took))
        figures.append(("embedded: POST to 500 e-mails at the sink", done - began))

        # A real worker on Redis.
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.update(task_always_eager=False, broker_url=redis_url)
        with app.connection_for_write() as conn:
            conn.default_channel.client.flushdb()
        worker = _worker(sink, database_name)
        deadline = time.monotonic() + 120
        while not app.control.ping(timeout=0.5) and time.monotonic() < deadline:
            pass
        time.sleep(1)
        start = sink.count
        began = time.monotonic()
        for i in range(1000):
            bare_send.delay(i)
        bare = sink.wait_for(start + 1000) - began
        figures.append(("worker: bare loop, 1,000 tasks x 1 message, new connection each", bare))
        start = sink.count
        began = time.monotonic()
        for i in range(10):
            bare_batch.delay(i * 100, 100)
        bare_batched = sink.wait_for(start + 1000) - began
        figures.append(("worker: bare batches, 10 tasks x 100 messages, one connection each", bare_batched))
        start = sink.count
        began, first = _post(client, org, communities[1], 1000)
        _, second = _post(client, org, communities[2], 2000)
        done = sink.wait_for(start + 1000) - began
        figures.append(("worker: POST of 500 addresses (first list)", first))
        figures.append(("worker: POST of 500 addresses (second list)", second))
        figures.append(("worker: first POST to 1,000 invitations at the sink", done))
        figures.append(("worker: ratio to the bare loop (1 message a task)", done / bare))
        figures.append(("worker: ratio to the bare batches (100 messages a task)", done / bare_batched))
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(30)
        connection.creation.destroy_test_db(original_name, verbosity=0)
    print(f"{'measure':<72} {'value':>8}")
    for label, value in figures:
        unit = "x" if label.startswith("worker: ratio") else "s"
        print(f"{label:<72} {value:>7.2f}{unit}")


if __name__ == "__main__":
    main()
