"""Requesting, running and sweeping builds (see :mod:`cop_platform.builds`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.models import Build, BuildStatus

from . import BuildFailed, builder_for

logger = logging.getLogger(__name__)

# A build still queued this long after it was asked for is re-enqueued by the sweep; one "building" for
# longer than the task's hard limit lost its worker and is tried again, up to MAX_ATTEMPTS in all.
SWEEP_QUEUED_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3


class BuildNotAllowed(Exception):
    """The builder is unknown, or this person may not have this file (views answer 404)."""


def build_allowed(*, tenant, user, kind, target_id):
    builder = builder_for(kind)
    if builder is None or tenant is None:
        return False
    try:
        return bool(builder.allowed(tenant, user, int(target_id)))
    except (TypeError, ValueError, OverflowError):
        return False


def build_request(*, organisation, by, tenant, kind, target_id):
    """Ask for a new file of ``kind`` about ``target_id``: a queued row, audited, built after commit.
    Raises :class:`BuildNotAllowed` if the builder is unknown or refuses this person."""
    from cop_platform.tasks import build_file, enqueue_on_commit

    if tenant is None or tenant.organisation.pk != organisation.pk:
        raise BuildNotAllowed("Another organisation.")
    if not build_allowed(tenant=tenant, user=by, kind=kind, target_id=target_id):
        raise BuildNotAllowed("Not allowed.")
    builder = builder_for(kind)
    with transaction.atomic():
        build = Build.objects.create(organisation=organisation, kind=kind, target_type=builder.target_type,
                                     target_id=int(target_id), requested_by=by,
                                     progress_text="Waiting for a worker")
        audit_record(organisation=organisation, actor=by, action="build.requested", target=build,
                     summary=f"{builder.label} about {builder.target_type} {int(target_id)}")
        enqueue_on_commit(build_file, organisation.pk, build.pk)
    return build


def build_rebuild(*, organisation, by, tenant, build):
    """"Rebuild": a new build of the same file (the old row stays as the record of what was made)."""
    if build.organisation_id != organisation.pk:
        raise BuildNotAllowed("Another organisation.")
    return build_request(organisation=organisation, by=by, tenant=tenant, kind=build.kind,
                         target_id=build.target_id)


def _progress_recorder(build):
    def progress(percent, text=""):
        percent = max(0, min(100, int(percent)))
        Build.objects.filter(pk=build.pk, status=BuildStatus.BUILDING).update(
            progress=percent, progress_text=str(text)[:200])

    return progress


def build_claim(build_id):
    """Claim a queued build for this worker (conditional update): ``None`` if it is not queued any more."""
    claimed = Build.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
        status=BuildStatus.BUILDING, started_at=timezone.now(), progress=0, progress_text="Starting",
        attempts=F("attempts") + 1)
    return Build.objects.filter(pk=build_id).first() if claimed else None


def build_run(build_id):
    """Build one queued file (inside the tenant scope): ready with its file, or failed with a reason.
    Returns the outcome in a word."""
    from celery.exceptions import SoftTimeLimitExceeded

    from cop_platform.pdf import PdfError

    build = build_claim(build_id)
    if build is None:
        return "not-queued"
    builder = builder_for(build.kind)
    if builder is None:
        return _fail(build, "This kind of file can no longer be made.")
    try:
        filename, content, content_type = builder.build(build, _progress_recorder(build))
    except (PdfError, BuildFailed) as exc:
        return _fail(build, str(exc))
    except (BuildTimeLimit, SoftTimeLimitExceeded):
        return _fail(build, f"It took too long (over {settings.CONVENE_PDF_TASK_SECONDS} seconds). "
                            "Try a smaller part, or ask an administrator.")
    except Exception:
        logger.exception("Build %s (%s) failed", build.pk, build.kind)
        return _fail(build, "Something went wrong while making the file. Try again; if it fails again, tell "
                            "the host's administrators.")
    return _finish(build, filename, content, content_type)


class BuildTimeLimit(Exception):
    """Raised into a build when its time is up (the task maps Celery's soft limit to this)."""


def _finish(build, filename, content, content_type):
    build.file.save(filename, ContentFile(content), save=False)
    updated = Build.objects.filter(pk=build.pk, status=BuildStatus.BUILDING).update(
        status=BuildStatus.READY, file=build.file.name, filename=filename[:200], content_type=content_type[:100],
        size=len(content), progress=100, progress_text="Ready", finished_at=timezone.now(), failure_reason="")
    if not updated:  # failed meanwhile (swept as stuck): keep the row's outcome, drop the orphan file
        build.file.delete(save=False)
        return "lost"
    return "ready"


def _fail(build, reason):
    Build.objects.filter(pk=build.pk).exclude(status=BuildStatus.READY).update(
        status=BuildStatus.FAILED, failure_reason=reason[:500], progress_text="Failed", finished_at=timezone.now())
    return "failed"


def builds_to_sweep(now=None):
    """(organisation id, build id) of builds to enqueue again: queued for a while (the broker may have been
    down), or stuck "building" past the task's hard limit (its worker died) — those are put back in the
    queue, or failed once they have had :data:`MAX_ATTEMPTS`. Call with scopes disabled."""
    now = now or timezone.now()
    stuck_before = now - timedelta(seconds=settings.CONVENE_PDF_TASK_SECONDS + 60)
    stuck = Build.objects.filter(status=BuildStatus.BUILDING, started_at__lt=stuck_before)
    stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=BuildStatus.FAILED, progress_text="Failed", finished_at=now,
        failure_reason="It was tried several times and never finished. Try a smaller part, or ask an "
                       "administrator.")
    stuck.filter(attempts__lt=MAX_ATTEMPTS).update(status=BuildStatus.QUEUED, progress_text="Waiting for a worker")
    return list(Build.objects.filter(status=BuildStatus.QUEUED, created_at__lt=now - SWEEP_QUEUED_AFTER)
                .order_by("created_at").values_list("organisation_id", "pk")[:500])


def latest_build(organisation, kind, target_id):
    """The newest build of ``kind`` about ``target_id`` (one query), or ``None``."""
    return (Build.objects.filter(organisation=organisation, kind=kind, target_id=target_id)
            .order_by("-created_at", "-pk").first())


def latest_builds(organisation, wanted):
    """``{(kind, target_id): newest build or None}`` for every pair in ``wanted``, in one query."""
    wanted = {(kind, int(target_id)) for kind, target_id in wanted}
    found = dict.fromkeys(wanted)
    if not wanted:
        return found
    pairs = Q()
    for kind, target_id in wanted:
        pairs |= Q(kind=kind, target_id=target_id)
    rows = (Build.objects.filter(pairs, organisation=organisation)
            .annotate(rank=Window(RowNumber(), partition_by=["kind", "target_id"], order_by=["-created_at", "-pk"]))
            .filter(rank=1))
    for build in rows:
        found[(build.kind, build.target_id)] = build
    return found
