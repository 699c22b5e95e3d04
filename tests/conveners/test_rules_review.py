"""Reviewing, deciding and releasing: the rules at their boundaries (conveners/rules.py)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from conveners import rules
from conveners.rules import RuleBroken

# --- load-balanced assignment ---------------------------------------------------------------------


def _assign(applications, reviewers, per_application=2, existing=(), conflicted=()):
    return rules.balanced_assignment(applications=applications, reviewers=reviewers, per_application=per_application,
                                     existing=set(existing), conflicted=set(conflicted))


def test_assignment_tops_up_an_application_to_the_required_number_only():
    """Issue §3: each application gets ``reviewers_per_application`` reviewers. One already assigned counts:
    pressing "Assign reviewers" again adds only the missing one, never a third."""
    new = _assign(["app"], ["r1", "r2", "r3"], per_application=2, existing={("app", "r1")})
    assert len(new) == 1
    assert new[0][0] == "app" and new[0][1] in {"r2", "r3"}


def test_assignment_adds_nothing_to_an_application_already_fully_assigned():
    """Re-running assignment is safe: an application with its reviewers gets no more."""
    existing = {("app", "r1"), ("app", "r2")}
    assert _assign(["app"], ["r1", "r2", "r3"], per_application=2, existing=existing) == []


def test_assignment_counts_only_this_applications_existing_reviewers():
    """Another application's assignments do not make this one look fully reviewed."""
    existing = {("other", "r1"), ("other", "r2")}
    new = _assign(["app"], ["r1", "r2", "r3"], per_application=2, existing=existing)
    assert len(new) == 2


def test_assignment_gives_new_work_to_the_least_loaded_reviewer():
    """Issue §3, load-balanced: a reviewer already carrying two applications is chosen after one who carries
    none, even though the busy one comes first on the panel."""
    existing = {("old1", "busy"), ("old2", "busy")}
    assert _assign(["new"], ["busy", "idle"], per_application=1, existing=existing) == [("new", "idle")]


def test_assignment_weighs_existing_load_by_its_size():
    """A reviewer with one application already is still preferred to one with two."""
    existing = {("old1", "two"), ("old2", "two"), ("old3", "one")}
    assert _assign(["new"], ["two", "one"], per_application=1, existing=existing) == [("new", "one")]


def test_assignment_keeps_counting_as_it_assigns():
    """Two new applications, one reviewer each, two reviewers starting equal: one application each, the panel
    order breaking the first tie."""
    assert _assign(["a1", "a2"], ["r1", "r2"], per_application=1) == [("a1", "r1"), ("a2", "r2")]


def test_assignment_balances_against_new_and_existing_work_together():
    """r1 carries one old application; of two new ones r2 takes the first, then the tie goes to r1."""
    new = _assign(["a1", "a2"], ["r1", "r2"], per_application=1, existing={("old", "r1")})
    assert new == [("a1", "r2"), ("a2", "r1")]


def test_assignment_new_and_old_work_weigh_the_same():
    """A new assignment adds one application to a reviewer's load, as an old one does: r1 carries two old
    applications, so r2 takes new ones until the loads are level, and only then does r1 get one."""
    new = _assign(["a1", "a2", "a3"], ["r1", "r2"], per_application=1, existing={("o1", "r1"), ("o2", "r1")})
    assert new == [("a1", "r2"), ("a2", "r2"), ("a3", "r1")]


def test_assignment_ignores_existing_work_of_someone_no_longer_on_the_panel():
    """Assignments of a person who left the panel do not crash or distort the balance."""
    new = _assign(["app"], ["r1", "r2"], per_application=1, existing={("old", "gone"), ("old", "r1")})
    assert new == [("app", "r2")]


def test_assignment_never_assigns_a_conflicted_reviewer_even_if_short():
    """Decision "Reviewing": a conflicted reviewer is never assigned; the application stays short instead."""
    assert _assign(["app"], ["r1", "r2"], per_application=2, conflicted={("app", "r1")}) == [("app", "r2")]


# --- reviews short --------------------------------------------------------------------------------


def test_reviews_short_counts_the_missing_reviews():
    """The "fewer reviews than required" warning: 3 required, 1 submitted → 2 missing."""
    assert rules.reviews_short(3, 1) == 2
    assert rules.reviews_short(2, 2) == 0


def test_reviews_short_is_never_negative():
    """More reviews than required (a manager added a reviewer by hand) is not a shortfall."""
    assert rules.reviews_short(2, 3) == 0


# --- scoring and ranking --------------------------------------------------------------------------


