"""The build machinery on its own: the registry, the claim, failures with reasons, the sweep."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.builds import BuildFailed, builder_for, register_builder
from cop_platform.builds.services import MAX_ATTEMPTS, build_run, builds_to_sweep
from cop_platform.models import Build, BuildStatus
from cop_platform.tasks import sweep_queued_builds

KIND = "tests.sample"


@pytest.fixture
def sample_builder():
    calls = []

    def build(row, progress):
        calls.append(row.pk)
        progress(50, "Half way")
        behaviour = row.target_id
        if behaviour == 2:
            raise BuildFailed("The record is incomplete.")
        if behaviour == 3:
            raise SoftTimeLimitExceeded()
        if behaviour == 4:
            raise RuntimeError("secret internal detail")
        return "sample.txt", b"hello", "text/plain"

    register_builder(KIND, build=build, allowed=lambda tenant, user, target: True, label="Sample",
                     target_type="tests.thing")
    yield calls


def _build(org, target=1, **fields):
    with scopes_disabled():
        return Build.objects.create(organisation=org, kind=KIND, target_type="tests.thing", target_id=target, **fields)


def _run(org, build):
    with scope(organisation=org):
        outcome = build_run(build.pk)
    with scopes_disabled():
        build.refresh_from_db()
    return outcome


@pytest.mark.parametrize("kind", ["", "nodot", "x." + "y" * 80])
def test_a_builder_kind_is_app_dot_what(kind):
    with pytest.raises(ValueError):
        register_builder(kind, build=print, allowed=print, label="x", target_type="x")


def test_a_build_is_made_once(world, sample_builder):
    org = world.a.organisation
    build = _build(org)
    assert _run(org, build) == "ready"
    assert build.status == BuildStatus.READY and build.size == 5 and build.filename == "sample.txt"
    assert build.file.read() == b"hello"
    assert _run(org, build) == "not-queued"
    assert sample_builder == [build.pk]


@pytest.mark.parametrize("target,reason", [
    (2, "The record is incomplete."),
    (3, "It took too long"),
    (4, "Something went wrong while making the file"),
])
def test_failures_leave_a_reason_a_person_can_read(world, sample_builder, target, reason):
    org = world.a.organisation
    build = _build(org, target=target)
    assert _run(org, build) == "failed"
    assert build.status == BuildStatus.FAILED and reason in build.failure_reason
    assert "secret internal detail" not in build.failure_reason


def test_an_unregistered_kind_fails_readably(world):
    org = world.a.organisation
    with scopes_disabled():
        build = Build.objects.create(organisation=org, kind="gone.away", target_type="x", target_id=1)
    assert builder_for("gone.away") is None
    assert _run(org, build) == "failed"
    assert "can no longer be made" in build.failure_reason


def test_sweep_enqueues_old_queued_builds_and_settles_stuck_ones(world, sample_builder, settings):
    org = world.a.organisation
    now = timezone.now()
    fresh = _build(org)
    old = _build(org)
    stuck_retry = _build(org, status=BuildStatus.BUILDING, attempts=1,
                         started_at=now - timedelta(seconds=settings.CONVENE_PDF_TASK_SECONDS + 120))
    stuck_dead = _build(org, status=BuildStatus.BUILDING, attempts=MAX_ATTEMPTS,
                        started_at=now - timedelta(seconds=settings.CONVENE_PDF_TASK_SECONDS + 120))
    with scopes_disabled():
        Build.objects.filter(pk__in=[old.pk, stuck_retry.pk]).update(created_at=now - timedelta(minutes=10))
        due = builds_to_sweep()
    assert sorted(pk for _, pk in due) == sorted([old.pk, stuck_retry.pk])
    with scopes_disabled():
        assert Build.objects.get(pk=stuck_dead.pk).status == BuildStatus.FAILED
        assert "never finished" in Build.objects.get(pk=stuck_dead.pk).failure_reason
        assert Build.objects.get(pk=fresh.pk).status == BuildStatus.QUEUED

    assert sweep_queued_builds() == 2  # tasks run eagerly in tests: each build is made now
    with scopes_disabled():
        assert Build.objects.get(pk=old.pk).status == BuildStatus.READY  # the eager task built it
        assert Build.objects.get(pk=stuck_retry.pk).status == BuildStatus.READY
