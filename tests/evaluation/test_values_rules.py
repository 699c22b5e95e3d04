"""The pure rules behind the value pages: cycle sets and the computed indicators, per calendar quarter."""

from datetime import date

from evaluation import rules


def test_a_community_uses_the_2020_set_only_when_one_of_its_programmes_switched_it_on():
    assert rules.cycle_set_of([]) == rules.FIVE_CYCLES
    assert rules.cycle_set_of(["five", "five"]) == rules.FIVE_CYCLES
    assert rules.cycle_set_of(["five", "2020"]) == rules.SET_2020
    assert [c.key for c in rules.cycles_of(rules.cycle_set_of([]))] == [
        "immediate", "potential", "applied", "realised", "reframing"]


def test_unknown_cycles_are_named_so_they_can_be_refused():
    assert rules.unknown_cycles(["immediate", "strategic", "made-up"]) == ["strategic", "made-up"]
    assert rules.unknown_cycles(["strategic"], rules.SET_2020) == []


def test_quarters_run_back_from_today_oldest_first():
    assert rules.quarter_start(date(2026, 11, 30)) == date(2026, 10, 1)
    assert rules.quarter_start(date(2026, 3, 31)) == date(2026, 1, 1)
    assert rules.last_quarters(date(2026, 2, 14), 4) == [date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1),
                                                         date(2026, 1, 1)]
    assert rules.quarter_label(date(2025, 7, 1)) == "2025 Q3"


def test_attendance_counts_each_person_once_per_meeting():
    presences = [(date(2026, 1, 5), ("m1", "ann")), (date(2026, 1, 5), ("m1", "ann")),
                 (date(2026, 1, 5), ("m1", "bob")), (date(2026, 4, 2), ("m2", "ann"))]
    assert rules.attendance_by_quarter(presences) == {date(2026, 1, 1): 2, date(2026, 4, 1): 1}


def test_returning_members_are_those_seen_in_an_earlier_quarter():
    presences = [(date(2026, 1, 5), "ann"), (date(2026, 2, 5), "ann"), (date(2026, 1, 5), "bob"),
                 (date(2026, 4, 2), "ann"), (date(2026, 4, 2), "cat"), (date(2026, 7, 2), "bob")]
    assert rules.returning_by_quarter(presences) == {date(2026, 4, 1): 1, date(2026, 7, 1): 1}


def test_a_tie_crosses_employers_and_counts_once_in_the_quarter_it_was_first_made():
    employer = {"ann": "North Trust", "bob": " north  trust", "cat": "Hope Hospice", "dan": ""}
    meetings = [(date(2026, 4, 2), {"ann", "bob", "cat", "dan"}),  # ann–cat, bob–cat; same employer, unknown
                (date(2026, 1, 5), {"ann", "cat"}),  # ann–cat first met here
                (date(2026, 5, 1), {"ann", "cat"})]
    assert rules.new_ties_by_quarter(meetings, employer) == {date(2026, 1, 1): 1, date(2026, 4, 1): 1}


def test_resources_are_counted_by_the_quarter_they_were_added():
    assert rules.count_by_quarter([date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 1)]) == {
        date(2026, 1, 1): 2, date(2026, 4, 1): 1}


def test_the_default_library_names_only_real_cycles_and_measures():
    assert not rules.unknown_cycles([cycle for cycle, *_ in rules.DEFAULT_INDICATORS])
    assert {computed for *_, computed in rules.DEFAULT_INDICATORS} - {""} == rules.COMPUTED_KEYS
