"""Read-side queries of the readiness questionnaire: the staff's list, the results as the booklet reports
them, and the rows of the CSV export. Each makes a fixed number of queries whatever the number of responses."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .. import rules_questionnaire as rules
from ..models import Answer, Question, QuestionKind, Questionnaire, Response


def questionnaires(*, organisation, query="", status=""):
    """The organisation's questionnaires, newest first, each with its number of responses and questions."""
    rows = (Questionnaire.objects.filter(organisation=organisation).select_related("programme", "organisation")
            .annotate(response_total=Count("responses", distinct=True),
                      question_total=Count("questions", distinct=True)))
    if query:
        rows = rows.filter(Q(title__icontains=query) | Q(programme__name__icontains=query))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-id")


def questions(*, questionnaire):
    """The questions in order with their choices (two queries)."""
    return list(Question.objects.filter(questionnaire=questionnaire).prefetch_related("choices"))


@dataclass
class QuestionResult:
    question: Question
    answered: int  # how many responses answered it
    choices: list  # [rules.ChoiceResult] for a choice question, else []


def results(*, questionnaire):
    """The response total and, per question, how many answered it and (for a choice question) the count and
    share per choice — the booklet's "count per opportunity". Four queries."""
    items = questions(questionnaire=questionnaire)
    total = Response.objects.filter(questionnaire=questionnaire).count()
    answers = Answer.objects.filter(response__questionnaire=questionnaire)
    answered = dict(answers.values_list("question_id").annotate(n=Count("response_id", distinct=True))
                    .values_list("question_id", "n"))
    counts = dict(answers.filter(choice__isnull=False).values_list("choice_id").annotate(n=Count("id"))
                  .values_list("choice_id", "n"))
    out = []
    for question in items:
        n = answered.get(question.pk, 0)
        tally = rules.tally([(c.pk, c.text) for c in question.choices.all()], counts, n) if question.has_choices else []
        out.append(QuestionResult(question=question, answered=n, choices=tally))
    return total, out


def text_answers(*, questionnaire, question_id=None):
    """The free-text answers grouped by question (in the questionnaire's order), oldest first: a queryset to
    paginate; ``question_id`` keeps one question's."""
    rows = (Answer.objects.filter(response__questionnaire=questionnaire, choice__isnull=True,
                                  question__kind=QuestionKind.TEXT)
            .select_related("question", "response").order_by("question__order", "question_id", "response__submitted_at",
                                                                "id"))
    if question_id:
        rows = rows.filter(question_id=question_id)
    return rows


def csv_rows(*, questionnaire):
    """The header and one row per response (submitted time, then one cell per question; several choices
    joined by "; "). Three queries, answers streamed in response order."""
    items = questions(questionnaire=questionnaire)
    shape = [(q.pk, q.kind, [(c.pk, c.text) for c in q.choices.all()]) for q in items]
    yield ["Response", "Submitted at"] + [q.text for q in items]
    answers = (Answer.objects.filter(response__questionnaire=questionnaire)
               .order_by("response__submitted_at", "response_id", "id")
               .values_list("response_id", "response__submitted_at", "question_id", "choice_id", "text"))
    current, submitted, given, number = None, None, {}, 0
    for response_id, at, question_id, choice_id, text in answers.iterator(chunk_size=2000):
        if response_id != current:
            if current is not None:
                number += 1
                yield [number, submitted] + rules.response_row(shape, given)
            current, submitted, given = response_id, at, {}
        slot = given.setdefault(question_id, {"text": "", "choices": set()})
        if choice_id is None:
            slot["text"] = text
        else:
            slot["choices"].add(choice_id)
    if current is not None:
        number += 1
        yield [number, submitted] + rules.response_row(shape, given)
