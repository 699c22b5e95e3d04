"""Invitations through a real Celery worker on Redis: one e-mail per invitation, whatever retries, double
clicks, racing workers or a broker outage at invite time do."""

from unittest import mock

import pytest
from django_scopes import scope, scopes_disabled
from kombu.exceptions import OperationalError

from communities import services
from communities.models import Invitation, InvitationStatus
from communities.tasks import send_invitation
from cop_platform.models import OutgoingEmail
from cop_platform.tasks import send_outgoing_batch, send_outgoing_email, sweep_pending_email
from tests.factories import CommunityFactory, OrganisationFactory, UserFactory
from tests.helpers import TaskLedger, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]



def _statuses():
    with scopes_disabled():
        return sorted(Invitation.objects.values_list("status", flat=True))


def _invite(addresses):
    org = OrganisationFactory(slug="alpha", name="Alpha Network")
    community = CommunityFactory(organisation=org, slug="sepsis", name="Sepsis")
    convener = UserFactory()
    with scope(organisation=org):
        batch = services.invitations_create(organisation=org, by=convener, community=community,
                                            addresses=addresses, message="Join us")
    return org, batch


def test_worker_sends_each_invitation_once(celery_worker_redis, mailoutbox):
    org, batch = _invite(["a@example.org", "b@example.org"])
    assert wait_for(lambda: _statuses() == [InvitationStatus.SENT] * 2)
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]


def test_same_invitation_enqueued_many_times_sends_one_email(celery_worker_redis, mailoutbox):
    """A retry, a double click and two workers racing, through the outbox's task and the pinned
    invitation task alike: the conditional claim on the row lets one send."""
    with TaskLedger() as tasks:
        org, batch = _invite(["once@example.org"])
        (invitation,) = batch.created
        with scopes_disabled():
            (email,) = OutgoingEmail.objects.filter(ref_id=str(invitation.pk))
        for _ in range(3):
            send_invitation.delay(org.pk, invitation.pk)
            send_outgoing_email.delay(org.pk, email.pk)
        assert wait_for(tasks.settled)  # the first send and all six duplicates have run
    assert tasks.finished[send_outgoing_batch.name] == 1  # the list's own batch
    assert tasks.finished[send_outgoing_email.name] == 3 and tasks.finished[send_invitation.name] == 3
    assert _statuses() == [InvitationStatus.SENT]
    assert len(mailoutbox) == 1


def test_invitation_made_while_the_broker_is_down_is_sent_when_it_returns(celery_worker_redis, mailoutbox):
    down = OperationalError("broker down")
    with mock.patch.object(send_outgoing_batch, "apply_async", side_effect=down), \
            mock.patch.object(send_outgoing_email, "apply_async", side_effect=down):
        org, batch = _invite(["late@example.org"])
    assert _statuses() == [InvitationStatus.QUEUED] and mailoutbox == []
    with TaskLedger() as tasks:
        sweep_pending_email.delay()  # the broker is back; beat runs the sweep
        assert wait_for(tasks.settled)  # the sweep and every send it enqueued have run
    assert tasks.finished[sweep_pending_email.name] == 1
    assert _statuses() == [InvitationStatus.SENT]
    assert len(mailoutbox) == 1
