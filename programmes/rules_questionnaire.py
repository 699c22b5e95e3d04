"""Rules of the readiness questionnaire, as pure functions (no database): the booklet's questions, what a
valid answer is, and how the results are counted the way the booklet reports them.

Source: the Co-Creation Network booklet (seed 003), "Co-Creation Network Communities of Practice Readiness
Questionnaire": 1. improvement questions or concerns (free text); 2. which CoP opportunities interest you
(several choices, reported as a count per opportunity, e.g. "Networking, collaborating and building
relationship with other members (8)"); the benefits imagined to patients and service users, to the
improvement organisations and networks, and to the NHS as a whole (free text, reported grouped by question).
"""

from dataclasses import dataclass

MAX_TITLE = 200
MAX_INTRODUCTION = 5000
MAX_QUESTION = 500
MAX_CHOICE = 200
MAX_ANSWER = 5000  # about a page of text: the booklet's longest answer is under 1,000 characters
MAX_QUESTIONS = 40
MAX_CHOICES = 20
TEXT, ONE, SEVERAL = "text", "one", "several"  # QuestionKind values

BENEFITS = "What do you imagine could be the benefits of having Communities of Practice?"

# The booklet's questions, word for word (seed 003), the default of a new questionnaire.
BOOKLET_QUESTIONS = (
    ("What are your main improvement questions or concerns that collaboration would help answer?", TEXT, ()),
    ("Which of the following opportunities that Communities of Practice can provide are of interest to you?",
     SEVERAL, (
         "Peer-to-peer help in problem solving",
         "Developing and verifying best practices",
         "Fostering professional development",
         "Triggering unexpected ideas and innovation",
         "Networking, collaborating and building relationship with other members",
         "Showcasing or demonstrating evidence of quality improvement",
         "Providing signposting to areas of expertise and brokerage of skills",
     )),
    (f"{BENEFITS} To patients and service users:", TEXT, ()),
    (f"{BENEFITS} To the improvement organisations and networks:", TEXT, ()),
    (f"{BENEFITS} To the NHS as a whole:", TEXT, ()),
)

BOOKLET_TITLE = "Co-Creation Network Communities of Practice Readiness Questionnaire"
BOOKLET_INTRODUCTION = (
    "We are gathering the improvement questions, interests and hopes of people who may join our Communities "
    "of Practice. Your answers are anonymous: we do not ask your name. They shape which communities we "
    "support and how.")


def _plural(n, word):
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def answer_problem(*, kind, required, text="", chosen=(), choice_ids=()):
    """What is wrong with an answer to one question, as a message for the person answering, or ``None``.

    ``text`` is a free-text answer; ``chosen`` the ids of the chosen choices; ``choice_ids`` the ids the
    question offers. An optional question may be left blank; a one-choice question takes exactly one."""
    if kind == TEXT:
        text = (text or "").strip()
        if not text:
            return "Answer this question." if required else None
        if len(text) > MAX_ANSWER:
            return (f"Keep the answer to {MAX_ANSWER:,} characters or fewer: it has {len(text):,}. "
                    "Shorten it and send it again.")
        return None
    chosen = list(chosen)
    if not chosen:
        if not required:
            return None
        return "Choose one answer." if kind == ONE else "Choose at least one answer."
    if len(set(chosen)) != len(chosen) or any(c not in set(choice_ids) for c in chosen):
        return "Choose from the answers offered."
    if kind == ONE and len(chosen) > 1:
        return "Choose only one answer."
    return None


def choice_lines(text):
    """The choices typed one a line: trimmed, blank lines dropped, duplicates (ignoring case) kept once."""
    seen, lines = set(), []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            lines.append(line)
    return lines


def choice_problems(kind, lines):
    """What is wrong with a question's choices, or ``None``: a choice question needs two to twenty short
    choices; a free-text question has none."""
    if kind == TEXT:
        return "A free-text question has no choices: clear them or choose another kind." if lines else None
    if len(lines) < 2:
        return "Give at least two choices, one a line."
    if len(lines) > MAX_CHOICES:
        return f"Give at most {MAX_CHOICES} choices: there are {len(lines)}."
    long = [line for line in lines if len(line) > MAX_CHOICE]
    if long:
        return f"Keep each choice to {MAX_CHOICE} characters or fewer: “{long[0][:40]}…” is longer."
    return None


def share(count, total):
    """``count`` as a whole percentage of ``total``, rounded half up (0 when there is nothing to share)."""
    if total <= 0:
        return 0
    return (200 * count + total) // (2 * total)


@dataclass(frozen=True)
class ChoiceResult:
    text: str
    count: int
    share: int  # per cent of the people who answered the question


def tally(choices, counts, answered):
    """The booklet's "count per opportunity": each of ``choices`` (``(id, text)`` in the question's order)
    with how many chose it (``counts``: ``{choice_id: n}``) and its share of the ``answered`` people who
    answered the question. Shares of a several-choices question may add up to more than 100."""
    return [ChoiceResult(text=text, count=counts.get(pk, 0), share=share(counts.get(pk, 0), answered))
            for pk, text in choices]


def moved(order, item, direction):
    """``order`` (a list of ids) with ``item`` moved one place ``"up"`` or ``"down"``; unchanged at the ends."""
    order = list(order)
    i = order.index(item)
    j = i - 1 if direction == "up" else i + 1 if direction == "down" else i
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order


def response_row(questions, answers):
    """One response as CSV cells, one per question in order: the free text, or the chosen choices in the
    question's order joined by "; ". ``questions`` is ``[(id, kind, [(choice_id, text), …])]``;
    ``answers`` is ``{question_id: {"text": str, "choices": set(choice_ids)}}``."""
    cells = []
    for pk, kind, choices in questions:
        given = answers.get(pk, {})
        if kind == TEXT:
            cells.append(given.get("text", ""))
        else:
            chosen = given.get("choices", set())
            cells.append("; ".join(text for cid, text in choices if cid in chosen))
    return cells


def rate_limited(count, limit):
    """True when ``count`` responses already sent from one address in the window reach ``limit``."""
    return count >= limit
