"""The review deadline's rules (conveners/rules_reminders.py): reminder steps, what is due, how the
deadline reads, the totals. Messages are checked word for word: a person reads them."""

from datetime import date

import pytest

from conveners import rules_reminders as r
from conveners.rules import RuleBroken

D = date(2026, 6, 15)  # a review deadline
HOW = "Write days before the deadline as whole numbers separated by commas, for example 7,1."


def _message(text):
    with pytest.raises(RuleBroken) as exc:
        r.parse_reminder_days(text)
    return exc.value.messages[0]


# --- parse_reminder_days -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, steps", [
    ("7,1", [7, 1]), ("1,7", [7, 1]), (" 7 , 1 ", [7, 1]), ("7,7,1", [7, 1]), ("1", [1]), ("90", [90]),
    ("", []), ("   ", []), (None, []), ("5,4,3,2,1", [5, 4, 3, 2, 1]), ("007", [7]),
])
def test_reminder_days_read_largest_first_each_once(text, steps):
    assert r.parse_reminder_days(text) == steps


def test_reminder_days_that_are_not_numbers_are_named():
    assert _message("a,b") == f"“a” is not a whole number of days. {HOW}"
    assert _message("7,x") == f"“x” is not a whole number of days. {HOW}"
    assert _message("1.5") == f"“1.5” is not a whole number of days. {HOW}"
    assert _message("-1") == f"“-1” is not a whole number of days. {HOW}"
    assert _message("７") == f"“７” is not a whole number of days. {HOW}"  # a full-width digit
    assert _message("x" * 500) == f"“{'x' * 20}” is not a whole number of days. {HOW}"


def test_reminder_days_with_a_missing_number():
    assert _message("7,,1") == f"A number is missing between two commas. {HOW}"
    assert _message("7,") == f"A number is missing between two commas. {HOW}"


def test_reminder_of_zero_days_is_refused():
    assert _message("0") == f"A reminder must go at least 1 day before the deadline: 0 is not allowed. {HOW}"
    assert _message("7,0") == f"A reminder must go at least 1 day before the deadline: 0 is not allowed. {HOW}"


def test_reminder_too_far_ahead_is_refused():
    assert r.parse_reminder_days("90") == [90]
    assert _message("91") == "A reminder can go at most 90 days before the deadline: 91 is too many."
    assert _message("400") == "A reminder can go at most 90 days before the deadline: 400 is too many."


def test_at_most_five_reminders():
    assert r.parse_reminder_days("6,5,4,3,2,2") == [6, 5, 4, 3, 2]
    assert _message("6,5,4,3,2,1") == "Choose at most 5 reminders; you wrote 6."


def test_reminder_days_written_back():
    assert r.format_reminder_days([7, 1]) == "7,1"
    assert r.format_reminder_days([]) == ""
    assert r.DEFAULT_REMINDER_DAYS == "7,1"
    assert r.parse_reminder_days(r.DEFAULT_REMINDER_DAYS) == [7, 1]


def test_reminder_days_read_as_a_sentence():
    assert r.reminder_days_words([7, 1]) == "7 and 1 days"
    assert r.reminder_days_words([14, 7, 1]) == "14, 7 and 1 days"
    assert r.reminder_days_words([1]) == "1 day"
    assert r.reminder_days_words([2]) == "2 days"
    assert r.reminder_days_words([]) == ""


# --- review_deadline_problems --------------------------------------------------------------------------

def test_review_deadline_must_be_after_the_call_closes():
    closes = date(2026, 6, 1)
    message = "The review deadline must be after the call closes (1 June 2026): choose a later date."
    assert r.review_deadline_problems(date(2026, 5, 31), closes) == [message]
    assert r.review_deadline_problems(closes, closes) == [message]
    assert r.review_deadline_problems(date(2026, 6, 2), closes) == []
    assert r.review_deadline_problems(None, closes) == []
    assert r.review_deadline_problems(date(2026, 5, 1), None) == []


# --- reminder_steps_due --------------------------------------------------------------------------------

