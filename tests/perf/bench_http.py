"""``make bench``: the production configuration served on loopback and measured over HTTP in one run (see
tests/perf/README.md).

Starts gunicorn with ``cop_platform/gunicorn.py`` (two sync workers, DEBUG off, a generated SECRET_KEY), a
Celery worker (``-c 2``) and an SMTP sink, against ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL``; migrates,
generates the load data at M if it is missing, then measures side by side:

- the bare page (``cop_platform.bench_bare``: the layout and middleware, about 20 KB, no query) — the limit —
  run before, between and after the tracked pages;
- the pages a convener, a member, a project manager, a panel member and an evaluator open most, signed in
  through sessions made directly for them: requests/s, p50, p99 and the ratio to the bare page;
- 1,000 invitations sent from the invitation form (two lists of 500) to the sink, against a bare Celery loop
  sending 1,000 e-mails to the same sink;
- the query count of every page of ``bench_pages.py`` at S and at M, and the PDFs of ``bench_exports.py``
  and ``bench_report.py`` (each run as its own child process, on a throwaway test database).

Writes the results into BENCHMARKS.md between ``<!-- make bench: start -->`` and ``<!-- make bench: end -->``
and prints the figures that miss their targets; the exit code is 0 whatever the figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/convene_bench REDIS_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python tests/perf/bench_http.py [--duration 10] [--skip queries pdfs]
"""

import argparse
import http.client
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.http_load import SmtpSink, load  # noqa: E402

HOST = "127.0.0.1"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/convene_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
BARE_PATH = "/bench/bare/"
# The done-when bar: every tracked page at least this share of the bare page's requests/s, p99 under this.
TARGET_RATIO = 0.70
TARGET_P99_MS = 100.0
INVITATIONS = 1000
INVITATION_LISTS = 2
CALL_SLUG = "bench-http"
INVITEE_DOMAIN = "invitees.example.org"
START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"
BIN = Path(sys.executable).parent
CALLER_ENV = dict(os.environ)  # for the child scripts on their test database


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env(args, port, sink_port):
    """The environment of gunicorn, the worker and this process: production settings on loopback."""
    env = {k: v for k, v in os.environ.items() if k not in {"CONVENE_TESTING", "CELERY_TASK_ALWAYS_EAGER"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cop_platform.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        EMAIL_HOST=HOST,
        EMAIL_PORT=str(sink_port),
        EMAIL_USE_TLS="false",
        EMAIL_USE_SSL="false",
        SITE_URL=f"https://{HOST}:{port}",
        GUNICORN_BIND=f"{HOST}:{port}",
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_THREADS=str(args.threads),
        STATIC_ROOT=str(ROOT / "var" / "bench-staticfiles"),
        CONVENE_BENCH_BARE="true",
        LOG_LEVEL="WARNING",
    )
    return env


# --- Processes --------------------------------------------------------------------------------------------


class Processes:
    """The child processes of the run, each in its own process group, all stopped by :meth:`stop`."""

    def __init__(self, logs):
        self.logs = logs
        self.running = []

    def start(self, name, command, env):
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.running.append((name, process, log))
        return process

    def stop(self):
        for _name, process, _log in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process, log in self.running:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
            log.close()
        self.running.clear()


def ensure_database(database_url):
    """Create the benchmark's database when it does not exist yet (a fresh machine has none)."""
    import psycopg
    from psycopg import sql

    name = database_url.rsplit("/", 1)[-1].split("?")[0]
    server = database_url[: -len(database_url.rsplit("/", 1)[-1])] + "postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"bench: created the database {name}", flush=True)


def manage(env, *arguments, capture=False):
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True,
                          capture_output=capture, text=True)


def static_files_stale(env):
    """Whether collectstatic must run: no manifest yet, or a file of ``static/`` or a ``package.json`` newer
    than it (collecting and compressing everything takes minutes on a busy machine)."""
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [ROOT / "package-lock.json", *(p for p in (ROOT / "static").rglob("*") if p.is_file())]
    return any(p.exists() and p.stat().st_mtime > built for p in sources)


