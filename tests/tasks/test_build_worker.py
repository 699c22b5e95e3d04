"""File builds with a real Celery worker on Redis: a dossier built once, however often it is enqueued."""

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from conveners.dossier import DOSSIER_KIND
from cop_platform.builds.services import build_request
from cop_platform.models import Build, BuildStatus
from cop_platform.tasks import build_file
from cop_platform.tenancy.context import load_tenant
from tests.core.pdf_helpers import pdf_text
from tests.helpers import TaskLedger, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _row(pk):
    with scopes_disabled():
        return Build.objects.get(pk=pk)


def test_worker_builds_a_dossier_once(celery_worker_redis, world):
    from tests.conveners.dossier_builders import full_application

    application = full_application(world.a)
    organisation = world.a.organisation
    with scope(organisation=organisation):
        tenant = load_tenant(organisation, world.a.project_manager)
        with TaskLedger() as ledger:
            with transaction.atomic():
                build = build_request(organisation=organisation, by=world.a.project_manager, tenant=tenant,
                                      kind=DOSSIER_KIND, target_id=application.pk)
            assert _row(build.pk).status in (BuildStatus.QUEUED, BuildStatus.BUILDING, BuildStatus.READY)
            assert wait_for(lambda: _row(build.pk).status == BuildStatus.READY, timeout=60), _row(build.pk)
            for _ in range(3):  # a redelivery, the sweep, a double click on the same row: nothing twice
                build_file.delay(organisation.pk, build.pk)
            assert wait_for(ledger.settled, timeout=30)
    ready = _row(build.pk)
    assert ready.attempts == 1 and ready.progress == 100
    with ready.file.open("rb") as handle:
        assert "Panel scores and comments" in pdf_text(handle.read())
