"""The cohort programme's rules (programme report, seed 004): priority to boundary-spanning, confirmed
applications; selection needs both supporters and a free place; a "yes" on boundaries needs a "how"; the
meetings that count towards the commitment to convene three or four meetings."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from programmes import rules_cohorts

UK = ZoneInfo("Europe/London")
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UK)


def priority(orgs, profs, confirmed):
    return rules_cohorts.cohort_priority(spans_organisations=orgs, spans_professions=profs, fully_confirmed=confirmed)


def test_priority_puts_both_boundaries_first_then_one_then_none_and_confirmed_first_within_each():
    order = [priority(True, True, True), priority(True, True, False), priority(True, False, True),
             priority(False, True, True), priority(False, True, False), priority(False, False, True),
             priority(False, False, False)]
    assert order == sorted(order)
    assert priority(True, False, True) == priority(False, True, True)  # either kind counts the same
    assert priority(True, True, False) < priority(True, False, True)  # boundaries outrank confirmation
    assert priority(False, False, True) < priority(False, False, False)


def test_selection_needs_a_submitted_application_both_supporters_and_a_free_place():
    assert rules_cohorts.selection_problems(status="submitted", fully_confirmed=True, places_left=1) == []
    assert rules_cohorts.selection_problems(status="not_selected", fully_confirmed=True, places_left=1) == []
    for status in ("draft", "withdrawn", "selected"):
        assert rules_cohorts.selection_problems(status=status, fully_confirmed=True, places_left=1) == [
            "Only a submitted application can be selected."]
    assert "line manager and the employer sponsor must confirm" in " ".join(
        rules_cohorts.selection_problems(status="submitted", fully_confirmed=False, places_left=5))
    full = rules_cohorts.selection_problems(status="submitted", fully_confirmed=True, places_left=0)
    assert full == ["The cohort is full: every place is taken, so no one more can be selected."]
    assert len(rules_cohorts.selection_problems(status="draft", fully_confirmed=False, places_left=-1)) == 3


def test_a_yes_on_boundaries_needs_a_how_and_a_no_needs_nothing():
    assert rules_cohorts.boundary_problems(spans_organisations=False, organisations_how="", spans_professions=False,
                                           professions_how=None) == {}
    problems = rules_cohorts.boundary_problems(spans_organisations=True, organisations_how="  ", spans_professions=True,
                                               professions_how="")
    assert set(problems) == {"spans_organisations_how", "spans_professions_how"}
    assert "organisational" in problems["spans_organisations_how"]
    assert "professional" in problems["spans_professions_how"]
    assert rules_cohorts.boundary_problems(spans_organisations=True, organisations_how="Trust and council",
                                           spans_professions=True, professions_how="Nurses and GPs") == {}


def counts(starts_at, *, cancelled=False, starts=date(2023, 9, 1), ends=date(2024, 7, 31)):
    return rules_cohorts.counts_towards_commitment(starts_at=starts_at, cancelled=cancelled, programme_starts=starts,
                                                   programme_ends=ends, now=NOW)


def test_a_meeting_counts_when_held_between_the_programmes_dates_and_not_cancelled():
    assert counts(datetime(2023, 10, 5, 10, tzinfo=UK))
    assert not counts(datetime(2023, 10, 5, 10, tzinfo=UK), cancelled=True)
    assert not counts(NOW)  # starting now is not yet held
    assert not counts(datetime(2024, 3, 2, 10, tzinfo=UK))  # in the future
    assert counts(datetime(2023, 9, 1, 0, 30, tzinfo=UK))  # the first day counts
    assert not counts(datetime(2023, 8, 31, 23, 30, tzinfo=UK))  # the day before does not
    assert counts(datetime(2023, 10, 5, 10, tzinfo=UK), starts=None, ends=None)
    assert counts(datetime(2024, 2, 29, 23, 30, tzinfo=UK), ends=date(2024, 2, 29))  # the last day counts
    assert not counts(datetime(2024, 2, 29, 23, 30, tzinfo=UK), ends=date(2024, 2, 28))


def test_a_uk_day_decides_not_utc():
    # 00:30 BST on 1 September 2023 is 23:30 UTC on 31 August: it is the programme's first day.
    assert counts(datetime(2023, 8, 31, 23, 30, tzinfo=ZoneInfo("UTC")))


def test_commitment_words():
    assert rules_cohorts.commitment_summary(0) == "0 of 3 meetings convened"
    assert rules_cohorts.commitment_summary(2) == "2 of 3 meetings convened"
    assert rules_cohorts.commitment_summary(3) == "3 of 4 meetings convened: the commitment is met"
    assert rules_cohorts.commitment_summary(4) == "4 meetings convened: the commitment of three or four is met"
    assert rules_cohorts.commitment_summary(6).startswith("6 meetings convened")
