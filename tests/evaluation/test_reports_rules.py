"""The rules of the evaluator's views and the value-cycle report: consent as a database filter agrees with
the rule, small counts held back, participation tiers, ties across boundaries, value flow."""

import itertools

import pytest

from evaluation import rules, rules_reports


@pytest.mark.parametrize("use", rules.USES)
def test_status_and_consent_filters_agree_with_the_rule_for_every_combination(use):
    statuses = ("draft", "shared", "approved", "other")
    consents = ("", None, "community", "report", "public", "bogus")
    for status, consent in itertools.product(statuses, consents):
        by_filter = status in rules_reports.statuses_for(use) and consent in rules_reports.consents_for(use)
        assert by_filter == rules.story_usable_for(status, consent, use), (status, consent, use)


def test_the_report_takes_approved_stories_with_report_or_public_consent():
    assert rules_reports.statuses_for("report") == ("approved",)
    assert set(rules_reports.consents_for("report")) == {"report", "public"}


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (120, 120), (None, None)])
def test_counts_under_five_are_held_back_outside_the_organisation(count, shown):
    assert rules_reports.held_back(count) == shown
    assert rules_reports.held_back(count, outside=False) == count


@pytest.mark.parametrize(("attended", "held", "tier"), [
    (0, 0, "peripheral"), (0, 3, "peripheral"), (1, 3, "active"), (2, 3, "core"), (3, 3, "core"),
    (1, 1, "core"), (1, 2, "active"), (2, 4, "active"), (3, 4, "core"), (2, 0, "active"),
])
def test_participation_tier_from_attendance(attended, held, tier):
    assert rules_reports.participation_tier(attended, held) == tier


def test_ties_crossing_organisations_and_professions_each_counted_once():
    attributes = {1: ("Guy's Trust", "Nurse"), 2: ("guy's  trust", "Pharmacist"), 3: ("Lewisham", "Nurse"),
                  4: ("", "")}
    result = rules_reports.tie_counts([{1, 2, 3}, {1, 2}, {3, 4}], attributes)
    # pairs: 1-2 (same org, other profession), 1-3 (other org, same profession), 2-3 (both), 3-4 (unknown)
    assert result["ties"] == 4
    assert result["cross_org"] == 2 and result["cross_profession"] == 2 and result["crossing"] == 3
    assert result["share_crossing"] == 75
    assert result["ei_index"] == round((2 - 1) / 3, 2)


def test_no_ties_no_share_and_no_index():
    result = rules_reports.tie_counts([{1}], {1: ("A", "B")})
    assert result == {"ties": 0, "cross_org": 0, "cross_profession": 0, "crossing": 0, "share_crossing": None,
                      "ei_index": None}


def test_value_flow_counts_a_story_in_every_cycle_up_to_its_furthest():
    flow = rules_reports.reach_counts([1, 3, 3, 5, 0, None])
    assert [(cycle.key, n) for cycle, n in flow] == [
        ("immediate", 4), ("potential", 3), ("applied", 3), ("realised", 1), ("reframing", 1)]
