"""The Transform rules from the brochure (Phase 5): an outcome only from Transform and one at a time, why
required, a faded community's legacy required, a split into several distinct names, a merge into another
running community of the same organisation, a withdrawal that moves back; and the share of members taking
part with the advice it calls for. Boundaries and messages are asserted exactly."""

from datetime import date

import pytest

from programmes import rules

TODAY = date(2026, 11, 30)


def problems(**overrides):
    values = {"phase_key": "transform", "kind": "renewed", "reason": "A new domain emerged", "legacy": "",
              "on": TODAY, "today": TODAY, "has_outcome": False}
    values.update(overrides)
    return rules.outcome_problems(**values)


def test_the_five_outcomes_of_the_brochure_and_which_close_the_community():
    assert [o.key for o in rules.OUTCOMES] == ["renewed", "split", "merged", "faded", "hub"]
    assert {o.key for o in rules.OUTCOMES if o.closes} == {"merged", "faded"}
    assert rules.outcome("hub").name == "Institutionalised as a knowledge hub"
    assert rules.outcome("flourish") is None
    assert rules.OUTCOME_CHOICES[1] == ("split", "Split into new communities")


@pytest.mark.parametrize("kind", ["renewed", "split", "merged", "hub"])
def test_an_outcome_in_transform_with_a_reason_passes(kind):
    assert problems(kind=kind) == {}


def test_a_faded_community_with_its_legacy_passes():
    assert problems(kind="faded", legacy="The sepsis toolkit: https://example.org/toolkit") == {}


@pytest.mark.parametrize("key", ["discover", "unite", "mature", "steward", None])
def test_an_outcome_is_recorded_only_in_transform(key):
    found = problems(phase_key=key)
    name = rules.phase(key).name
    assert found == {"kind": f"The community is in {name}: move it to Transform before recording what became "
                             "of it."}


def test_one_outcome_at_a_time():
    assert problems(has_outcome=True) == {
        "kind": "An outcome is already recorded: withdraw it first if it was a mistake."}
    # the outcome already recorded is said first, even outside Transform
    assert problems(has_outcome=True, phase_key="steward")["kind"].startswith("An outcome is already recorded")


@pytest.mark.parametrize("kind", ["", None, "flourish"])
def test_an_unknown_outcome_is_refused(kind):
    assert problems(kind=kind) == {"kind": "Choose what became of the community."}


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_every_outcome_says_why(reason):
    assert problems(reason=reason) == {"reason": "Say why: a transformation is healthy when it is deliberate."}


def test_the_reason_at_its_limit_passes_and_one_over_is_refused():
    assert problems(reason="x" * rules.MAX_REASON) == {}
    assert problems(reason="x" * (rules.MAX_REASON + 1)) == {
        "reason": f"Keep the reason to {rules.MAX_REASON} characters."}
    assert problems(reason="  " + "x" * rules.MAX_REASON + "  ") == {}  # trimmed before counting


@pytest.mark.parametrize("legacy", ["", "  ", None])
def test_a_faded_community_leaves_a_legacy(legacy):
    assert problems(kind="faded", legacy=legacy) == {
        "legacy": "Describe the legacy the community leaves: a toolkit, a website, documents."}


@pytest.mark.parametrize("kind", ["renewed", "split", "merged", "hub"])
def test_the_legacy_is_optional_for_the_others(kind):
    assert "legacy" not in problems(kind=kind, legacy="")


@pytest.mark.parametrize("kind", ["faded", "hub"])
def test_the_legacy_at_its_limit_passes_and_one_over_is_refused(kind):
    assert problems(kind=kind, legacy="x" * rules.MAX_LEGACY) == {}
    assert problems(kind=kind, legacy="x" * (rules.MAX_LEGACY + 1)) == {
        "legacy": f"Keep the legacy to {rules.MAX_LEGACY} characters."}


