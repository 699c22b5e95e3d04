"""Applicants find decisions and confirmations in their inbox: a decision is essential but its letter is
the one e-mail, so the notification adds none."""

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
