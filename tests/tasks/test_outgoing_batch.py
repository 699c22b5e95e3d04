"""Many e-mails at once: one bulk insert, one task per batch, each batch claimed in one go and sent over
one connection to the mail server; one bad address or a dropped connection costs only what it must."""

import threading
from unittest import mock

import pytest
from django.db import connections
from django_scopes import scope, scopes_disabled

from cop_platform.email import email_queue_many, emails_claim
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.tasks import send_outgoing_batch
from tests.factories import OrganisationFactory
from tests.helpers import work_callbacks
from tests.tasks.backends import CountingBackend, DroppingBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def specs(n, start=0, to=None):
    return [{"key": f"welcome:{start + i}", "to": (to or {}).get(start + i, f"person{start + i}@example.org"),
             "subject": "Welcome", "body_text": "Hello", "kind": "core.welcome"} for i in range(n)]


def queue_many(org, emails, capture):
    with capture(execute=True) as callbacks, scope(organisation=org):
        rows = email_queue_many(organisation=org, emails=emails)
    return rows, callbacks


def statuses():
    with scopes_disabled():
        return dict(OutgoingEmail.objects.values_list("to", "status"))


def test_many_emails_are_queued_in_one_go_and_sent_by_one_task_per_hundred(org, settings, mailoutbox,
                                                                           django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.tasks.backends.CountingBackend"
    CountingBackend.opened = 0
    rows, callbacks = queue_many(org, specs(250), django_capture_on_commit_callbacks)
    assert len(rows) == 250 and len(work_callbacks(callbacks)) == 3  # batches of 100, 100 and 50
    assert len(mailoutbox) == 250 and set(statuses().values()) == {EmailStatus.SENT}
    assert CountingBackend.opened == 3  # one connection per batch, not one per e-mail


def test_queueing_the_same_keys_again_sends_nothing_more(org, mailoutbox, django_capture_on_commit_callbacks):
    first, _ = queue_many(org, specs(3), django_capture_on_commit_callbacks)
    again, callbacks = queue_many(org, specs(4), django_capture_on_commit_callbacks)
    assert [r.pk for r in again[:3]] == [r.pk for r in first] and len(work_callbacks(callbacks)) == 1
    assert len(mailoutbox) == 4  # the three first, then only the new fourth


def test_one_refused_address_fails_only_its_own_email(org, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.tasks.backends.OneAddressRefusedBackend"
    CountingBackend.opened = 0
    queue_many(org, specs(5, to={2: "refused@example.org"}), django_capture_on_commit_callbacks)
    assert statuses().pop("refused@example.org") == EmailStatus.FAILED
    assert set(statuses().values()) - {EmailStatus.FAILED} == {EmailStatus.SENT}
    assert len(mailoutbox) == 4 and CountingBackend.opened == 1


def test_a_dropped_connection_leaves_the_rest_of_the_batch_queued_without_counting_an_attempt(
        org, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.tasks.backends.DroppingBackend"
    DroppingBackend.sent, DroppingBackend.limit = 0, 2
    queue_many(org, specs(5), django_capture_on_commit_callbacks)
    with scopes_disabled():
        rows = list(OutgoingEmail.objects.order_by("pk").values_list("status", "attempts"))
    assert rows[:2] == [(EmailStatus.SENT, 1)] * 2
    assert rows[2] == (EmailStatus.QUEUED, 1)  # the one that met the dropped connection: a counted try
    assert rows[3:] == [(EmailStatus.QUEUED, 0)] * 2  # never tried: back in the queue as they were
    assert len(mailoutbox) == 2


def test_a_batch_sent_again_sends_nothing_twice(org, mailoutbox, django_capture_on_commit_callbacks):
    rows, _ = queue_many(org, specs(3), django_capture_on_commit_callbacks)
    assert send_outgoing_batch.apply(args=(org.pk, [r.pk for r in rows])).get() == 0
    assert len(mailoutbox) == 3


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_the_same_batch_at_once_never_share_a_row(org):
    with scope(organisation=org), mock.patch.object(send_outgoing_batch, "apply_async"):  # nobody sends them yet
        rows = email_queue_many(organisation=org, emails=specs(200))
    ids = [r.pk for r in rows]
    barrier, claimed = threading.Barrier(2), []

    def claim():
        try:
            barrier.wait()
            with scope(organisation=org):
                claimed.append({e.pk for e in emails_claim(ids)})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    first, second = claimed
    assert not first & second and first | second == set(ids)