def wait_until_served(port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer /healthz on port {port} within {timeout} s")


# --- Data: the load data at M, what the tracked pages need, sessions --------------------------------------


def ensure_load_data(env, scale):
    """``generate_load_data --if-missing``: builds the scale unless the load organisation already holds it."""
    manage(env, "generate_load_data", "--scale", scale, "--if-missing")
    return "generate_load_data --if-missing"


def prepare_pages():
    """What the tracked pages need beyond the load data (made once, kept): a panel member and an evaluator,
    meetings in the largest community, and a call under review with applications, criteria and the panel
    member's assignments. Returns the people and the pages."""
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from communities.models import Community, Invitation, Meeting, Membership
    from conveners.models import Application, Assignment, Call, Criterion, Lead, PanelMember
    from cop_platform.accounts.models import User
    from cop_platform.management.commands.generate_load_data import SLUG
    from cop_platform.models import OutgoingEmail
    from cop_platform.tenancy.models import Organisation, OrganisationMember, OrganisationRole, Role

    now = timezone.now()
    with scopes_disabled(), transaction.atomic():
        org = Organisation.objects.get(slug=SLUG)
        largest_id = (Membership.objects.filter(organisation=org).values("community")
                      .annotate(n=Count("id")).order_by("-n", "community")[0]["community"])
        community = Community.objects.get(pk=largest_id)
        staff = set(OrganisationRole.objects.filter(organisation=org).values_list("user_id", flat=True))
        pm = User.objects.get(pk=OrganisationRole.objects.filter(organisation=org, role=Role.PROJECT_MANAGER)
                              .order_by("pk").values_list("user_id", flat=True)[0])
        convener = Membership.objects.filter(community=community, role="convener").order_by("pk").first().user
        member = (Membership.objects.filter(community=community, role="member").exclude(user_id__in=staff)
                  .order_by("pk").first().user)
        in_largest = set(Membership.objects.filter(community=community).values_list("user_id", flat=True))
        others = (OrganisationMember.objects.filter(organisation=org).exclude(user_id__in=staff | in_largest)
                  .order_by("-pk").values_list("user_id", flat=True))
        call = Call.objects.filter(organisation=org, slug=CALL_SLUG).first()
        if call is None:
            panel_id, evaluator_id = others[0], others[1]
            OrganisationRole.objects.get_or_create(organisation=org, user_id=panel_id, role=Role.PANEL_MEMBER)
            OrganisationRole.objects.get_or_create(organisation=org, user_id=evaluator_id, role=Role.EVALUATOR)
            call = Call.objects.create(organisation=org, title="Convener call (benchmark)", slug=CALL_SLUG,
                                       status="under_review", opens_at=now - timedelta(days=40),
                                       closes_at=now - timedelta(days=2), outcome_by=(now + timedelta(days=30)).date())
            Criterion.objects.bulk_create(Criterion(organisation=org, call=call, name=f"Criterion {i}", weight=i + 1,
                                                    position=i) for i in range(4))
            applicants = list(User.objects.filter(pk__in=others[2:202]))
            applications = Application.objects.bulk_create(
                Application(organisation=org, call=call, applicant=a, domain=f"Domain {i:04d}", status="submitted",
                            passion="Safer handovers.", core_group="Nurses and paramedics.",
                            ways_of_working="Monthly huddles.") for i, a in enumerate(applicants))
            Lead.objects.bulk_create(Lead(organisation=org, application=a, is_lead=True, name=f"Lead {i}",
                                          email=f"lead{i}@leads.example.org", employer=f"Trust {i % 9}", sector="nhs")
                                     for i, a in enumerate(applications))
            PanelMember.objects.create(organisation=org, call=call, user_id=panel_id)
            Assignment.objects.bulk_create(Assignment(organisation=org, call=call, application=a, reviewer_id=panel_id,
                                                      status="assigned", no_conflict_declared_at=now)
                                           for a in applications[:30])
        assignment = Assignment.objects.filter(call=call).order_by("pk").first()
        panel = User.objects.get(pk=assignment.reviewer_id)
        evaluator = User.objects.get(pk=OrganisationRole.objects.filter(organisation=org, role=Role.EVALUATOR)
                                     .order_by("pk").values_list("user_id", flat=True)[0])
        if not Meeting.objects.filter(community=community).exists():
            Meeting.objects.bulk_create(
                Meeting(organisation=org, community=community, title=f"Monthly huddle {days:+d}",
                        starts_at=now + timedelta(days=days), ends_at=now + timedelta(days=days, hours=1),
                        place="Seminar room 2") for days in range(-300, 60, 30))
        meeting = Meeting.objects.filter(community=community).order_by("-starts_at").first()
        # The previous run's invitations and their e-mails: every run measures the same invitations list.
        Invitation.objects.filter(community=community, email__endswith=f"@{INVITEE_DOMAIN}").delete()
        OutgoingEmail.objects.filter(organisation=org, to__endswith=f"@{INVITEE_DOMAIN}").delete()

    c = f"/{SLUG}/communities/{community.slug}"
    people = {"convener": convener, "member": member, "project manager": pm, "panel member": panel,
              "evaluator": evaluator}
    pages = [
        ("convener", "community home (largest)", f"{c}/"),
        ("convener", "member directory", f"{c}/members/"),
        ("convener", "meetings", f"{c}/meetings/"),
        ("convener", "a meeting", f"{c}/meetings/{meeting.pk}/"),
        ("convener", "conversations", f"{c}/conversations/"),
        ("convener", "plan", f"{c}/plan/"),
        ("convener", "library", f"{c}/library/"),
        ("convener", "invitations", f"{c}/invitations/"),
        ("member", "tenant home", f"/{SLUG}/"),
        ("member", "community directory", f"/{SLUG}/communities/"),
        ("member", "community home (largest)", f"{c}/"),
        ("member", "my work", f"/{SLUG}/my-work/"),
        ("member", "notifications inbox", f"/{SLUG}/notifications/"),
        ("project manager", "tenant home", f"/{SLUG}/"),
        ("project manager", "state of play", f"/{SLUG}/state-of-play/"),
        ("project manager", "calls", f"/{SLUG}/calls/"),
        ("project manager", "a call's applications", f"/{SLUG}/calls/{call.slug}/applications/"),
        ("project manager", "programmes", f"/{SLUG}/programmes/"),
        ("panel member", "my reviews", f"/{SLUG}/calls/{call.slug}/review/"),
        ("panel member", "review page", f"/{SLUG}/calls/{call.slug}/review/{assignment.pk}/"),
        ("evaluator", "evaluation home", f"/{SLUG}/evaluation/"),
        ("evaluator", "evaluator's views", f"/{SLUG}/evaluation/views/"),
        ("evaluator", "a community's value page", f"{c}/value/"),
    ]
    return people, pages, community


def session_for(user):
    """A signed-in session for ``user`` as a completed sign-in leaves it (the second factor remembered, a
    recent authentication recorded), with no password typed; returns the session key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from cop_platform.accounts import mfa

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[mfa.SESSION_KEY] = user.pk
    store["account_authentication_methods_user"] = str(user.pk)
    store["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    store.save()
    return store.session_key


def browser_headers(session_key=None, csrf_cookie=None):
    """A browser's headers; ``csrf_cookie`` is what a browser holds after its first page with a form (pages
    are kept, cop_platform/pagecache.py, only for a browser that has one)."""
    headers = {"X-Forwarded-Proto": "https", "Accept": "text/html"}
    cookies = [f"sessionid={session_key}"] if session_key else []
    if csrf_cookie:
        cookies.append(f"csrftoken={csrf_cookie}")
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    return headers


# --- Measurements -----------------------------------------------------------------------------------------


def get_once(port, path, headers, timeout=120):
    """One GET over a connection of its own, read to the end."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    connection.request("GET", path, headers=headers)
    connection.getresponse().read()


