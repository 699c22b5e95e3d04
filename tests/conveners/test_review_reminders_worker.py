"""Review reminders with a real Celery worker on Redis: several sweeps at once (beat firing while a
retry runs) queue one reminder per reviewer and step, and each reviewer receives exactly one e-mail."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from conveners.models import CallStatus, ReviewReminder
from conveners.tasks import sweep_review_reminders
from cop_platform.models import EmailStatus, OutgoingEmail
from tests.conveners.builders import assign, make_application, make_call
from tests.factories import OrganisationFactory, UserFactory, person_in
from tests.helpers import TaskLedger, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _reminders():
    with scopes_disabled():
        return list(OutgoingEmail.objects.filter(kind="conveners.review_reminder"))


def test_concurrent_sweeps_send_each_reviewer_one_reminder(celery_worker_redis, mailoutbox):
    org = OrganisationFactory(slug="reminders", name="Reminders Network")
    now = timezone.now()
    call = make_call(org, status=CallStatus.UNDER_REVIEW, opens_at=now - timedelta(days=30),
                     closes_at=now - timedelta(days=20), review_deadline=timezone.localdate() + timedelta(days=1),
                     review_reminder_days="7,1")
    late = [person_in(org, roles=["panel_member"], email=f"late{i}@people.example.org") for i in range(3)]
    done = person_in(org, roles=["panel_member"], email="done@people.example.org")
    for i, reviewer in enumerate(late):
        assign(make_application(call, UserFactory(), domain=f"Domain {i}"), reviewer)
        assign(make_application(call, UserFactory(), domain=f"Finished {i}"), done, status="submitted")

    with TaskLedger() as tasks:
        for _ in range(4):
            sweep_review_reminders.delay()
        assert wait_for(lambda: len(_reminders()) == 3 and {e.status for e in _reminders()} == {EmailStatus.SENT})
        assert wait_for(tasks.settled)
    assert sorted(m.to[0] for m in mailoutbox) == [r.email for r in late]  # each once; "done" gets none
    with scopes_disabled():
        assert ReviewReminder.objects.filter(call=call).count() == 3
    assert all("1 day left" in m.body for m in mailoutbox)
