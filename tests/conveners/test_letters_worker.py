"""Decision letters with a real Celery worker on Redis: written with the release, so a broker that is down
at release loses none of them; the sweep sends each one exactly once when the broker is back."""

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from conveners import services
from conveners.models import CallStatus, Decision
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.tasks import sweep_pending_email
from tests.conftest import _forget_connections
from tests.conveners.builders import make_application, make_call
from tests.factories import OrganisationFactory, UserFactory, person_in
from tests.helpers import TaskLedger, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

UNREACHABLE = "redis://127.0.0.1:9/0"  # the discard port: nothing listens, the connection is refused


def _letters():
    with scopes_disabled():
        return list(OutgoingEmail.objects.filter(kind="conveners.decision_letter"))


def test_letters_released_while_the_broker_is_down_each_arrive_once_when_it_is_back(
        celery_worker_redis, mailoutbox):
    app = celery_worker_redis
    org = OrganisationFactory(slug="letters", name="Letters Network")
    pm = person_in(org, roles=["project_manager"])
    call = make_call(org, status=CallStatus.UNDER_REVIEW)
    outcomes = [Decision.FUNDED, Decision.SUPPORTED, Decision.NOT_TAKEN_FORWARD, Decision.RESERVE]
    people = [(f"lead{i}@people.example.org", f"co{i}@people.example.org") for i in range(len(outcomes))]
    applications = [make_application(call, UserFactory(email=lead), domain=f"Domain {i}", leads=[
        {"name": f"Lee Lead{i}", "email": lead, "employer": "Example NHS Trust", "sector": "nhs"},
        {"name": f"Cole Co{i}", "email": co, "employer": "Example NHS Trust", "sector": "nhs"}])
        for i, (lead, co) in enumerate(people)]
    with scope(organisation=org):
        for application, outcome in zip(applications, outcomes, strict=False):
            services.application_decide(organisation=org, by=pm, application=application, decision=outcome)

    working_broker = app.conf.broker_url
    app.conf.broker_url = UNREACHABLE  # the broker goes away: nothing can be enqueued
    _forget_connections(app)
    try:
        with transaction.atomic(), scope(organisation=org):
            services.call_release_outcomes(organisation=org, by=pm, call=call)
    finally:
        app.conf.broker_url = working_broker  # the broker is back
        _forget_connections(app)

    expected = sorted(address for pair in people for address in pair)
    assert sorted(letter.to for letter in _letters()) == expected  # every letter is in the outbox ...
    assert {letter.status for letter in _letters()} == {EmailStatus.QUEUED}  # ... and none could go yet
    assert mailoutbox == []

    with TaskLedger() as tasks:
        sweep_pending_email.delay()  # beat's sweep, now that the broker answers
        assert wait_for(lambda: {letter.status for letter in _letters()} == {EmailStatus.SENT})
        sweep_pending_email.delay()  # a second sweep finds nothing left to send
        assert wait_for(tasks.settled)
    letters = [m for m in mailoutbox if "/invitations/" not in m.body]  # funded leads are also invited
    assert sorted(m.to[0] for m in letters) == expected  # each person, exactly once
    funded = {m.to[0]: m.body for m in letters}["lead0@people.example.org"]
    assert "chosen your application for funding" in funded
    assert "reserve list" in {m.to[0]: m.body for m in letters}["co3@people.example.org"]