def wait_until_idle(port, timeout=300):
    """Seconds until a bare-page request is answered: it queues behind whatever the workers still have from the
    previous page (a slow page leaves up to ``connections`` requests behind), so the next page starts on idle
    workers."""
    started = time.perf_counter()
    try:
        get_once(port, BARE_PATH, browser_headers(), timeout=timeout)
    except OSError:
        pass
    return time.perf_counter() - started


def measure_pages(args, port, people, pages):
    sessions = {role: session_for(user) for role, user in people.items()}
    bare_runs, rows = [], []

    def bare():
        wait_until_idle(port)
        result = load(HOST, port, BARE_PATH, headers=browser_headers(), connections=args.connections,
                      warmup=args.warmup, duration=args.duration)
        bare_runs.append(result)
        print(f"  bare page: {result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms,"
              f" {result['errors']} errors", flush=True)

    bare()
    for index, (role, label, path) in enumerate(pages):
        # As a browser that has been here before (a CSRF cookie: the page is kept between changes), after its
        # own first visit (one request: the 16 connections of one session do not all render it at once) ...
        wait_until_idle(port)
        returning = browser_headers(sessions[role], csrf_cookie=secrets.token_hex(16))
        get_once(port, path, returning)  # its first visit
        result = load(HOST, port, path, headers=returning, connections=args.connections, warmup=args.warmup,
                      duration=args.duration)
        # ... and rendered on every request (no CSRF cookie yet: nothing is kept), what a first visit costs.
        wait_until_idle(port)
        rendered = load(HOST, port, path, headers=browser_headers(sessions[role]), connections=args.connections,
                        warmup=args.warmup, duration=args.rendered_duration)
        rows.append({"role": role, "label": label, **result, "rendered": rendered})
        loud = "" if not (result["errors"] or rendered["errors"]) else (
            f"  <-- ERRORS: statuses {result['statuses']} / {rendered['statuses']}")
        print(f"  {role}: {label}: {result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
              f"p99 {result['p99_ms']:.1f} ms; rendered every time {rendered['rps']:.0f} req/s, "
              f"p50 {rendered['p50_ms']:.1f} ms, p99 {rendered['p99_ms']:.1f} ms{loud}", flush=True)
        if (index + 1) % args.bare_every == 0 and index + 1 < len(pages):
            bare()
    bare()
    return bare_runs, rows


