"""Guards found in review: no reviewing your own application, no convening a withdrawn one, no scoring
after leaving the panel, no 'decided' without releasing, honest support counts when searching."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conveners import selectors, services
from conveners.models import ApplicationStatus, CallStatus, ConflictKind, Decision, HonorariumPayment, SupportSession
from tests.conveners.builders import add_panel, assign, make_application, make_call


def test_a_panel_member_is_never_assigned_their_own_application(world, org, scoped):
    call = make_call(org, slug="own", status=CallStatus.CLOSED)
    add_panel(call, world.a.panel_member)
    own = make_application(call, world.a.panel_member, domain="Mine")
    new, _ = services.assignments_balance(organisation=org, by=world.a.project_manager, call=call)
    assert new == []
    assignment = services.assignment_add(organisation=org, by=world.a.project_manager, application=own,
                                         reviewer=world.a.panel_member)
    assert assignment.conflict == ConflictKind.AUTOMATIC and "applicant" in assignment.conflict_reason
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment, values={})


def test_a_funded_application_cannot_be_withdrawn_and_then_convened(world, org, scoped):
    call = make_call(org, slug="wd", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, world.a.member)
    services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                decision=Decision.FUNDED)
    with pytest.raises(ValidationError, match="decision"):
        services.application_withdraw(organisation=org, by=world.a.member, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_withdrawn_applications_are_not_paid_on_release(world, org, scoped):
    call = make_call(org, slug="wd2", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, world.a.member, decision=Decision.FUNDED,
                                   status=ApplicationStatus.WITHDRAWN)
    services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    application.refresh_from_db()
    assert application.community is None
    assert not HonorariumPayment.objects.filter(application=application).exists()


def test_a_reviewer_removed_from_the_panel_cannot_score(world, org, scoped):
    call = make_call(org, slug="left", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, world.a.member)
    assignment = assign(application, world.a.panel_member)  # assigned, but not on the panel
    with pytest.raises(PermissionDenied, match="no longer on this call's panel"):
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment, values={})


def test_removing_a_reviewer_takes_their_unsubmitted_assignments(world, org, scoped):
    from conveners.models import Assignment

    call = make_call(org, slug="panel-change", status=CallStatus.UNDER_REVIEW)
    add_panel(call, world.a.panel_member)
    assign(make_application(call, world.a.member), world.a.panel_member)
    services.panel_set(organisation=org, by=world.a.project_manager, call=call, users=[])
    assert not Assignment.objects.filter(call=call).exists()


def test_decided_is_reached_only_by_releasing(world, org, scoped):
    call = make_call(org, slug="stuck", status=CallStatus.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        services.call_set_status(organisation=org, by=world.a.project_manager, call=call,
                                 status=CallStatus.DECIDED)


def test_support_search_does_not_multiply_session_counts(world, org, scoped):
    call = make_call(org, slug="support-search", status=CallStatus.DECIDED)
    leads = [{"name": f"Alex Lead {i}", "email": f"alex{i}@people.example.org", "employer": "T", "sector": "nhs"}
             for i in range(2)]
    application = make_application(call, world.a.member, domain="Falls", decision=Decision.FUNDED, leads=leads)
    from django.utils import timezone

    SupportSession.objects.create(organisation=org, application=application, held_on=timezone.localdate(),
                                  sessions=2, kind="coaching", coach="A coach", topics="Starting out")
    [row] = list(selectors.support_overview(call, query="Alex"))
    assert row.session_count == 2
