"""The cohort rules: the standard programme's shape (report, seed 004), a session's times, module
sessions, and co-consulting groups that mix employers and roles, deterministically."""

from collections import Counter
from datetime import date, time

import pytest

from programmes import rules_cohorts


def test_the_standard_programme_has_the_reports_shape_and_no_dates_unless_given_a_start():
    plan = rules_cohorts.standard_programme()
    assert Counter(s.kind for s in plan) == {"welcome": 1, "module": 10, "clinic": 4, "co_consulting": 5,
                                             "celebration": 1}
    assert plan[0].kind == "welcome" and plan[-1].kind == "celebration"
    modules = [(s.module_number, s.part, s.module_title) for s in plan if s.kind == "module"]
    assert modules[:2] == [(1, 1, "Planning and Launching CoPs"), (1, 2, "Planning and Launching CoPs")]
    assert [m[2] for m in modules[::2]] == [t for _, t in rules_cohorts.LDP_MODULES]
    assert "Recognising and Capturing Value Creation" in dict(rules_cohorts.LDP_MODULES).values()
    assert all(s.date is None and s.starts_at is None and s.ends_at is None for s in plan)


def test_the_standard_programme_spread_from_a_start_keeps_each_module_on_two_consecutive_mornings():
    plan = rules_cohorts.standard_programme(date(2023, 9, 12))
    assert plan[0].date == date(2023, 9, 12)
    assert all(s.date and s.starts_at < s.ends_at for s in plan)
    for number, _title in rules_cohorts.LDP_MODULES:
        one, two = [s for s in plan if s.module_number == number]
        assert (two.date - one.date).days == 1 and one.starts_at == time(9, 30) and one.ends_at == time(12, 30)
    assert plan[-1].date > max(s.date for s in plan[:-1])
    assert [s.ends_at.hour - s.starts_at.hour for s in plan if s.kind == "clinic"] == [1, 1, 1, 1]


@pytest.mark.parametrize(("d", "starts", "ends", "fields"), [
    (date(2024, 1, 9), time(10), time(9), {"ends_at"}),
    (date(2024, 1, 9), time(10), time(10), {"ends_at"}),
    (None, time(10), time(11), {"date"}),
    (date(2024, 1, 9), None, time(11), {"starts_at"}),
])
def test_a_session_ending_before_it_starts_or_timed_without_a_date_is_refused(d, starts, ends, fields):
    problems = rules_cohorts.session_time_problems(date=d, starts_at=starts, ends_at=ends)
    assert set(problems) == fields
    if "ends_at" in fields:
        assert problems["ends_at"] == "The session must end after it starts."


@pytest.mark.parametrize(("d", "starts", "ends"), [
    (None, None, None), (date(2024, 1, 9), None, None), (date(2024, 1, 9), time(9, 30), None),
    (date(2024, 1, 9), time(9, 30), time(9, 31)),
])
def test_a_session_may_be_planned_without_a_date_or_an_end(d, starts, ends):
    assert rules_cohorts.session_time_problems(date=d, starts_at=starts, ends_at=ends) == {}


def test_a_module_session_names_its_module_and_part_and_other_kinds_have_neither():
    assert rules_cohorts.module_problems(kind="module", module_number=2, part=1) == {}
    assert set(rules_cohorts.module_problems(kind="module", module_number=None, part=3)) == {"module_number", "part"}
    assert set(rules_cohorts.module_problems(kind="clinic", module_number=2, part=1)) == {"module_number", "part"}
    assert rules_cohorts.module_problems(kind="welcome", module_number=None, part=None) == {}


@pytest.mark.parametrize(("size", "ok"), [(2, False), (3, True), (5, True), (8, True), (9, False), (None, False)])
def test_the_group_size_is_between_three_and_eight(size, ok):
    assert (rules_cohorts.group_size_problems(size) == "") is ok


def _cohort(n, employers, roles):
    return [(i, employers[i % len(employers)], roles[(i // len(employers)) % len(roles)]) for i in range(n)]


def test_groups_place_everyone_once_in_groups_no_bigger_than_asked_and_differing_by_at_most_one():
    people = _cohort(28, ["Trust A", "Trust B", "Council C", "University D"], ["pharmacist", "nurse", "manager"])
    groups = rules_cohorts.propose_groups(people, 5)
    assert sorted(k for g in groups for k in g) == list(range(28))
    sizes = [len(g) for g in groups]
    assert len(groups) == 6 and max(sizes) <= 5 and max(sizes) - min(sizes) <= 1


def test_groups_spread_employers_as_evenly_as_possible():
    # 7 from one trust, 7 from another, 6 others each from a different employer: 4 groups of 5.
    people = ([(f"a{i}", "Trust A", "nurse") for i in range(7)] + [(f"b{i}", "Trust B", "nurse") for i in range(7)]
              + [(f"o{i}", f"Org {i}", "nurse") for i in range(6)])
    groups = rules_cohorts.propose_groups(people, 5)
    employer = {k: e for k, e, _ in people}
    for group in groups:
        counts = Counter(employer[k] for k in group)
        assert counts["Trust A"] <= 2 and counts["Trust B"] <= 2, group  # ceil(7 / 4)


def test_groups_spread_roles_when_employers_are_all_different():
    people = [(i, f"Employer {i}", ["pharmacist", "nurse", "manager", "doctor"][i % 4]) for i in range(16)]
    for group in rules_cohorts.propose_groups(people, 4):
        assert len({people[k][2] for k in group}) == 4, group


def test_employers_are_compared_without_case_or_extra_spaces_and_empty_ones_match_nobody():
    people = [(1, "Trust A", ""), (2, " trust  a ", ""), (3, "", ""), (4, "", "")]
    groups = rules_cohorts.propose_groups(people, 2)
    assert all(not ({1, 2} <= set(g)) for g in groups)


def test_the_proposal_is_deterministic_and_keeps_the_given_order_within_a_group():
    people = _cohort(23, ["A", "B", "C"], ["x", "y"])
    assert rules_cohorts.propose_groups(people, 4) == rules_cohorts.propose_groups(list(people), 4)
    for group in rules_cohorts.propose_groups(people, 4):
        assert group == sorted(group)


def test_no_people_no_groups_and_fewer_people_than_a_group_is_one_group():
    assert rules_cohorts.propose_groups([], 5) == []
    assert rules_cohorts.propose_groups([(1, "A", "x"), (2, "B", "y")], 5) == [[1, 2]]
