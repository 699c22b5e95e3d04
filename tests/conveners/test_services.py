"""Services: state machines, guards, audit, and the rules applied to real records."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope

from communities.models import Membership, MembershipRole
from conveners import services
from conveners.models import (
    Application,
    ApplicationStatus,
    AssignmentStatus,
    CallStatus,
    ConflictKind,
    Decision,
    HonorariumPayment,
    PaymentStatus,
    Score,
)
from cop_platform.models import AuditEvent, OutgoingEmail
from tests.conveners.builders import add_panel, assign, make_application, make_call
from tests.factories import UserFactory, person_in

LEAD = {"name": "Ada Lead", "email": "ada@people.example.org", "job_title": "Staff nurse",
        "employer": "Example NHS Trust", "sector": "nhs"}
DETAILS = {"domain": "Sepsis", "passion": "Why it matters", "core_group": "Nurses", "ways_of_working": "Monthly",
           "sponsor_organisation": "Example NHS Trust", "sponsor_name": "Sam", "sponsor_email": "sam@example.org"}


def _create(world, call, **kw):
    args = {"lead": dict(LEAD, email=world.a.member.email), **DETAILS}
    args.update(kw)
    return services.application_create(organisation=call.organisation, by=world.a.member, call=call, **args)


def test_application_submit_lifecycle_is_audited(world, call, scoped):
    application = _create(world, call)
    services.application_submit(organisation=scoped, by=world.a.member, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    services.application_submit(organisation=scoped, by=world.a.member, application=application)  # double click
    services.application_withdraw(organisation=scoped, by=world.a.member, application=application)
    actions = list(AuditEvent.objects.filter(target_id=str(application.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["application.created", "application.submitted", "application.withdrawn"]


def test_application_submit_after_deadline_refused_and_draft_kept(world, call, scoped):
    application = _create(world, call)
    with pytest.raises(ValidationError, match="deadline has passed"):
        services.application_submit(organisation=scoped, by=world.a.member, application=application,
                                    now=call.closes_at + timedelta(seconds=1))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.passion == "Why it matters"


def test_application_submit_needs_colead_confirmation(world, call, scoped, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    application = _create(world, call, co_leads=[dict(LEAD, name="Cory", email="cory@people.example.org")])
    with pytest.raises(ValidationError, match="Waiting for confirmation.*Cory"):
        services.application_submit(organisation=scoped, by=world.a.member, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.application_request_confirmations(organisation=scoped, by=world.a.member,
                                                          application=application) == 2
    body = next(m.body for m in mailoutbox if m.to == ["cory@people.example.org"])
    token = body.split("/confirmations/")[1].split("/")[0]
    assert token not in OutgoingEmail.objects.get(to="cory@people.example.org").body_text  # never stored
    assert application.leads.get(name="Cory").token_hash == services.token_hash(token)  # only the hash is stored
    services.confirmation_accept(organisation=scoped, by=None, token=token)
    services.application_submit(organisation=scoped, by=world.a.member, application=application)


def test_application_industry_lead_without_member_colead_refused(world, call, scoped, member_trust):
    application = _create(world, call, lead=dict(LEAD, email=world.a.member.email, sector="industry"),
                          co_leads=[dict(LEAD, email="nhs@people.example.org")])
    application.leads.update(confirmed_at=timezone.now())
    with pytest.raises(ValidationError, match="member organisations"):
        services.application_submit(organisation=scoped, by=world.a.member, application=application)
    services.application_update(organisation=scoped, by=world.a.member, application=application,
                                lead=dict(LEAD, email=world.a.member.email, sector="industry"),
                                co_leads=[dict(LEAD, email="nhs@people.example.org", member_organisation=member_trust)],
                                **DETAILS)
    application.leads.update(confirmed_at=timezone.now())
    services.application_submit(organisation=scoped, by=world.a.member, application=application)


def test_application_too_many_coleads_refused(world, call, scoped):
    with pytest.raises(ValidationError, match="at most 2"):
        _create(world, call, co_leads=[dict(LEAD, email=f"c{i}@people.example.org") for i in range(2)])


def test_application_other_person_cannot_change(world, call, scoped):
    application = _create(world, call)
    with pytest.raises(PermissionDenied):
        services.application_submit(organisation=scoped, by=world.a.outsider, application=application)


def test_application_copy_starts_a_new_draft(world, call, scoped):
    application = _create(world, call)
    copy = services.application_copy(organisation=scoped, by=world.a.member, application=application)
    assert copy.pk != application.pk and copy.domain == "" and copy.copied_from == application
    assert copy.leads.count() == 1


def test_application_other_tenant_call_refused(world, scoped):
    other = make_call(world.b.organisation)
    with pytest.raises(ValidationError):
        services.application_create(organisation=scoped, by=world.a.member, call=other, lead=LEAD, **DETAILS)


def test_nobody_barred_for_not_being_a_director(world, call, scoped):
    """FAQ §6 / decision 10: "I am not a Director… can I apply? Yes." — a healthcare assistant's complete
    application is submitted like anyone's; the job title is kept for reporting only."""
    application = _create(world, call, lead=dict(LEAD, email=world.a.member.email, job_title="Healthcare assistant"))
    assert services.application_problems(application) == []
    services.application_submit(organisation=scoped, by=world.a.member, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.leads.get().job_title == "Healthcare assistant"


# --- review -----------------------------------------------------------------------------------------

def _review_call(org):
    return make_call(org, slug="review-call", status=CallStatus.CLOSED)


def test_assignments_balance_spreads_and_skips_same_employer(world, org, scoped):
    call = _review_call(org)
    reviewers = [person_in(org, roles=["panel_member"]) for _ in range(3)]
    from cop_platform.tenancy.models import OrganisationMember

    OrganisationMember.objects.filter(user=reviewers[0]).update(employer="Conflicted Trust")
    add_panel(call, *reviewers)
    apps = [make_application(call, UserFactory(), domain=f"D{i}") for i in range(6)]
    apps[0].leads.update(employer="Conflicted Trust")
    new, short = services.assignments_balance(organisation=org, by=world.a.project_manager, call=call)
    assert len(new) == 12 and not short
    assert (apps[0].pk, reviewers[0].pk) not in new
    loads = [sum(1 for _, r in new if r == rv.pk) for rv in reviewers]
    assert max(loads) - min(loads) <= 1


def test_conflicted_reviewer_cannot_score(world, org, scoped):
    call = _review_call(org)
    add_panel(call, world.a.panel_member)
    application = make_application(call, UserFactory(), sponsor="Panel Employer")
    from cop_platform.tenancy.models import OrganisationMember

    OrganisationMember.objects.filter(user=world.a.panel_member).update(employer="Panel Employer")
    assignment = services.assignment_add(organisation=org, by=world.a.project_manager, application=application,
                                         reviewer=world.a.panel_member)
    assert assignment.conflict == ConflictKind.AUTOMATIC
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment, values={})