def test_score_bounds_are_inclusive():
    """The rubric: a whole number from 0 to the criterion's scale — 0 and the top of the scale are scores."""
    assert rules.check_score(0, scale_max=5) is None  # accepted: no RuleBroken
    assert rules.check_score(5, scale_max=5) is None
    assert rules.check_score(None, scale_max=5) is None  # not scored yet: a draft may leave it empty


def test_weighted_percent_with_no_weight_is_no_score():
    """Criteria that all weigh nothing give no percentage, rather than a division by zero."""
    assert rules.weighted_percent([(3, 5, 0)]) is None


def test_weighted_percent_of_a_single_criterion_of_weight_one():
    assert rules.weighted_percent([(4, 5, 1)]) == 80


def test_ranking_statistics_of_nothing_scored():
    """No submitted review: no mean, no spread, nothing to disagree about, nobody counted."""
    assert rules.ranking_statistics([None]) == {"mean": None, "spread": None, "disagreement": False, "count": 0}


def test_ranking_statistics_one_reviewer_never_disagrees():
    assert rules.ranking_statistics([90]) == {"mean": 90, "spread": 0, "disagreement": False, "count": 1}


def test_disagreement_starts_above_the_threshold_not_at_it():
    """Decision "Reviewing": the flag is raised when the spread *exceeds* 25 points."""
    at = rules.ranking_statistics([50, 50 + rules.DISAGREEMENT_SPREAD])
    assert at["spread"] == 25 and at["disagreement"] is False and at["count"] == 2
    assert rules.ranking_statistics([50, 75.5])["disagreement"] is True


# --- submission window ----------------------------------------------------------------------------

OPENS = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CLOSES = datetime(2026, 7, 1, 17, 0, tzinfo=UTC)


def test_submission_opens_at_the_opening_time_exactly():
    """FAQ §9: applications are taken from the moment the call opens (``opens_at`` inclusive)."""
    assert rules.check_submission_window(status="open", opens_at=OPENS, closes_at=CLOSES, now=OPENS) is None


def test_submission_a_second_before_opening_is_refused():
    with pytest.raises(RuleBroken) as caught:
        rules.check_submission_window(status="open", opens_at=OPENS, closes_at=CLOSES,
                                      now=OPENS - timedelta(seconds=1))
    assert caught.value.messages == ["This call is not open for applications."]


def test_deadline_message_names_the_uk_time_and_keeps_the_draft():
    """The closing time is shown in UK time (17:00 UTC in July is 18:00 BST)."""
    with pytest.raises(RuleBroken) as caught:
        rules.check_submission_window(status="open", opens_at=OPENS, closes_at=CLOSES, now=CLOSES)
    assert caught.value.messages == [
        "The deadline has passed: applications closed at 1 July 2026, 18:00. "
        "Your draft is kept, but it can no longer be submitted."]


# --- outcome date ---------------------------------------------------------------------------------

OUTCOME_BY = date(2026, 9, 8)


def test_outcome_release_on_the_published_date_is_on_time():
    """FAQ §9 / decision 7: "on or before" the published date — the date itself is not late."""
    assert rules.outcome_release_check(outcome_by=OUTCOME_BY, today=OUTCOME_BY, override_reason=None) is False


def test_outcome_release_a_day_late_without_a_reason_is_refused():
    with pytest.raises(RuleBroken) as caught:
        rules.outcome_release_check(outcome_by=OUTCOME_BY, today=OUTCOME_BY + timedelta(1), override_reason=None)
    assert caught.value.messages == [
        "The published outcome date (8 September 2026) has passed. Give a reason for the delay to release the "
        "outcomes; applicants will be told of it."]


def test_outcome_date_at_risk_from_seven_days_before():
    """Decision 7: a call whose outcomes are not released is flagged from 7 days before the published date
    (inclusive), not 8."""
    assert rules.outcome_date_at_risk(outcome_by=OUTCOME_BY, today=OUTCOME_BY - timedelta(7), released=False)
    assert not rules.outcome_date_at_risk(outcome_by=OUTCOME_BY, today=OUTCOME_BY - timedelta(8), released=False)


def test_outcome_date_at_risk_honours_a_shorter_window():
    assert not rules.outcome_date_at_risk(outcome_by=OUTCOME_BY, today=OUTCOME_BY - timedelta(3), released=False,
                                          days=2)
    assert rules.outcome_date_at_risk(outcome_by=OUTCOME_BY, today=OUTCOME_BY - timedelta(2), released=False,
                                      days=2)


def test_outcome_date_released_call_is_never_at_risk():
    assert not rules.outcome_date_at_risk(outcome_by=OUTCOME_BY, today=OUTCOME_BY, released=True)
