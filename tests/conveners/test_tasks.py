"""Decision letters through Celery: only after release, once per person, whatever the retries."""

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from conveners import services
from conveners.models import CallStatus, Decision
from conveners.services.letters import LETTER_KIND
from conveners.tasks import send_decision_letters
from cop_platform.models import EmailStatus, OutgoingEmail
from tests.conveners.builders import make_application, make_call
from tests.factories import OrganisationFactory, UserFactory, person_in
from tests.helpers import TaskLedger, wait_for


def test_letters_not_queued_before_release(db):
    org = OrganisationFactory(slug="letters")
    call = make_call(org, status=CallStatus.UNDER_REVIEW)
    make_application(call, UserFactory())
    assert send_decision_letters(org.pk, call.pk) == 0
    with scope(organisation=org):
        assert not OutgoingEmail.objects.exists()


def test_letters_task_is_idempotent(db, django_capture_on_commit_callbacks):
    org = OrganisationFactory(slug="letters")
    pm = person_in(org, roles=["project_manager"])
    call = make_call(org, status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory())
    with scope(organisation=org):
        services.application_decide(organisation=org, by=pm, application=application, decision=Decision.SUPPORTED)
        with django_capture_on_commit_callbacks(execute=True):
            services.call_release_outcomes(organisation=org, by=pm, call=call)
    for _ in range(3):
        send_decision_letters(org.pk, call.pk)  # retries queue nothing twice
    with scope(organisation=org):
        assert OutgoingEmail.objects.count() == 1


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_worker_sends_every_letter_once(celery_worker_redis, mailoutbox):
    org = OrganisationFactory(slug="letters")
    pm = person_in(org, roles=["project_manager"])
    call = make_call(org, status=CallStatus.UNDER_REVIEW)
    apps = [make_application(call, UserFactory(), domain=f"D{i}",
                             leads=[{"name": f"L{i}", "email": f"l{i}@people.example.org", "employer": "T",
                                     "sector": "nhs"}]) for i in range(3)]
    with scope(organisation=org):
        for a, decision in zip(apps, [Decision.FUNDED, Decision.SUPPORTED, Decision.NOT_TAKEN_FORWARD], strict=True):
            services.application_decide(organisation=org, by=pm, application=a, decision=decision)
        with transaction.atomic():
            services.call_release_outcomes(organisation=org, by=pm, call=call)

    def sent():  # the three letters, and the funded lead's invitation to the community (an outbox row too)
        with scopes_disabled():
            return (OutgoingEmail.objects.filter(status=EmailStatus.SENT, kind=LETTER_KIND).count() == 3
                    and OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 4)

    assert wait_for(sent)
    with TaskLedger() as tasks:
        send_decision_letters.delay(org.pk, call.pk)  # a duplicate enqueue
        assert wait_for(tasks.settled)  # the duplicate, and any e-mail it queued, have run
    assert tasks.finished[send_decision_letters.name] == 1
    letters = [m for m in mailoutbox if "/invitations/" not in m.body]  # the funded lead is also invited
    assert sorted(m.to[0] for m in letters) == ["l0@people.example.org", "l1@people.example.org",
                                                "l2@people.example.org"]
    invitations = [m for m in mailoutbox if "/invitations/" in m.body]
    assert [m.to[0] for m in invitations] == ["l0@people.example.org"]