def test_the_date_is_required_and_not_in_the_future():
    assert problems(on=None) == {"on": "Enter the date it happened."}
    assert problems(on=date(2026, 12, 1)) == {"on": "The date cannot be in the future."}
    assert problems(on=TODAY) == {}
    assert problems(on=date(2020, 1, 1)) == {}
    assert problems(on=date(2030, 1, 1), today=None) == {}  # no today given: no check on the future


def test_several_problems_are_all_reported():
    assert set(problems(phase_key="steward", reason="", kind="faded", on=None)) == {"kind", "reason", "legacy",
                                                                                    "on"}


def test_split_names_are_one_a_line_trimmed_with_blank_lines_dropped():
    assert rules.split_names("  Sepsis in the community \n\n\tSepsis   in hospital\n  \n") == [
        "Sepsis in the community", "Sepsis in hospital"]
    assert rules.split_names("") == [] and rules.split_names(None) == []


def test_a_split_into_two_distinct_new_names_passes():
    assert rules.split_problem(["North", "South"], own_name="Sepsis") == ""
    assert rules.split_problem([f"Part {n}" for n in range(rules.MAX_SPLIT)], own_name="Sepsis") == ""


@pytest.mark.parametrize("names", [[], ["Only one"]])
def test_a_split_is_into_several(names):
    assert rules.split_problem(names, own_name="Sepsis") == (
        "Name at least 2 new communities, one a line: a split is into several.")


def test_a_split_into_more_than_ten_is_refused():
    names = [f"Part {n}" for n in range(rules.MAX_SPLIT + 1)]
    assert rules.split_problem(names, own_name="Sepsis") == "Name at most 10 new communities."


def test_each_name_has_a_length_limit():
    assert rules.split_problem(["x" * rules.MAX_NAME, "y"], own_name="Sepsis") == ""
    assert rules.split_problem(["x" * (rules.MAX_NAME + 1), "y"], own_name="Sepsis") == (
        "Keep each name to 200 characters.")


def test_names_must_differ_whatever_their_case():
    assert rules.split_problem(["North", "south", "NORTH"], own_name="Sepsis") == (
        "Give each new community a different name: “NORTH” appears twice.")


def test_a_new_name_is_not_the_splitting_communitys_own():
    assert rules.split_problem(["North", "sepsis"], own_name=" Sepsis ") == (
        "Give the new communities names other than “Sepsis”.")


def test_a_new_name_is_not_that_of_another_community():
    assert rules.split_problem(["North", "Falls"], own_name="Sepsis", existing_names=["falls", "Delirium"]) == (
        "There is already a community called “Falls”: choose another name.")
    assert rules.split_problem(["North", "South"], own_name="Sepsis", existing_names=["Falls"]) == ""


def merge(**overrides):
    values = {"community_id": 1, "organisation_id": 10, "target_id": 2, "target_organisation_id": 10,
              "target_closed": False}
    values.update(overrides)
    return rules.merge_problem(**values)


def test_a_merge_into_another_running_community_of_the_organisation_passes():
    assert merge() == ""


def test_a_merge_needs_a_target():
    assert merge(target_id=None, target_organisation_id=None) == "Choose the community it merged with."


def test_a_merge_target_of_another_organisation_is_refused():
    assert merge(target_organisation_id=11) == "Choose a community of this organisation."
    assert merge(target_organisation_id=None) == "Choose a community of this organisation."


def test_a_community_cannot_merge_with_itself():
    assert merge(target_id=1) == "Choose another community: a community cannot merge with itself."


def test_a_merge_into_a_closed_community_is_refused():
    assert merge(target_closed=True) == "That community is closed: choose one that is still running."


@pytest.mark.parametrize("to", ["discover", "unite", "mature", "steward"])
def test_a_withdrawal_moves_back_to_an_earlier_phase_with_a_reason(to):
    assert rules.withdraw_problems(has_outcome=True, to=to, reason="Recorded by mistake") == {}