def _due(days_left, steps=(7, 1), sent=()):
    return r.reminder_steps_due(D, list(steps), date.fromordinal(D.toordinal() - days_left), set(sent))


def test_no_reminder_before_the_first_step():
    assert _due(8) == []
    assert _due(30) == []


def test_exactly_seven_days_before_sends_the_week_reminder():
    assert _due(7) == [7]
    assert _due(7, sent={7}) == []


def test_between_the_steps_the_week_reminder_is_still_due_once():
    assert _due(5) == [7]
    assert _due(2) == [7]
    assert _due(2, sent={7}) == []


def test_exactly_one_day_before_sends_the_day_reminder_even_after_the_week_one():
    assert _due(1) == [1]
    assert _due(1, sent={7}) == [1]
    assert _due(1, sent={1}) == []
    assert _due(1, sent={7, 1}) == []


def test_deadline_today_still_sends_the_last_step_once():
    assert _due(0) == [1]
    assert _due(0, sent={1}) == []


def test_nothing_after_the_deadline():
    assert _due(-1) == []
    assert _due(-1, sent=()) == []
    assert _due(-30) == []


def test_a_missed_step_is_not_sent_beside_a_later_one():
    # The 7-day reminder never went (the deadline was set four days ahead): only one reminder goes.
    assert _due(4, steps=(7, 1)) == [7]
    assert _due(1, steps=(7, 1)) == [1]


def test_no_deadline_or_no_steps_means_no_reminders():
    assert r.reminder_steps_due(None, [7, 1], D, set()) == []
    assert _due(1, steps=()) == []


def test_duplicate_and_unsorted_steps():
    assert _due(1, steps=(1, 7, 7, 1)) == [1]
    assert _due(6, steps=(1, 7, 7, 1)) == [7]
    assert _due(3, steps=(3, 3)) == [3]


def test_sent_steps_may_be_any_iterable():
    assert _due(1, sent=[1]) == []
    assert r.reminder_steps_due(D, [7, 1], D, (1,)) == []


# --- digest_due / digest_step --------------------------------------------------------------------------

def test_digest_goes_by_itself_after_the_deadline_once():
    assert r.digest_due(D, date(2026, 6, 16), False) is True
    assert r.digest_due(D, date(2026, 6, 20), False) is True  # the sweep could not run the day after
    assert r.digest_due(D, date(2026, 6, 16), True) is False
    assert r.digest_due(D, D, False) is False
    assert r.digest_due(D, date(2026, 6, 14), False) is False
    assert r.digest_due(None, date(2026, 6, 16), False) is False


def test_digest_step_is_days_past_the_deadline():
    assert r.digest_step(D, date(2026, 6, 16)) == 1
    assert r.digest_step(D, date(2026, 6, 18)) == 3
    assert r.digest_step(D, D) is None
    assert r.digest_step(D, date(2026, 6, 1)) is None
    assert r.digest_step(None, D) is None


# --- deadline_words ------------------------------------------------------------------------------------

@pytest.mark.parametrize("today, words", [
    (date(2026, 6, 10), "5 days left"), (date(2026, 6, 14), "1 day left"), (D, "due today"),
    (date(2026, 6, 16), "1 day overdue"), (date(2026, 6, 18), "3 days overdue"),
    (date(2026, 6, 13), "2 days left"),
])
def test_deadline_reads_in_words(today, words):
    assert r.deadline_words(D, today) == words


def test_no_deadline_reads_as_nothing():
    assert r.deadline_words(None, D) == ""


# --- review_totals, reviewer_unfinished ----------------------------------------------------------------

def test_totals_add_every_reviewers_points_out_of_the_most_they_could_give():
    assert r.review_totals([[(3, 5), (4, 5)], [(5, 5), (2, 10)]]) == (14, 25)
    assert r.review_totals([[(0, 5)]]) == (0, 5)
    assert r.review_totals([]) == (0, 0)


def test_unfinished_is_never_negative():
    assert r.reviewer_unfinished(3, 1) == 2
    assert r.reviewer_unfinished(2, 2) == 0
    assert r.reviewer_unfinished(1, 2) == 0
