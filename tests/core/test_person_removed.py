"""Removing a person from an organisation tells the apps (``person_removed``); each ends what the person
held there, in the same transaction, and in that organisation only."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import Invitation, InvitationStatus, JoinRequest, JoinRequestStatus, Membership
from conveners.models import Assignment, AssignmentStatus, PanelMember
from cop_platform.models import AuditEvent
from cop_platform.tenancy import services
from cop_platform.tenancy.models import OrganisationMember
from cop_platform.tenancy.signals import person_removed
from tests.conveners.builders import add_panel, assign, make_application, make_call


def _remove(world, user, by=None):
    organisation = world.a.organisation
    with scope(organisation=organisation):
        member = OrganisationMember.objects.get(organisation=organisation, user=user)
        services.person_remove(organisation=organisation, by=by or world.a.admin, member=member)


def _invite(organisation, community, email, status=InvitationStatus.SENT):
    with scopes_disabled():
        return Invitation.objects.create(organisation=organisation, community=community, email=email,
                                         message="Join us", status=status,
                                         expires_at=timezone.now() + timedelta(days=14))


def test_their_pending_join_requests_are_declined(world):
    outsider = world.a.outsider
    with scopes_disabled():
        pending = JoinRequest.objects.create(organisation=world.a.organisation, community=world.a.community,
                                             user=outsider)
        elsewhere = JoinRequest.objects.create(organisation=world.b.organisation, community=world.b.community,
                                               user=outsider)
    _remove(world, outsider)
    with scopes_disabled():
        pending.refresh_from_db()
        elsewhere.refresh_from_db()
        assert pending.status == JoinRequestStatus.DECLINED
        assert pending.decided_by == world.a.admin and pending.decided_at is not None
        assert elsewhere.status == JoinRequestStatus.PENDING  # another organisation's request is not ours
        assert AuditEvent.objects.filter(organisation=world.a.organisation, action="join_request.declined").count() == 1


def test_open_invitations_to_their_address_are_revoked(world):
    member = world.a.member
    open_one = _invite(world.a.organisation, world.a.unlisted, member.email.upper())
    accepted = _invite(world.a.organisation, world.a.community, member.email, status=InvitationStatus.ACCEPTED)
    someone_else = _invite(world.a.organisation, world.a.unlisted, "somebody@example.org")
    other_tenant = _invite(world.b.organisation, world.b.community, member.email)
    _remove(world, member)
    with scopes_disabled():
        statuses = {i.pk: i.status for i in Invitation.objects.all()}
        assert not Membership.objects.filter(organisation=world.a.organisation, user=member).exists()
    assert statuses[open_one.pk] == InvitationStatus.REVOKED
    assert statuses[accepted.pk] == InvitationStatus.ACCEPTED
    assert statuses[someone_else.pk] == InvitationStatus.SENT
    assert statuses[other_tenant.pk] == InvitationStatus.SENT


def test_their_unsubmitted_reviews_go_and_submitted_ones_stay(world):
    panel = world.a.panel_member
    call = make_call(world.a.organisation, slug="removal-round", status="under_review")
    add_panel(call, panel)
    applicant = world.a.outsider
    waiting = assign(make_application(call, applicant, domain="Sepsis"), panel)
    done = assign(make_application(call, world.a.member, domain="Delirium"), panel,
                  status=AssignmentStatus.SUBMITTED, submitted_at=timezone.now())
    _remove(world, panel)
    with scopes_disabled():
        assert not Assignment.objects.filter(pk=waiting.pk).exists()
        assert Assignment.objects.filter(pk=done.pk).exists()
        assert not PanelMember.objects.filter(call=call, user=panel).exists()


def test_a_receiver_that_fails_undoes_the_removal(world):
    def refuse(**kwargs):
        raise RuntimeError("cannot let go")

    person_removed.connect(refuse, dispatch_uid="tests.refuse")
    try:
        with pytest.raises(RuntimeError):
            _remove(world, world.a.member)
    finally:
        person_removed.disconnect(dispatch_uid="tests.refuse")
    with scopes_disabled():
        assert OrganisationMember.objects.filter(organisation=world.a.organisation, user=world.a.member).exists()
        assert Membership.objects.filter(organisation=world.a.organisation, user=world.a.member).exists()