@pytest.mark.parametrize("to", ["transform", "flourish", "", None])
def test_a_withdrawal_must_move_back_out_of_transform(to):
    assert rules.withdraw_problems(has_outcome=True, to=to, reason="Mistake") == {
        "to": "Choose the phase the community moves back to (Discover to Steward)."}


def test_nothing_to_withdraw_without_an_outcome():
    assert rules.withdraw_problems(has_outcome=False, to="steward", reason="Mistake") == {
        "to": "No outcome is recorded: there is nothing to withdraw."}


def test_a_withdrawal_says_why_within_the_limit():
    assert rules.withdraw_problems(has_outcome=True, to="steward", reason="  ") == {
        "reason": "Say why the outcome is withdrawn: the record of moves is part of the story."}
    assert rules.withdraw_problems(has_outcome=True, to="steward", reason="x" * rules.MAX_REASON) == {}
    assert rules.withdraw_problems(has_outcome=True, to="steward", reason="x" * (rules.MAX_REASON + 1)) == {
        "reason": f"Keep the reason to {rules.MAX_REASON} characters."}


@pytest.mark.parametrize(("active", "members", "share"), [
    (0, 0, None), (3, 0, None), (0, -1, None), (0, 4, 0), (1, 4, 25), (1, 3, 33), (2, 3, 66), (3, 3, 100),
    (5, 3, 100), (-2, 3, 0), (None, 3, 0),
])
def test_the_share_of_members_taking_part_is_rounded_down_and_capped(active, members, share):
    assert rules.active_share(active, members) == share


@pytest.mark.parametrize(("key", "start"), [
    ("steward", "Fewer than one member in four took part in the last three months: keep the interaction fresh"),
    ("mature", "Fewer than one member in four took part in the last three months: as time demands grow"),
    ("discover", "Fewer than one member in four took part in the last three months: trust grows"),
    ("unite", "Fewer than one member in four took part in the last three months: trust grows"),
])
def test_few_members_taking_part_calls_for_the_phases_advice(key, start):
    (line,) = rules.activity_advice(key, rules.LOW_ACTIVE_SHARE - 1)
    assert line.startswith(start)


@pytest.mark.parametrize("share", [None, rules.LOW_ACTIVE_SHARE, 100])
def test_no_activity_advice_at_a_quarter_or_more_or_when_unknown(share):
    for key in ("discover", "unite", "mature", "steward", "transform"):
        assert rules.activity_advice(key, share) == []


def test_no_activity_advice_in_transform():
    assert rules.activity_advice("transform", 0) == []


def test_phase_advice_includes_the_activity_advice_and_transforms_prompt():
    advice = rules.phase_advice("steward", months_since_meeting=1, new_members_last_quarter=1, active_share=10)
    assert advice == rules.activity_advice("steward", 10)
    prompt = rules.phase_advice("transform", months_since_meeting=1, new_members_last_quarter=1, has_outcome=False)
    assert len(prompt) == 1 and prompt[0].startswith("In Transform: record what becomes of the community")
    assert rules.phase_advice("transform", months_since_meeting=1, new_members_last_quarter=1, has_outcome=True) == []
    assert rules.phase_advice("transform", months_since_meeting=1, new_members_last_quarter=1) == []
    assert rules.phase_advice("steward", months_since_meeting=1, new_members_last_quarter=1, has_outcome=False) == []


# --- Exact advice, every branch (mutation testing: each sentence and each condition is pinned) -----------

REJUVENATE = ("No meeting for three months or more: a rejuvenation meeting may be in order, to help reignite the "
              "fire that brought you together.")
BEGIN = ("No meeting for three months or more: trust grows from meeting, so urge a practical beginning, however "
         "small.")
FOCUS = ("No meeting for three months or more: as time demands grow, guard against distraction from the "
         "community's core purpose.")
RECRUIT = ("No new members this quarter: recruit new people to the core group and let others rotate out, to keep "
           "the conversation alive.")
