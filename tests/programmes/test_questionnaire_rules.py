"""The readiness questionnaire's rules as pure functions: the booklet's questions word for word, what a
valid answer is, the counts and shares the booklet reports, reordering and the CSV cells."""

import pytest

from programmes import rules_questionnaire as rules
from programmes.rules_questionnaire import ONE, SEVERAL, TEXT, answer_problem


def test_the_default_questions_are_the_booklets_word_for_word():
    texts = [text for text, _, _ in rules.BOOKLET_QUESTIONS]
    assert texts == [
        "What are your main improvement questions or concerns that collaboration would help answer?",
        "Which of the following opportunities that Communities of Practice can provide are of interest to you?",
        "What do you imagine could be the benefits of having Communities of Practice? To patients and service users:",
        "What do you imagine could be the benefits of having Communities of Practice? To the improvement "
        "organisations and networks:",
        "What do you imagine could be the benefits of having Communities of Practice? To the NHS as a whole:",
    ]
    assert [kind for _, kind, _ in rules.BOOKLET_QUESTIONS] == [TEXT, SEVERAL, TEXT, TEXT, TEXT]
    assert list(rules.BOOKLET_QUESTIONS[1][2]) == [
        "Peer-to-peer help in problem solving",
        "Developing and verifying best practices",
        "Fostering professional development",
        "Triggering unexpected ideas and innovation",
        "Networking, collaborating and building relationship with other members",
        "Showcasing or demonstrating evidence of quality improvement",
        "Providing signposting to areas of expertise and brokerage of skills",
    ]


def test_text_answer_optional_may_be_blank_required_may_not():
    assert answer_problem(kind=TEXT, required=False, text="   ") is None
    assert answer_problem(kind=TEXT, required=True, text="  \n ") == "Answer this question."
    assert answer_problem(kind=TEXT, required=True, text="Sepsis") is None
    assert answer_problem(kind=TEXT, required=True, text=None) == "Answer this question."
    assert answer_problem(kind=TEXT, required=True) == "Answer this question."


def test_text_answer_at_the_limit_passes_one_over_is_refused_with_the_limit():
    assert answer_problem(kind=TEXT, required=False, text="a" * rules.MAX_ANSWER) is None
    problem = answer_problem(kind=TEXT, required=False, text="a" * (rules.MAX_ANSWER + 1))
    assert problem == ("Keep the answer to 5,000 characters or fewer: it has 5,001. Shorten it and send it again.")


def test_hostile_html_is_just_text_to_the_rules():
    assert answer_problem(kind=TEXT, required=True, text='<script>alert("x")</script>') is None


@pytest.mark.parametrize("kind,required,chosen,problem", [
    (ONE, False, [], None),
    (ONE, True, [], "Choose one answer."),
    (SEVERAL, True, [], "Choose at least one answer."),
    (SEVERAL, False, [], None),
    (ONE, True, [1], None),
    (ONE, False, [1, 2], "Choose only one answer."),
    (SEVERAL, False, [1, 2, 3], None),
    (SEVERAL, False, [1, 9], "Choose from the answers offered."),
    (ONE, False, [9], "Choose from the answers offered."),
    (SEVERAL, False, [2, 2], "Choose from the answers offered."),
])
def test_choice_answers(kind, required, chosen, problem):
    assert answer_problem(kind=kind, required=required, chosen=chosen, choice_ids=[1, 2, 3]) == problem


def test_choice_lines_trim_drop_blanks_and_repeats():
    assert rules.choice_lines("  Peer  help \n\nNetworking\npeer HELP\n  ") == ["Peer help", "Networking"]
    assert rules.choice_lines("") == []
    assert rules.choice_lines(None) == []


def test_choice_problems():
    assert rules.choice_problems(TEXT, []) is None
    assert rules.choice_problems(TEXT, ["a"]) == ("A free-text question has no choices: clear them or choose "
                                                  "another kind.")
    assert rules.choice_problems(ONE, ["a"]) == "Give at least two choices, one a line."
    assert rules.choice_problems(SEVERAL, ["a", "b"]) is None
    assert rules.choice_problems(SEVERAL, [str(i) for i in range(20)]) is None
    assert rules.choice_problems(SEVERAL, [str(i) for i in range(21)]) == "Give at most 20 choices: there are 21."
    assert rules.choice_problems(ONE, ["a", "b" * 200]) is None
    assert rules.choice_problems(ONE, ["a", "b" * 201]) == ("Keep each choice to 200 characters or fewer: "
                                                            f"“{'b' * 40}…” is longer.")


@pytest.mark.parametrize("count,total,expected", [
    (0, 0, 0), (3, 0, 0), (1, 1, 100), (0, 1, 0), (0, 8, 0), (1, 8, 13), (1, 3, 33), (2, 3, 67), (8, 8, 100),
    (1, 200, 1), (1, 201, 0),
    (5, 10, 50), (1, 40, 3),
])
def test_share_is_a_whole_percentage_rounded_half_up(count, total, expected):
    assert rules.share(count, total) == expected


def test_tally_gives_each_choice_in_order_its_count_and_share_zero_when_unchosen():
    rows = rules.tally([(1, "Peer"), (2, "Networking"), (3, "Showcasing")], {2: 8, 1: 6}, 10)
    assert rows == [rules.ChoiceResult("Peer", 6, 60), rules.ChoiceResult("Networking", 8, 80),
                    rules.ChoiceResult("Showcasing", 0, 0)]


def test_moved():
    assert rules.moved([1, 2, 3], 2, "up") == [2, 1, 3]
    assert rules.moved([1, 2, 3], 2, "down") == [1, 3, 2]
    assert rules.moved([1, 2, 3], 1, "up") == [1, 2, 3]
    assert rules.moved([1, 2, 3], 3, "down") == [1, 2, 3]
    assert rules.moved([1, 2, 3], 2, "sideways") == [1, 2, 3]


def test_response_row_keeps_question_order_and_joins_choices_in_the_questions_order():
    questions = [(10, TEXT, []), (11, SEVERAL, [(1, "Peer"), (2, "Networking"), (3, "Showcasing")]),
                 (12, ONE, [(4, "Yes"), (5, "No")]), (13, TEXT, [])]
    answers = {11: {"text": "", "choices": {3, 1}}, 10: {"text": "Sepsis", "choices": set()}}
    assert rules.response_row(questions, answers) == ["Sepsis", "Peer; Showcasing", "", ""]


def test_rate_limited_at_the_limit():
    assert not rules.rate_limited(9, 10)
    assert rules.rate_limited(10, 10)
    assert rules.rate_limited(11, 10)


def test_plural_counts_with_thousands_separators():
    assert rules._plural(1, "response") == "1 response"
    assert rules._plural(0, "response") == "0 responses"
    assert rules._plural(1000, "response") == "1,000 responses"