def test_scores_out_of_range_refused_and_submitted_audited(world, org, scoped):
    call = _review_call(org)
    add_panel(call, world.a.panel_member)
    application = make_application(call, UserFactory())
    assignment = assign(application, world.a.panel_member)
    c1, c2 = list(call.criteria.all())
    with pytest.raises(ValidationError) as exc:
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                             values={c1.pk: (9, ""), c2.pk: (2, "")})
    assert "0 to 5" in str(exc.value)
    services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                         values={c1.pk: (4, "Good"), c2.pk: (None, "")})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DRAFT
    with pytest.raises(ValidationError, match="before submitting"):
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                             values={c1.pk: (4, "Good"), c2.pk: (None, "")}, submit=True)
    services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                         values={c1.pk: (4, "Good"), c2.pk: (3, "")}, submit=True)
    with pytest.raises(ValidationError, match="submitted"):
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                             values={c1.pk: (5, "Better"), c2.pk: (3, "")})
    actions = list(AuditEvent.objects.filter(target_id=str(assignment.pk)).values_list("action", flat=True))
    assert "score.submitted" in actions and "score.changed" not in actions
    assert Score.objects.get(assignment=assignment, criterion=c1).value == 4


def test_reviewer_cannot_score_another_reviewers_assignment(world, org, scoped):
    call = _review_call(org)
    assignment = assign(make_application(call, UserFactory()), world.a.panel_member)
    with pytest.raises(PermissionDenied):
        services.scores_save(organisation=org, by=world.a.project_manager, assignment=assignment, values={})


# --- decisions, release, honoraria ------------------------------------------------------------------