REACH_OUT = "No new members this quarter: reach out and invite the people who share the passion."
FEW = "Fewer than one member in four took part in the last three months"
FEW_STEWARD = (f"{FEW}: keep the interaction fresh and meaningful, and let people rotate to less active roles while "
               "new people join the core.")
FEW_MATURE = f"{FEW}: as time demands grow, come back to the community's core purpose."
FEW_EARLY = (f"{FEW}: trust grows from the quality of members' relationships; invite each member into the work, "
             "however small the start.")
RECORD = ("In Transform: record what becomes of the community (renewed, split, merged, faded deliberately or a "
          "knowledge hub) so that the change is deliberate and its legacy kept.")


@pytest.mark.parametrize(("key", "months", "new", "share", "outcome", "expected"), [
    ("steward", None, 0, 10, None, [REJUVENATE, RECRUIT, FEW_STEWARD]),
    ("steward", 3, 1, 25, None, [REJUVENATE]),
    ("steward", 2, 1, 24, None, [FEW_STEWARD]),
    ("discover", None, 0, 0, None, [BEGIN, REACH_OUT, FEW_EARLY]),
    ("unite", 5, 0, 50, None, [BEGIN]),
    ("unite", 0, 3, 10, None, [FEW_EARLY]),
    ("mature", 3, 0, 20, None, [FOCUS, FEW_MATURE]),
    ("mature", 2, 0, None, None, []),
    ("transform", None, 0, 0, False, [RECORD]),
    ("transform", 0, 1, None, True, []),
    (None, None, 0, None, None, [BEGIN, REACH_OUT]),  # no move yet: Discover
    ("flourish", 1, 1, None, None, []),  # an unknown key reads as Discover: no quiet, newcomers
])
def test_the_advice_for_each_phase_word_for_word(key, months, new, share, outcome, expected):
    assert rules.phase_advice(key, months_since_meeting=months, new_members_last_quarter=new, active_share=share,
                              has_outcome=outcome) == expected


def test_advice_defaults_add_nothing_for_activity_or_outcome():
    assert rules.phase_advice("transform", months_since_meeting=0, new_members_last_quarter=1) == []
    assert rules.phase_advice("steward", months_since_meeting=0, new_members_last_quarter=1) == []


def test_an_unknown_phase_key_reads_as_discover():
    assert rules.phase("flourish") is rules.PHASE_BY_KEY["discover"]
    assert rules.phase("mature") is rules.PHASE_BY_KEY["mature"]


def test_the_move_reason_messages_word_for_word():
    assert rules.phase_move_problems("discover", "unite", "") == {
        "reason": "Say why the community is moving: the record of moves is part of its story."}
    assert rules.phase_move_problems("discover", "unite", "x" * (rules.MAX_REASON + 1)) == {
        "reason": f"Keep the reason to {rules.MAX_REASON} characters."}


def test_a_single_member_who_took_part_is_everyone():
    assert rules.active_share(1, 1) == 100
    assert rules.active_share(0, 1) == 0
    assert rules.active_share(1, None) is None


def test_the_defaults_of_the_transform_rules():
    # legacy defaults to none (a fade then lacks it) and no outcome is taken as recorded
    assert rules.outcome_problems(phase_key="transform", kind="faded", reason="Why", on=TODAY) == {
        "legacy": "Describe the legacy the community leaves: a toolkit, a website, documents."}
    assert rules.outcome_problems(phase_key="transform", kind="renewed", reason="Why", on=TODAY) == {}
    assert rules.merge_problem(community_id=1, organisation_id=10, target_id=2, target_organisation_id=10) == ""
    assert rules.split_problem(["Xxxx", "Other"], own_name=None) == ""
    assert rules.withdraw_problems(has_outcome=True, to="steward", reason=None) == {
        "reason": "Say why the outcome is withdrawn: the record of moves is part of the story."}
