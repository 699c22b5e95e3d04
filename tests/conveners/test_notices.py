"""Applicants find decisions and confirmations in their inbox: a decision is essential but its letter is
the one e-mail, so the notification adds none."""

import pytest
from django.core.exceptions import ValidationError

from conveners import services
from conveners.models import CallStatus, Decision
from cop_platform.models import Notification, OutgoingEmail
from tests.conveners.builders import make_application, make_call
from tests.factories import UserFactory


def test_released_outcomes_reach_the_applicants_inbox_with_one_email_each(world, org, scoped):
    call = make_call(org, slug="with-notices", status=CallStatus.UNDER_REVIEW)
    applicant = UserFactory()
    application = make_application(call, applicant, leads=[
        {"name": "Ada", "email": "ada@people.example.org", "employer": "Example NHS Trust", "sector": "nhs"}])
    services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                decision=Decision.SUPPORTED)
    services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    (row,) = Notification.objects.filter(recipient=applicant, kind="conveners.decision")
    assert row.email_mode == "none" and row.url == application.get_absolute_url()
    assert not OutgoingEmail.objects.filter(kind="notifications.now").exists()
    assert OutgoingEmail.objects.filter(kind="conveners.decision_letter").count() == 1


def test_a_coleads_confirmation_reaches_the_applicant_once(world, call, scoped, mailoutbox,
                                                            django_capture_on_commit_callbacks):
    from tests.conveners.test_services import LEAD, _create

    application = _create(world, call, co_leads=[dict(LEAD, name="Cory", email="cory@people.example.org")])
    with django_capture_on_commit_callbacks(execute=True):
        services.application_request_confirmations(organisation=scoped, by=world.a.member, application=application)
    body = next(m.body for m in mailoutbox if m.to == ["cory@people.example.org"])
    token = body.split("/confirmations/")[1].split("/")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.confirmation_accept(organisation=scoped, by=None, token=token)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.confirmation_accept(organisation=scoped, by=None, token=token)  # a second click: used up
    (row,) = Notification.objects.filter(recipient=world.a.member, kind="conveners.confirmation_received")
    assert "Cory confirmed" in row.text and row.email_mode == "now"
    told = [m for m in mailoutbox if m.to == [world.a.member.email] and "Cory confirmed" in m.body]
    assert len(told) == 1 and "List-Unsubscribe" in told[0].extra_headers
