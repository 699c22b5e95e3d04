"""The call's terms, who may apply and what a decision re-checks (conveners/rules.py)."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from conveners import rules
from conveners.rules import Person, RuleBroken

OPENS = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CLOSES = datetime(2026, 7, 1, 17, 0, tzinfo=UTC)


def _terms(**changes):
    terms = {"funded_places": 5, "people_per_application": 2, "honorarium_pence": 500000, "max_awards_per_person": 1,
             "reviewers_per_application": 2, "ineligible_share": "redistribute", "opens_at": OPENS,
             "closes_at": CLOSES, "outcome_by": date(2026, 9, 8)}
    terms.update(changes)
    return rules.call_terms_problems(**terms)


# --- call terms -----------------------------------------------------------------------------------


def test_call_terms_defaults_of_the_policy_are_valid():
    """docs/conveners.md: the defaults (5 places, 2 people, £5,000, 1 award, redistribute) are fine."""
    assert _terms() == []


def test_call_terms_the_smallest_valid_call():
    """One place, the lead alone, no honorarium, one award, one reviewer: odd, but a valid call."""
    assert _terms(funded_places=1, people_per_application=1, honorarium_pence=0, max_awards_per_person=1,
                  reviewers_per_application=1, ineligible_share="withhold") == []


@pytest.mark.parametrize(("change", "message"), [
    ({"funded_places": 0}, "A call funds at least one place."),
    ({"people_per_application": 0}, "An application names at least one person, its lead."),
    ({"honorarium_pence": -1}, "The honorarium cannot be negative."),
    ({"max_awards_per_person": 0}, "A person may be funded in at least one domain."),
    ({"reviewers_per_application": 0}, "Each application needs at least one reviewer."),
    ({"ineligible_share": "keep"}, "Choose whether an ineligible co-lead's share is redistributed or withheld."),
    ({"closes_at": OPENS}, "The call must close after it opens."),
    ({"outcome_by": date(2026, 6, 30)}, "The outcome date cannot be before the call closes."),
])
def test_call_terms_refuse_each_invalid_term_with_its_reason(change, message):
    """Decision 6 funds at least one place; decision 2 at least the lead; decision 3 a sum of money; decision 1
    at least one award; decision 4 one of two policies; the call closes after it opens; decision 7's outcome
    date cannot come before the closing date."""
    assert _terms(**change) == [message]


def test_call_terms_outcome_on_the_closing_day_is_allowed():
    """The outcome may be published for the day the call closes (UK date of ``closes_at``)."""
    assert _terms(outcome_by=date(2026, 7, 1)) == []


def test_call_terms_closing_date_is_read_in_uk_time():
    """23:30 UTC on 30 June is 00:30 on 1 July in London: an outcome date of 30 June is then too early."""
    late_close = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert _terms(closes_at=late_close, outcome_by=date(2026, 6, 30)) == [
        "The outcome date cannot be before the call closes."]


def test_call_terms_list_every_problem_at_once():
    """A form shows every problem together, so nothing typed is lost to a second round trip."""
    assert len(_terms(funded_places=0, people_per_application=0, honorarium_pence=-5)) == 3


def test_call_terms_not_given_are_not_checked():
    assert rules.call_terms_problems(None, None, None) == []
    assert rules.call_terms_problems(0, 1, 0) == ["A call funds at least one place."]


def test_call_terms_dates_checked_only_when_both_given():
    assert rules.call_terms_problems(5, 2, 0, opens_at=CLOSES) == []
    assert rules.call_terms_problems(5, 2, 0, outcome_by=date(2000, 1, 1)) == []


@pytest.mark.parametrize(("status", "locked"), [
    ("draft", False), ("open", True), ("closed", True), ("under_review", True), ("decided", True)])
def test_call_terms_lock_once_the_call_has_opened(status, locked):
    """docs/conveners.md: the terms are shown on the call page; once it has opened people apply on them."""
    assert rules.call_terms_locked(status) is locked


# --- decision re-check ----------------------------------------------------------------------------


def _application(status="submitted", submitted_at=CLOSES - timedelta(hours=1)):
    return SimpleNamespace(status=status, submitted_at=submitted_at)


CALL = SimpleNamespace(max_leads=2, closes_at=CLOSES)
NHS_LEAD = Person(key=1, sector="nhs", is_lead=True, works_in_member_organisation=True, name="Ada Example")


def test_decision_a_sound_application_has_no_problems():
    assert rules.decision_problems(_application(), CALL, people=[NHS_LEAD]) == []


def test_decision_only_a_submitted_application():
    assert rules.decision_problems(_application(status="draft"), CALL, people=[NHS_LEAD]) == [
        "Only a submitted application can be decided."]


def test_decision_submitted_at_the_deadline_is_late():
    """FAQ §9: submitted before ``closes_at``; at the closing time itself is too late."""
    assert rules.decision_problems(_application(submitted_at=CLOSES), CALL, people=[NHS_LEAD]) == [
        "This application was not submitted before the deadline."]
    assert rules.decision_problems(_application(submitted_at=None), CALL, people=[NHS_LEAD]) == [
        "This application was not submitted before the deadline."]


def test_decision_industry_applicant_without_member_colead_refused():
    """FAQ §7 / decision 5, re-checked at decision time (e.g. the co-lead's employer left the member list)."""
    industry = Person(key=1, sector="industry", is_lead=True)
    outside = Person(key=2, sector="nhs", works_in_member_organisation=False)
    problems = rules.decision_problems(_application(), CALL, people=[industry, outside])
    assert len(problems) == 1 and "member organisations" in problems[0]


def test_decision_too_many_people_refused():
    """FAQ §4 / decision 2: the call's ``max_leads`` people in all."""
    three = [NHS_LEAD, Person(key=2, sector="nhs"), Person(key=3, sector="nhs")]
    assert rules.decision_problems(_application(), CALL, people=three) == [
        "This call allows at most 2 people per application (a lead and 1 co-lead)."]


def test_decision_names_who_has_not_confirmed():
    """Decision 2: every co-lead confirms by e-mail; the problem names them (or their key if unnamed)."""
    people = [NHS_LEAD, Person(key=7, sector="nhs", confirmed=False, name="Bea Sample")]
    assert rules.decision_problems(_application(), CALL, people=people) == [
        "Waiting for confirmation by e-mail from: Bea Sample."]
    two = [Person(key=1, sector="nhs", is_lead=True, confirmed=False, name="Ada Example"),
           Person(key=7, sector="nhs", confirmed=False, name="Bea Sample")]
    assert rules.decision_problems(_application(), CALL, people=two) == [
        "Waiting for confirmation by e-mail from: Ada Example, Bea Sample."]
    unnamed = [NHS_LEAD, Person(key=7, sector="nhs", confirmed=False)]
    assert rules.decision_problems(_application(), CALL, people=unnamed) == [
        "Waiting for confirmation by e-mail from: 7."]


def test_decision_lists_every_problem_together():
    industry = Person(key=1, sector="industry", is_lead=True, confirmed=False, name="Cy Demo")
    problems = rules.decision_problems(_application(status="withdrawn"), CALL, people=[industry])
    assert len(problems) == 3


# --- who may apply, and the honorarium ------------------------------------------------------------


def test_industry_colead_message_says_what_to_do():
    with pytest.raises(RuleBroken) as caught:
        rules.check_industry_colead([Person(key=0, sector="industry", is_lead=True)])
    assert caught.value.messages == [
        "An applicant from industry or the third sector must name a co-lead who works in one of the host's "
        "member organisations. Add that co-lead and tick “Employer is a member organisation”."]


def test_number_of_leads_needs_the_lead():
    """FAQ §4: an application has a lead; one person alone is enough."""
    rules.check_number_of_leads(1, max_leads=2)
    with pytest.raises(RuleBroken) as caught:
        rules.check_number_of_leads(0, max_leads=2)
    assert caught.value.messages == ["Name the lead of the application."]


@pytest.mark.parametrize(("max_leads", "message"), [
    (2, "This call allows at most 2 people per application (a lead and 1 co-lead)."),
    (3, "This call allows at most 3 people per application (a lead and 2 co-leads)."),
])
def test_number_of_leads_message_counts_the_coleads(max_leads, message):
    with pytest.raises(RuleBroken) as caught:
        rules.check_number_of_leads(max_leads + 1, max_leads=max_leads)
    assert caught.value.messages == [message]


def test_funded_places_messages_tell_the_panel_what_to_do_instead():
    """Decision 6 (five places, one per domain) and decision 1 (one award per person)."""
    args = {"funded_places": 5, "funded_now": 0, "domain_funded": False, "person_awards": 0,
            "max_awards_per_person": 1}
    expected = [
        ({"funded_now": 5}, "All 5 funded places are taken. Record this application as supported without funding, "
                            "a reserve, or change another decision first."),
        ({"domain_funded": True}, "Another application in this domain is already funded (one funded application per "
                                  "domain). Record this one as a reserve for the domain instead."),
        ({"person_awards": 1}, "A lead or co-lead of this application is already funded in this call; a person may "
                               "be funded in at most 1 domain per call."),
        ({"person_awards": 2, "max_awards_per_person": 2},
         ("A lead or co-lead of this application is already funded in this call; a person may be funded in at "
          "most 2 domains per call.")),
    ]
    for change, message in expected:
        with pytest.raises(RuleBroken) as caught:
            rules.check_funded_places(**{**args, **change})
        assert caught.value.messages == [message]


def test_honorarium_cannot_be_negative():
    with pytest.raises(ValueError, match="^An honorarium cannot be negative.$"):
        rules.honorarium_split(honorarium_pence=-1, people=[NHS_LEAD], policy="redistribute")


def test_honorarium_unknown_policy_is_named():
    with pytest.raises(ValueError, match="^Unknown policy for an ineligible share: 'keep'$"):
        rules.honorarium_split(honorarium_pence=1, people=[NHS_LEAD], policy="keep")


def test_conflict_sponsor_reason_is_readable_and_both_reasons_listed():
    """Decision "Reviewing": same employer as a lead, and the sponsor's employee, are both reasons."""
    assert rules.conflict_reasons(reviewer_employer="North Trust", lead_employers=["North  Trust"],
                                  sponsor_organisation="north trust") == [
        "You work for the same employer as a lead or co-lead.", "You work for the sponsoring organisation."]


def test_conflict_names_are_compared_word_by_word():
    """Spacing and case do not hide a conflict, but different words are different employers."""
    assert not rules.conflict_reasons(reviewer_employer="North Trust", lead_employers=["NorthTrust"],
                                      sponsor_organisation="")
