"""The lifecycle's rules: the five phases from the brochure, moves forward and back with a reason, and the
advice the signals call for."""

import pytest

from programmes import rules


def test_five_phases_in_the_brochures_order_each_with_its_three_key_issues():
    assert [phase.name for phase in rules.PHASES] == ["Discover", "Unite", "Mature", "Steward", "Transform"]
    assert [phase.number for phase in rules.PHASES] == [1, 2, 3, 4, 5]
    for phase in rules.PHASES:
        assert phase.domain and phase.community and phase.practice
    assert "rejuvenation meeting" in rules.phase("steward").community
    assert "speed of trust" in rules.phase("unite").community


def test_no_move_yet_means_discover():
    assert rules.phase(None).key == "discover"
    assert rules.phase("").key == "discover"


@pytest.mark.parametrize(("current", "new"), [("discover", "unite"), ("unite", "discover"),
                                              ("discover", "transform"), ("transform", "discover"),
                                              (None, "steward")])
def test_a_move_forward_or_back_any_distance_is_allowed_with_a_reason(current, new):
    assert rules.phase_move_problems(current, new, "We met twice and trust is growing") == {}


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_move_without_a_reason_is_refused(reason):
    problems = rules.phase_move_problems("discover", "unite", reason)
    assert list(problems) == ["reason"]
    assert "Say why" in problems["reason"]


def test_a_reason_at_the_limit_passes_and_one_over_is_refused():
    assert rules.phase_move_problems("discover", "unite", "x" * rules.MAX_REASON) == {}
    assert "reason" in rules.phase_move_problems("discover", "unite", "x" * (rules.MAX_REASON + 1))


def test_moving_to_the_same_phase_is_refused_even_discover_before_any_move():
    assert "already in Unite" in rules.phase_move_problems("unite", "unite", "Because")["to"]
    assert "already in Discover" in rules.phase_move_problems(None, "discover", "Because")["to"]


def test_an_unknown_phase_is_refused():
    assert rules.phase_move_problems("discover", "flourish", "Because")["to"] == "Choose one of the five phases."


@pytest.mark.parametrize(("months", "advised"), [(None, True), (3, True), (2, False), (0, False)])
def test_steward_quiet_for_three_months_or_more_suggests_a_rejuvenation_meeting(months, advised):
    advice = rules.phase_advice("steward", months_since_meeting=months, new_members_last_quarter=2)
    assert any("rejuvenation meeting" in line for line in advice) is advised


def test_steward_with_no_newcomers_suggests_recruiting_to_the_core_group():
    advice = rules.phase_advice("steward", months_since_meeting=1, new_members_last_quarter=0)
    assert advice and "recruit new people to the core group" in advice[0]
    assert rules.phase_advice("steward", months_since_meeting=1, new_members_last_quarter=1) == []


def test_rejuvenation_is_advice_for_steward_only():
    for key in ("discover", "unite", "mature", "transform"):
        advice = rules.phase_advice(key, months_since_meeting=6, new_members_last_quarter=0)
        assert not any("rejuvenation" in line for line in advice), key


def test_evidence_advice_when_a_community_past_discover_recorded_none_this_quarter():
    assert rules.evidence_advice("unite", 0) == [
        "No evidence of value recorded in the last three months: note what the community has created and "
        "changed, so that its feedback is its own."]
    assert rules.evidence_advice("steward", 0) == rules.evidence_advice("transform", 0) != []
    assert rules.evidence_advice("discover", 0) == []  # little to show yet
    assert rules.evidence_advice("mature", 1) == []
    assert rules.evidence_advice("mature", None) == []  # not known: no advice
    assert rules.evidence_advice("mature", 0)[0] in rules.phase_advice(
        "mature", months_since_meeting=1, new_members_last_quarter=2, evidence_recent=0)
