"""Shared fixtures: a two-tenant world, signed-in clients, a real Celery worker on Redis."""

import os
import re
from dataclasses import dataclass

os.environ.setdefault("CONVENE_TESTING", "true")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # pytest-django's live_server with Playwright

import pytest  # noqa: E402

import communities.tasks  # noqa: E402,F401  (register every app's tasks before any worker starts)
import conveners.tasks  # noqa: E402,F401
import cop_platform.tasks  # noqa: E402,F401
import evaluation.tasks  # noqa: E402,F401
from communities.models import MembershipRole, Visibility  # noqa: E402
from cop_platform.tenancy.models import Role  # noqa: E402
from tests.factories import CommunityFactory, OrganisationFactory, member_of, person_in  # noqa: E402


@dataclass
class Tenant:
    organisation: object
    admin: object
    project_manager: object
    panel_member: object
    evaluator: object
    convener: object
    member: object  # a member of the listed community, with no organisation role
    outsider: object  # in the organisation, in no community, no role
    community: object  # listed
    unlisted: object  # unlisted; ``member`` is not in it


@dataclass
class World:
    a: Tenant
    b: Tenant


def _tenant(slug, name):
    org = OrganisationFactory(slug=slug, name=name)
    community = CommunityFactory(organisation=org, name=f"{name} Sepsis", slug="sepsis")
    unlisted = CommunityFactory(organisation=org, name=f"{name} Quiet Circle", slug="quiet-circle",
                                visibility=Visibility.UNLISTED)
    convener = member_of(community, role=MembershipRole.CONVENER, email=f"convener@{slug}.example.org")
    member_of(unlisted, role=MembershipRole.CONVENER, user=convener)
    return Tenant(
        organisation=org,
        admin=person_in(org, roles=[Role.ADMIN], email=f"admin@{slug}.example.org"),
        project_manager=person_in(org, roles=[Role.PROJECT_MANAGER], email=f"pm@{slug}.example.org"),
        panel_member=person_in(org, roles=[Role.PANEL_MEMBER], email=f"panel@{slug}.example.org"),
        evaluator=person_in(org, roles=[Role.EVALUATOR], email=f"evaluator@{slug}.example.org"),
        convener=convener,
        member=member_of(community, email=f"member@{slug}.example.org"),
        outsider=person_in(org, email=f"outsider@{slug}.example.org"),
        community=community,
        unlisted=unlisted,
    )


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploads and generated files made by tests land in throwaway folders, never in var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.CONVENE_BUILDS_ROOT = tmp_path_factory.mktemp("builds")


@pytest.fixture
def world(db):
    return World(a=_tenant("tenant-a", "Alpha Network"), b=_tenant("tenant-b", "Beta Network"))


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user``."""

    def _sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _sign_in


# --- A real Celery worker on Redis -----------------------------------------------------------------


def _worker_index():
    match = re.search(r"(\d+)$", os.environ.get("PYTEST_XDIST_WORKER", "gw0"))
    return int(match.group(1)) if match else 0


@pytest.fixture
def celery_worker_redis(transactional_db, settings):
    """A real Celery worker thread consuming from Redis (``REDIS_URL``), for task tests.

    Each xdist worker uses its own Redis database (from ``CONVENE_TEST_REDIS_DB``, default 8, upwards) so
    parallel runs never take each other's tasks.
    Needs ``transactional_db``: the worker thread must see the test's committed rows.
    """
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("needs REDIS_URL (a real Redis) for a real Celery worker")
    from celery.contrib.testing.worker import start_worker

    from cop_platform.celery import app

    base = redis_url.split("?")[0].rstrip("/")
    if re.search(r"/\d+$", base):
        base = base.rsplit("/", 1)[0]
    first_db = int(os.environ.get("CONVENE_TEST_REDIS_DB", "8"))
    broker = f"{base}/{(first_db + _worker_index()) % 16}"
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=broker, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _forget_connections(app)
    with app.connection_for_write() as conn:  # start from an empty queue
        conn.default_channel.client.flushdb()
    from celery.signals import task_postrun
    from django.db import connection

    def close_thread_connection(**kwargs):
        connection.close()  # the worker thread's own connection: let the test database go at teardown

    task_postrun.connect(close_thread_connection, weak=False)
    try:
        with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING",
                          shutdown_timeout=20):
            yield app
    finally:
        task_postrun.disconnect(close_thread_connection)
    app.conf.update(previous)
    _forget_connections(app)


def _forget_connections(app):
    """Make the app's producers connect to the broker URL it has now, not the one it started with."""
    app._pool = None
    app.amqp._producer_pool = None