def _invite_form(port, session_key, path):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    connection.request("GET", path, headers=browser_headers(session_key))
    response = connection.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"the invitation form answered {response.status}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    return token, cookie.group(1) if cookie else None


def measure_invitations(port, sink, convener, community):
    """Two lists of 500 addresses posted to the invitation form as the convener; seconds from the first POST
    to the 1,000th message at the sink, and each POST's own duration."""
    from cop_platform.management.commands.generate_load_data import SLUG

    session_key = session_for(convener)
    path = f"/{SLUG}/communities/{community.slug}/invitations/new/"
    run = secrets.token_hex(4)
    per_list = INVITATIONS // INVITATION_LISTS
    sink.reset()
    posts, started = [], None
    for n in range(INVITATION_LISTS):
        token, csrf_cookie = _invite_form(port, session_key, path)
        addresses = "\n".join(f"guest{n * per_list + i}-{run}@{INVITEE_DOMAIN}" for i in range(per_list))
        body = urlencode({"csrfmiddlewaretoken": token, "addresses": addresses, "role": "member",
                          "message": "Join our community: we meet monthly to share what works on the wards."})
        headers = {**browser_headers(session_key), "Content-Type": "application/x-www-form-urlencoded",
                   "Origin": f"https://{HOST}:{port}", "Referer": f"https://{HOST}:{port}{path}"}
        if csrf_cookie:
            headers["Cookie"] += f"; csrftoken={csrf_cookie}"
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        posted = time.perf_counter()
        started = started or posted
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        posts.append(time.perf_counter() - posted)
        if response.status != 302:
            raise RuntimeError(f"the invitation POST answered {response.status}, not a redirect")
    last = sink.wait_for(INVITATIONS, timeout=600)
    return {"posts_s": posts, "seconds": (last - started) if last else None, "arrived": sink.count}