def test_funded_places_limit_enforced_on_records(world, org, scoped):
    call = make_call(org, slug="places", status=CallStatus.UNDER_REVIEW, funded_places=2)
    apps = [make_application(call, UserFactory(), domain=f"Domain {i}",
                             leads=[{"name": f"P{i}", "email": f"p{i}@people.example.org", "employer": "T",
                                     "sector": "nhs"}]) for i in range(3)]
    for a in apps[:2]:
        services.application_decide(organisation=org, by=world.a.project_manager, application=a,
                                    decision=Decision.FUNDED)
    with pytest.raises(ValidationError, match="All 2 funded places"):
        services.application_decide(organisation=org, by=world.a.project_manager, application=apps[2],
                                    decision=Decision.FUNDED)
    # a double-submitted decision changes nothing and is audited once
    services.application_decide(organisation=org, by=world.a.project_manager, application=apps[0],
                                decision=Decision.FUNDED)
    assert AuditEvent.objects.filter(action="application.decided", target_id=str(apps[0].pk)).count() == 1
    assert Application.objects.filter(call=call, decision=Decision.FUNDED).count() == 2


def test_one_funded_application_per_domain(world, org, scoped):
    call = make_call(org, slug="domains", status=CallStatus.UNDER_REVIEW)
    a = make_application(call, UserFactory(), domain="Sepsis",
                         leads=[{"name": "A", "email": "a@people.example.org", "employer": "T", "sector": "nhs"}])
    b = make_application(call, UserFactory(), domain="sepsis ",
                         leads=[{"name": "B", "email": "b@people.example.org", "employer": "T", "sector": "nhs"}])
    services.application_decide(organisation=org, by=world.a.project_manager, application=a, decision=Decision.FUNDED)
    with pytest.raises(ValidationError, match="this domain"):
        services.application_decide(organisation=org, by=world.a.project_manager, application=b,
                                    decision=Decision.FUNDED)


def test_release_sends_letters_creates_community_and_payments(world, org, scoped, django_capture_on_commit_callbacks,
                                                              mailoutbox, member_trust):
    call = make_call(org, slug="release", status=CallStatus.UNDER_REVIEW, ineligible_share="redistribute")
    funded = make_application(call, world.a.member, domain="Delirium",
                              leads=[{"name": "Ind Lead", "email": world.a.member.email, "employer": "Acme Ltd",
                                      "sector": "industry"},
                                     {"name": "Nia NHS", "email": world.a.outsider.email, "employer": "Trust",
                                      "sector": "nhs", "member_organisation": member_trust}])
    supported = make_application(call, UserFactory(), domain="Falls")
    services.application_decide(organisation=org, by=world.a.project_manager, application=funded,
                                decision=Decision.FUNDED)
    services.application_decide(organisation=org, by=world.a.project_manager, application=supported,
                                decision=Decision.SUPPORTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    with django_capture_on_commit_callbacks(execute=True):  # released twice: nothing new
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    funded.refresh_from_db()
    roles = dict(Membership.objects.filter(community=funded.community).values_list("user__email", "role"))
    assert roles == {world.a.member.email: MembershipRole.CONVENER, world.a.outsider.email: MembershipRole.CO_CONVENER}
    payments = list(HonorariumPayment.objects.filter(application=funded))
    assert [(p.payee, p.amount_pence) for p in payments] == [("Nia NHS", 500000)]
    assert OutgoingEmail.objects.filter(key__startswith="decision-letter:").count() == 3
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "chosen your application for funding" in bodies[world.a.outsider.email]
    assert "£5,000.00" in bodies[world.a.outsider.email]
    supported_letter = next(b for t, b in bodies.items() if t not in (world.a.member.email, world.a.outsider.email))
    assert "coaching support" in supported_letter


def test_release_after_published_date_needs_reason(world, org, scoped):
    call = make_call(org, slug="late", status=CallStatus.UNDER_REVIEW,
                     outcome_by=(timezone.now() - timedelta(days=1)).date(),
                     opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(days=10))
    with pytest.raises(ValidationError, match="reason"):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call,
                                   override_reason="The panel met late.")
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED and call.release_override_reason


