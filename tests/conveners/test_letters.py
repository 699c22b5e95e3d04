"""Letters and receipts through the outbox: decision letters are written with the release, a reserve is
offered a declined award only within the per-person award limit, applicants get a receipt on submitting."""

import pytest
from django.db import transaction
from django_scopes import scope

from conveners import rules, services
from conveners.models import ApplicationStatus, CallStatus, Decision
from cop_platform.models import EmailStatus, OutgoingEmail
from tests.conveners.builders import make_application, make_call
from tests.conveners.test_services import DETAILS, LEAD
from tests.factories import UserFactory


def _lead(name, email):
    return {"name": name, "email": email, "employer": "Example NHS Trust", "sector": "nhs"}


def test_letters_are_written_in_the_release_transaction(world, org, scoped):
    call = make_call(org, slug="with-release", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), leads=[_lead("Ada", "ada@people.example.org"),
                                                                _lead("Cole", "cole@people.example.org")])
    services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                decision=Decision.SUPPORTED)
    with transaction.atomic():  # no commit hook has run: the rows are there already
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
        letters = OutgoingEmail.objects.filter(kind="conveners.decision_letter")
        assert sorted(letters.values_list("to", flat=True)) == ["ada@people.example.org", "cole@people.example.org"]
        assert {letter.status for letter in letters} == {EmailStatus.QUEUED}
        assert "we would like to support it" in letters.first().body_text


def test_a_failed_release_leaves_no_letters(world, org, scoped):
    call = make_call(org, slug="not-released", status=CallStatus.UNDER_REVIEW)
    make_application(call, UserFactory())  # undecided: the release is refused
    with pytest.raises(Exception, match="no decision yet"):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    assert not OutgoingEmail.objects.exists()


def _decline_setup(world, org, *, max_awards):
    """Sepsis funded (Fay) with two reserves: Rex, already funded for Delirium, then Rue."""
    call = make_call(org, slug="limits", status=CallStatus.UNDER_REVIEW, max_awards_per_person=max_awards)
    funded = make_application(call, UserFactory(), domain="Sepsis", leads=[_lead("Fay", "fay@people.example.org")])
    delirium = make_application(call, UserFactory(), domain="Delirium", leads=[_lead("Rex", "rex@people.example.org")])
    first_reserve = make_application(call, UserFactory(), domain="Sepsis",
                                     leads=[_lead("Rex", "rex@people.example.org")])
    second_reserve = make_application(call, UserFactory(), domain="Sepsis",
                                      leads=[_lead("Rue", "rue@people.example.org")])
    pm = world.a.project_manager
    for application, decision in [(funded, Decision.FUNDED), (delirium, Decision.FUNDED),
                                  (first_reserve, Decision.RESERVE), (second_reserve, Decision.RESERVE)]:
        services.application_decide(organisation=org, by=pm, application=application, decision=decision)
    services.call_release_outcomes(organisation=org, by=pm, call=call)
    return funded, first_reserve, second_reserve


def test_a_declined_award_skips_a_reserve_whose_person_is_at_the_award_limit(world, org, scoped):
    funded, first_reserve, second_reserve = _decline_setup(world, org, max_awards=1)
    offered = services.award_decline(organisation=org, by=world.a.project_manager, application=funded)
    assert offered == second_reserve
    first_reserve.refresh_from_db()
    assert first_reserve.decision == Decision.RESERVE  # Rex already holds the one award a person may have
    assert OutgoingEmail.objects.filter(key__startswith="award-offer:", to="rue@people.example.org").count() == 1
    assert not OutgoingEmail.objects.filter(key__startswith="award-offer:", to="rex@people.example.org").exists()


def test_a_declined_award_goes_to_the_first_reserve_when_the_limit_allows(world, org, scoped):
    funded, first_reserve, _ = _decline_setup(world, org, max_awards=2)
    assert services.award_decline(organisation=org, by=world.a.project_manager, application=funded) == first_reserve


def test_no_reserve_within_the_limit_means_no_offer(world, org, scoped):
    funded, first_reserve, second_reserve = _decline_setup(world, org, max_awards=1)
    second_reserve.status = ApplicationStatus.WITHDRAWN
    second_reserve.save()
    assert services.award_decline(organisation=org, by=world.a.project_manager, application=funded) is None
    first_reserve.refresh_from_db()
    assert first_reserve.decision == Decision.RESERVE


@pytest.mark.parametrize("awards,limit,allowed", [(0, 1, True), (1, 1, False), (1, 2, True), (2, 2, False)])
def test_award_limit_rule(awards, limit, allowed):
    assert rules.award_limit_allows(person_awards=awards, max_awards_per_person=limit) is allowed


def test_confirmation_stands_rule_ignores_case_and_spacing_only():
    fields = rules.COLEAD_CONFIRMS
    base = {"domain": "Sepsis", "employer": "Kings & Co NHS Trust", "sector": "nhs"}
    assert rules.confirmation_stands(confirmed=base, now_reads={**base, "employer": " kings and co  nhs trust"},
                                     fields=fields)
    for field, value in [("domain", "Delirium"), ("employer", "Acme Ltd"), ("sector", "industry")]:
        assert not rules.confirmation_stands(confirmed=base, now_reads={**base, field: value}, fields=fields)


def test_the_applicant_gets_one_receipt_when_they_submit(world, call, scoped, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    application = services.application_create(organisation=scoped, by=world.a.member, call=call,
                                              lead=dict(LEAD, email=world.a.member.email), **DETAILS)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(organisation=scoped, by=world.a.member, application=application)
        services.application_submit(organisation=scoped, by=world.a.member, application=application)  # double click
    (receipt,) = [m for m in mailoutbox if m.to == [world.a.member.email]]
    assert "We have received your application" in receipt.subject and "Sepsis" in receipt.subject
    assert call.outcome_by.strftime("%-d %B %Y") in receipt.body
    assert f"/applications/{application.pk}/" in receipt.body
    assert OutgoingEmail.objects.get(kind="conveners.application_receipt").triggered_by == world.a.member


def test_no_receipt_when_the_submission_is_refused(world, call, scoped):
    application = services.application_create(organisation=scoped, by=world.a.member, call=call,
                                              lead=dict(LEAD, email=world.a.member.email),
                                              co_leads=[dict(LEAD, email="cory@people.example.org")], **DETAILS)
    with pytest.raises(Exception, match="Waiting for confirmation"):
        services.application_submit(organisation=scoped, by=world.a.member, application=application)
    with scope(organisation=world.a.organisation):
        assert not OutgoingEmail.objects.filter(kind="conveners.application_receipt").exists()