def measure_bare_loop(sink):
    """1,000 bare tasks, each sending one e-mail; seconds from the first enqueue to the 1,000th message."""
    from tests.perf.bench_mail_task import send_one_mail

    sink.reset()
    started = time.perf_counter()
    for n in range(INVITATIONS):
        send_one_mail.delay(n)
    enqueued = time.perf_counter() - started
    last = sink.wait_for(INVITATIONS, timeout=600)
    return {"enqueue_s": enqueued, "seconds": (last - started) if last else None, "arrived": sink.count}


def child_env(args):
    env = dict(CALLER_ENV)
    env.update(CONVENE_TESTING="true", DATABASE_URL=args.database_url, REDIS_URL=args.redis_url,
               DJANGO_SETTINGS_MODULE="cop_platform.settings")
    return env


def query_counts(args):
    """Every page of bench_pages.py with its query count at S and at M (one timed run each: only the counts
    are used)."""
    output = subprocess.run([sys.executable, "tests/perf/bench_pages.py", "--scale", "M", "--compare", "S",
                             "--runs", "1"], cwd=ROOT, env=child_env(args), check=True, capture_output=True,
                            text=True).stdout
    rows = []
    for line in output.splitlines():
        words = line.split()
        if len(words) < 7 or line.startswith(("page", "database")):
            continue
        rows.append((" ".join(words[:-6]), words[-6], words[-2]))
    return rows


def pdfs(args):
    """The brochure (7 and 100 communities) and the programme report at M, as their own scripts print them."""
    out = []
    for script in (["tests/perf/bench_exports.py", "--runs", str(args.pdf_runs)],
                   ["tests/perf/bench_report.py", "--scale", "M", "--runs", str(args.pdf_runs)]):
        done = subprocess.run([sys.executable, *script], cwd=ROOT, env=child_env(args), capture_output=True,
                              text=True)
        out.append(done.stdout.strip() if done.returncode == 0 else
                   f"{script[0]} failed (exit {done.returncode}):\n{done.stderr.strip()[-2000:]}")
    return "\n\n".join(out)


# --- Report -----------------------------------------------------------------------------------------------


def versions(args):
    import celery
    import django
    import gunicorn
    import redis
    import weasyprint
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    redis_version = redis.Redis.from_url(args.redis_url).info().get("redis_version", "?")
    return {"Python": platform.python_version(), "Django": django.get_version(), "PostgreSQL": postgres,
            "Redis": redis_version, "gunicorn": gunicorn.__version__, "Celery": celery.__version__,
            "WeasyPrint": weasyprint.__version__}


def machine():
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    ram = "?"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, {platform.system()} {platform.release()}"


def ms(value):
    return "—" if value != value else f"{value:.1f}"  # NaN: no request answered within the window


def spread(values):
    return f"{min(values):.0f}–{max(values):.0f}"