def test_payment_moves_forward_only_with_reference(world, org, scoped):
    call = make_call(org, slug="pay", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory())
    services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                decision=Decision.FUNDED)
    services.honoraria_approve(organisation=org, by=world.a.project_manager, application=application)
    payment = HonorariumPayment.objects.get(application=application)
    with pytest.raises(ValidationError):
        services.payment_advance(organisation=org, by=world.a.project_manager, payment=payment,
                                 status=PaymentStatus.PAID)
    services.payment_advance(organisation=org, by=world.a.project_manager, payment=payment,
                             status=PaymentStatus.CLAIM_RECEIVED)
    with pytest.raises(ValidationError, match="reference"):
        services.payment_advance(organisation=org, by=world.a.project_manager, payment=payment,
                                 status=PaymentStatus.PAID)
    services.payment_advance(organisation=org, by=world.a.project_manager, payment=payment,
                             status=PaymentStatus.PAID, reference="INV-001")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.paid_at and payment.reference == "INV-001"
    assert AuditEvent.objects.filter(action__startswith="payment.").count() == 3


def test_call_status_transitions_guarded(world, org, scoped):
    call = make_call(org, slug="guarded", status=CallStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.call_set_status(organisation=org, by=world.a.project_manager, call=call, status=CallStatus.DECIDED)
    services.call_set_status(organisation=org, by=world.a.project_manager, call=call, status=CallStatus.OPEN)
    with scope(organisation=org):
        assert AuditEvent.objects.filter(action="call.status_changed").count() == 1


def test_declined_award_goes_to_the_reserve_in_the_same_domain(world, org, scoped,
                                                               django_capture_on_commit_callbacks):
    call = make_call(org, slug="decline", status=CallStatus.UNDER_REVIEW)
    funded = make_application(call, UserFactory(), domain="Sepsis",
                              leads=[{"name": "F", "email": "f@people.example.org", "employer": "T", "sector": "nhs"}])
    reserve = make_application(call, UserFactory(), domain="Sepsis",
                               leads=[{"name": "R", "email": "r@people.example.org", "employer": "T", "sector": "nhs"}])
    services.application_decide(organisation=org, by=world.a.project_manager, application=funded,
                                decision=Decision.FUNDED)
    services.application_decide(organisation=org, by=world.a.project_manager, application=reserve,
                                decision=Decision.RESERVE)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    assert HonorariumPayment.objects.filter(application=funded).exists()
    offered = services.award_decline(organisation=org, by=world.a.project_manager, application=funded)
    assert offered == reserve
    funded.refresh_from_db()
    reserve.refresh_from_db()
    assert funded.decision == Decision.DECLINED and reserve.decision == Decision.FUNDED
    assert not HonorariumPayment.objects.filter(application=funded).exists()
    assert HonorariumPayment.objects.get(application=reserve).amount_pence == 500000
    assert "a funded place in it has become free" in OutgoingEmail.objects.get(
        key=f"award-offer:{reserve.pk}:r@people.example.org").body_text
    assert services.award_decline(organisation=org, by=world.a.project_manager, application=funded) is None


def test_declined_award_refused_once_paid(world, org, scoped):
    call = make_call(org, slug="decline-paid", status=CallStatus.UNDER_REVIEW)
    funded = make_application(call, UserFactory())
    services.application_decide(organisation=org, by=world.a.project_manager, application=funded,
                                decision=Decision.FUNDED)
    services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    payment = HonorariumPayment.objects.get(application=funded)
    services.payment_advance(organisation=org, by=world.a.project_manager, payment=payment,
                             status=PaymentStatus.CLAIM_RECEIVED)
    services.payment_advance(organisation=org, by=world.a.project_manager, payment=payment,
                             status=PaymentStatus.PAID, reference="X1")
    with pytest.raises(ValidationError, match="already paid"):
        services.award_decline(organisation=org, by=world.a.project_manager, application=funded)


def test_declared_conflict_is_replaced_on_the_next_balance(world, org, scoped):
    call = _review_call(org)
    reviewers = [world.a.panel_member] + [person_in(org, roles=["panel_member"]) for _ in range(2)]
    add_panel(call, *reviewers)
    application = make_application(call, UserFactory())
    new, _ = services.assignments_balance(organisation=org, by=world.a.project_manager, call=call)
    assert len(new) == 2
    assignment = application.assignments.get(reviewer=new[0][1])
    services.assignment_declare_conflict(organisation=org, by=assignment.reviewer, assignment=assignment,
                                         reason="A close colleague")
    again, short = services.assignments_balance(organisation=org, by=world.a.project_manager, call=call)
    assert len(again) == 1 and not short
    assert application.assignments.filter(conflict="").count() == 2