def report(args, context):
    lines, misses = [], []
    lines += [f"Run {context['date']} in {context['elapsed']:.0f} s: `make bench` (tests/perf/bench_http.py; "
              + ", ".join(context["phases"]) + ").", "",
              f"- Machine: {context['machine']}",
              "- Versions: " + ", ".join(f"{k} {v}" for k, v in context["versions"].items()),
              f"- Served: gunicorn `cop_platform/gunicorn.py`, {args.workers} sync workers "
              f"(threads {args.threads}), DEBUG off, PostgreSQL, Redis cache and broker, a Celery worker (-c 2), "
              f"an SMTP sink; all on loopback. Load data: {context['data']}.",
              f"- Load: {args.connections} HTTP/1.1 connections from one asyncio client on the same machine, "
              f"{args.warmup:g} s warm-up then {args.duration:g} s measured per page; non-200 answers are errors; "
              f"'unfinished': requests still unanswered 30 s after the window (given up).",
              ""]
    if context.get("pages"):
        bare_runs, rows = context["pages"]
        bare_rps = statistics.median(r["rps"] for r in bare_runs)
        lines += ["### Pages against the bare page", "",
                  f"Bare page (layout and middleware, ~20 KB, no query), {len(bare_runs)} runs spread through the "
                  f"set: median {bare_rps:.0f} req/s (spread {spread([r['rps'] for r in bare_runs])}), p50 "
                  f"{statistics.median(r['p50_ms'] for r in bare_runs):.1f} ms, p99 "
                  f"{statistics.median(r['p99_ms'] for r in bare_runs):.1f} ms.", "",
                  f"Target: ≥ {TARGET_RATIO:.0%} of the bare page's req/s and p99 < {TARGET_P99_MS:.0f} ms, for "
                  "a browser that has been here before (pages kept between changes, cop_platform/pagecache.py). "
                  f"'Rendered': the same page with no CSRF cookie yet, so rendered on every request "
                  f"({args.rendered_duration:g} s measured): what a first visit or a page after a change costs.", "",
                  "| who | page | req/s | p50 ms | p99 ms | errors | ratio to bare | target "
                  "| rendered req/s | rendered p50 ms | rendered p99 ms | rendered ratio |",
                  "|---|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|"]
        for r in rows:
            ratio = r["rps"] / bare_rps if bare_rps else 0
            rendered = r["rendered"]
            problems = []
            errors = r["errors"] + rendered["errors"] + r["unfinished"] + rendered["unfinished"]
            if errors:
                problems.append(f"{errors} errors or unfinished {r['statuses']} / {rendered['statuses']}")
            if ratio < TARGET_RATIO:
                problems.append(f"ratio {ratio:.2f}")
            if not r["p99_ms"] < TARGET_P99_MS:
                problems.append(f"p99 {ms(r['p99_ms'])} ms")
            if problems:
                misses.append(f"{r['role']}: {r['label']}: " + ", ".join(problems))
            lines.append(f"| {r['role']} | {r['label']} | {r['rps']:.1f} | {ms(r['p50_ms'])} | {ms(r['p99_ms'])} | "
                         f"{errors} | {ratio:.2f} | {'met' if not problems else 'MISSED'} | {rendered['rps']:.1f} | "
                         f"{ms(rendered['p50_ms'])} | {ms(rendered['p99_ms'])} | "
                         f"{(rendered['rps'] / bare_rps if bare_rps else 0):.2f} |")
        lines.append("")
    if context.get("mail"):
        invitations, bare_loop = context["mail"]
        lines += ["### 1,000 invitations against a bare Celery loop", "",
                  "| how | seconds to the 1,000th message at the sink | messages arrived | notes |",
                  "|---|--:|--:|---|"]
        for label, r, note in (
                ("invitation form, 2 × 500 addresses", invitations,
                 "POSTs " + ", ".join(f"{s:.2f} s" for s in invitations.get("posts_s", []))),
                ("bare Celery loop (send_mail per task)", bare_loop, f"enqueue {bare_loop.get('enqueue_s', 0):.2f} s")):
            seconds = f"{r['seconds']:.1f}" if r.get("seconds") else "did not finish"
            lines.append(f"| {label} | {seconds} | {r.get('arrived', 0)} | {note} |")
        if invitations.get("seconds") and bare_loop.get("seconds"):
            lines += ["", f"Ratio invitations / bare loop: {invitations['seconds'] / bare_loop['seconds']:.2f}."]
        else:
            misses.append("invitations or bare loop: not all 1,000 messages arrived")
        lines.append("")
    if context.get("queries"):
        lines += ["### Queries per GET page (bench_pages.py, test client)", "", "| page | queries S | queries M |",
                  "|---|--:|--:|"]
        lines += [f"| {label} | {s} | {m} |" for label, m, s in context["queries"]]
        lines.append("")
    if context.get("pdfs"):
        lines += ["### PDFs (bench_exports.py, bench_report.py)", "", "```", context["pdfs"], "```", ""]
    for name, error in context.get("errors", []):
        lines += [f"**{name} failed:**", "", "```", str(error).strip(), "```", ""]
        misses.append(f"{name}: failed ({error})")
    return "\n".join(lines), misses


def write_benchmarks(section):
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{section.rstrip()}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        lines = text.splitlines(keepends=True)
        at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
        text = "".join(lines[:at]) + "\n" + block + "\n" + "".join(lines[at:])
    path.write_text(text)


# --- Main -------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
    parser.add_argument("--scale", default="M", choices=["S", "M", "L"])
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per page")
    parser.add_argument("--rendered-duration", type=float, default=5.0,
                        help="measured seconds per page rendered on every request (nothing kept)")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (1: sync workers)")
    parser.add_argument("--bare-every", type=int, default=6, help="a bare-page run after every N pages")
    parser.add_argument("--pdf-runs", type=int, default=3)
    parser.add_argument("--skip", nargs="*", default=[], choices=["pages", "mail", "queries", "pdfs"])
    parser.add_argument("--no-write", action="store_true", help="print the section, leave BENCHMARKS.md alone")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("the HTTP benchmark needs PostgreSQL (DATABASE_URL=postgres://...)")

    began = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logs = Path(tempfile.mkdtemp(prefix="bench-http-"))
    sink = SmtpSink(HOST).start()
    port = free_port()
    env = server_env(args, port, sink.port)
    os.environ.clear()
    os.environ.update(env)  # this process: the same settings as the server (sessions signed with its key)
    processes = Processes(logs)
    context = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(), "errors": [],
               "phases": []}

    since = [time.monotonic()]  # when the previous phase ended

    def phase(name):
        now = time.monotonic()
        context["phases"].append(f"{name} {now - since[0]:.0f} s")
        print(f"bench: {name} took {now - since[0]:.0f} s", flush=True)
        since[0] = now
    try:
        print(f"bench: migrating and collecting static files ({args.database_url.rsplit('/', 1)[-1]})", flush=True)
        ensure_database(args.database_url)
        manage(env, "migrate", "--noinput", "-v", "0")
        if static_files_stale(env):
            manage(env, "collectstatic", "--noinput", "-v", "0")
        phase("migrate and collectstatic")
        import django

        django.setup()
        context["versions"] = versions(args)
        context["data"] = ensure_load_data(env, args.scale)
        people, pages, community = prepare_pages()
        phase("load data and page data")
        processes.start("gunicorn", [str(BIN / "gunicorn"), "cop_platform.wsgi:application", "--config",
                                     "python:cop_platform.gunicorn"], env)
        processes.start("celery", [str(BIN / "celery"), "-A", "cop_platform", "worker", "-c", "2", "-l", "warning",
                                   "--include", "tests.perf.bench_mail_task"], env)
        wait_until_served(port)
        print(f"bench: serving on {HOST}:{port}, logs in {logs}", flush=True)
        if "pages" not in args.skip:
            context["pages"] = measure_pages(args, port, people, pages)
            phase("pages")
        if "mail" not in args.skip:
            print("bench: 1,000 invitations, then the bare Celery loop", flush=True)
            try:
                from tests.perf.bench_mail_task import send_one_mail

                sink.reset()
                send_one_mail.delay(-1)  # the worker is up and has the task
                if sink.wait_for(1, timeout=60) is None:
                    raise RuntimeError("the Celery worker sent nothing within 60 s")
                context["mail"] = (measure_invitations(port, sink, people["convener"], community),
                                   measure_bare_loop(sink))
            except Exception as exc:  # noqa: BLE001 - reported, the other figures still stand
                context["errors"].append(("invitations", exc))
            phase("e-mails")
        processes.stop()
        from django.db import connections

        connections.close_all()
        if "queries" not in args.skip:
            print("bench: query counts at S and M (bench_pages.py)", flush=True)
            try:
                context["queries"] = query_counts(args)
            except subprocess.CalledProcessError as exc:
                context["errors"].append(("query counts", (exc.stderr or "")[-500:]))
            phase("query counts")
        if "pdfs" not in args.skip:
            print("bench: PDFs (bench_exports.py, bench_report.py)", flush=True)
            context["pdfs"] = pdfs(args)
            phase("PDFs")
    finally:
        processes.stop()
        sink.stop()
    context["elapsed"] = time.monotonic() - began
    section, misses = report(args, context)
    print("\n" + section)
    if not args.no_write:
        write_benchmarks(section)
        print("bench: BENCHMARKS.md updated")
    if misses:
        print("\nbench: figures that miss their targets:\n  " + "\n  ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
