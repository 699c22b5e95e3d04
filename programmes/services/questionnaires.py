"""Services of the readiness questionnaire: the host's staff write and publish it; anyone with its link
answers it (:func:`response_submit`), anonymously.

Questions are frozen once anyone has answered: changing or removing a question would change what the
answers already given mean (a count of 8 for an opportunity whose words changed). The title and the
introduction stay editable; to ask something else, :func:`questionnaire_copy` makes a new draft with the
same questions, free to change.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.ratelimit import hourly_count, hourly_hit, hourly_key

from .. import rules_questionnaire as rules
from ..models import Answer, Choice, Question, Questionnaire, QuestionnaireStatus, Response
from .lifecycle import _check_tenant

FROZEN = ("People have answered this questionnaire, so its questions can no longer change: the answers "
          "given must keep their meaning. To ask something else, make a copy: it starts as a draft whose "
          "questions you can change.")


def _clean_text(value, *, label, limit, required=True):
    value = " ".join((value or "").split()) if limit <= rules.MAX_QUESTION else (value or "").strip()
    if required and not value:
        raise ValidationError(f"Enter the {label}.")
    if len(value) > limit:
        raise ValidationError(f"Keep the {label} to {limit:,} characters or fewer: it has {len(value):,}.")
    return value


def _lock(organisation, questionnaire):
    _check_tenant(organisation, questionnaire)
    return Questionnaire.objects.select_for_update().get(pk=questionnaire.pk, organisation=organisation)


def _refuse_if_answered(questionnaire):
    if Response.objects.filter(questionnaire=questionnaire).exists():
        raise ValidationError(FROZEN, code="frozen")


def _details(organisation, title, introduction, programme):
    _check_tenant(organisation, programme)
    errors = {}
    try:
        title = _clean_text(title, label="title", limit=rules.MAX_TITLE)
    except ValidationError as exc:
        errors["title"] = exc.messages
    try:
        introduction = _clean_text(introduction, label="introduction", limit=rules.MAX_INTRODUCTION,
                                   required=False)
    except ValidationError as exc:
        errors["introduction"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return title, introduction


@transaction.atomic
def questionnaire_create(*, organisation, by, title, introduction="", programme=None, booklet_questions=True):
    """A new draft questionnaire; with ``booklet_questions`` it starts with the booklet's five questions,
    word for word (:data:`programmes.rules_questionnaire.BOOKLET_QUESTIONS`)."""
    title, introduction = _details(organisation, title, introduction, programme)
    questionnaire = Questionnaire.objects.create(organisation=organisation, programme=programme, title=title,
                                                 introduction=introduction, created_by=by,
                                                 public_token=secrets.token_urlsafe(24))
    if booklet_questions:
        for order, (text, kind, choices) in enumerate(rules.BOOKLET_QUESTIONS, start=1):
            question = Question.objects.create(organisation=organisation, questionnaire=questionnaire, text=text,
                                               kind=kind, required=False, order=order)
            Choice.objects.bulk_create([Choice(organisation=organisation, question=question, text=choice, order=i)
                                        for i, choice in enumerate(choices, start=1)])
    audit_record(organisation=organisation, actor=by, action="questionnaire.created", target=questionnaire,
                 summary="With the booklet's questions" if booklet_questions else "With no questions yet")
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, organisation, by, questionnaire):
    """A new draft with the same introduction, programme, questions and choices (and its own link): how
    staff ask something else once a questionnaire's questions are frozen by its answers."""
    _check_tenant(organisation, questionnaire)
    title = f"{questionnaire.title} (copy)"
    if len(title) > rules.MAX_TITLE:
        title = questionnaire.title
    copy = Questionnaire.objects.create(organisation=organisation, programme=questionnaire.programme, title=title,
                                        introduction=questionnaire.introduction, created_by=by,
                                        public_token=secrets.token_urlsafe(24))
    originals = list(Question.objects.filter(questionnaire=questionnaire).prefetch_related("choices"))
    made = Question.objects.bulk_create([
        Question(organisation=organisation, questionnaire=copy, text=q.text, kind=q.kind, required=q.required,
                 order=q.order) for q in originals])
    Choice.objects.bulk_create([Choice(organisation=organisation, question=new, text=c.text, order=c.order)
                                for old, new in zip(originals, made, strict=True) for c in old.choices.all()])
    audit_record(organisation=organisation, actor=by, action="questionnaire.copied", target=copy,
                 summary=f"Copied from “{questionnaire.title}”"[:250])
    return copy


@transaction.atomic
def questionnaire_update(*, organisation, by, questionnaire, title, introduction="", programme=None):
    """Change the title, introduction or programme (allowed at any time: the answers keep their meaning)."""
    questionnaire = _lock(organisation, questionnaire)
    title, introduction = _details(organisation, title, introduction, programme)
    changes = {name: [getattr(questionnaire, name), value] for name, value in
               (("title", title), ("introduction", introduction)) if getattr(questionnaire, name) != value}
    questionnaire.title, questionnaire.introduction, questionnaire.programme = title, introduction, programme
    questionnaire.save(update_fields=["title", "introduction", "programme"])
    audit_record(organisation=organisation, actor=by, action="questionnaire.changed", target=questionnaire,
                 changes={"changed": sorted(changes)})
    return questionnaire


_MOVES = {
    QuestionnaireStatus.DRAFT: {QuestionnaireStatus.OPEN},
    QuestionnaireStatus.OPEN: {QuestionnaireStatus.CLOSED},
    QuestionnaireStatus.CLOSED: {QuestionnaireStatus.OPEN},
}


@transaction.atomic
def questionnaire_set_status(*, organisation, by, questionnaire, status):
    """Open a draft or closed questionnaire for answers, or close an open one. Opening needs a question."""
    questionnaire = _lock(organisation, questionnaire)
    if status not in _MOVES.get(questionnaire.status, set()):
        wanted = QuestionnaireStatus(status).label.lower() if status in QuestionnaireStatus.values else "that"
        raise ValidationError(f"A questionnaire that is {questionnaire.get_status_display().lower()} cannot "
                              f"become {wanted}.", code="status")
    if status == QuestionnaireStatus.OPEN and not questionnaire.questions.exists():
        raise ValidationError("Add at least one question before opening the questionnaire.", code="empty")
    before = questionnaire.status
    questionnaire.status = status
    now = timezone.now()
    if status == QuestionnaireStatus.OPEN:
        questionnaire.opened_at = now
    else:
        questionnaire.closed_at = now
    questionnaire.save(update_fields=["status", "opened_at", "closed_at"])
    audit_record(organisation=organisation, actor=by, target=questionnaire,
                 action="questionnaire.opened" if status == QuestionnaireStatus.OPEN else "questionnaire.closed",
                 changes={"status": [before, status]})
    return questionnaire


@transaction.atomic
def questionnaire_delete(*, organisation, by, questionnaire):
    """Delete the questionnaire with its questions and every response (the audit trail keeps a note)."""
    questionnaire = _lock(organisation, questionnaire)
    responses = Response.objects.filter(questionnaire=questionnaire).count()
    audit_record(organisation=organisation, actor=by, action="questionnaire.deleted", target=questionnaire,
                 summary=f"{questionnaire.title} ({rules._plural(responses, 'response')})")
    Answer.objects.filter(response__questionnaire=questionnaire).delete()
    Response.objects.filter(questionnaire=questionnaire).delete()
    Choice.objects.filter(question__questionnaire=questionnaire).delete()
    Question.objects.filter(questionnaire=questionnaire).delete()
    questionnaire.delete()


def _question_fields(text, kind, choices):
    from ..models import QuestionKind

    errors = {}
    try:
        text = _clean_text(text, label="question", limit=rules.MAX_QUESTION)
    except ValidationError as exc:
        errors["text"] = exc.messages
    if kind not in QuestionKind.values:
        errors["kind"] = ["Choose the kind of answer."]
    lines = rules.choice_lines("\n".join(choices) if isinstance(choices, list | tuple) else choices)
    problem = rules.choice_problems(kind, lines) if kind in QuestionKind.values else None
    if problem:
        errors["choices"] = [problem]
    if errors:
        raise ValidationError(errors)
    return text, lines


def _set_choices(organisation, question, lines):
    Choice.objects.filter(question=question).delete()
    Choice.objects.bulk_create([Choice(organisation=organisation, question=question, text=line, order=i)
                                for i, line in enumerate(lines, start=1)])


@transaction.atomic
def question_add(*, organisation, by, questionnaire, text, kind, required=False, choices=()):
    """Add a question at the end. ``choices`` (lines of text) for a one- or several-choices question."""
    questionnaire = _lock(organisation, questionnaire)
    _refuse_if_answered(questionnaire)
    text, lines = _question_fields(text, kind, choices)
    existing = list(Question.objects.filter(questionnaire=questionnaire).values_list("order", flat=True))
    if len(existing) >= rules.MAX_QUESTIONS:
        raise ValidationError(f"A questionnaire has at most {rules.MAX_QUESTIONS} questions.", code="too_many")
    question = Question.objects.create(organisation=organisation, questionnaire=questionnaire, text=text, kind=kind,
                                       required=bool(required), order=max(existing, default=0) + 1)
    _set_choices(organisation, question, lines)
    audit_record(organisation=organisation, actor=by, action="questionnaire.question_added", target=questionnaire,
                 summary=text[:200])
    return question


@transaction.atomic
def question_update(*, organisation, by, question, text, kind, required=False, choices=()):
    """Change a question and its choices (only while nobody has answered)."""
    _check_tenant(organisation, question)
    questionnaire = _lock(organisation, question.questionnaire)
    _refuse_if_answered(questionnaire)
    text, lines = _question_fields(text, kind, choices)
    question.text, question.kind, question.required = text, kind, bool(required)
    question.save(update_fields=["text", "kind", "required"])
    _set_choices(organisation, question, lines)
    audit_record(organisation=organisation, actor=by, action="questionnaire.question_changed",
                 target=questionnaire, summary=text[:200])
    return question


@transaction.atomic
def question_remove(*, organisation, by, question):
    _check_tenant(organisation, question)
    questionnaire = _lock(organisation, question.questionnaire)
    _refuse_if_answered(questionnaire)
    text = question.text
    question.delete()
    audit_record(organisation=organisation, actor=by, action="questionnaire.question_removed",
                 target=questionnaire, summary=text[:200])


@transaction.atomic
def question_move(*, organisation, by, question, direction):
    """Move a question one place up or down."""
    _check_tenant(organisation, question)
    if direction not in ("up", "down"):
        raise ValidationError("Move a question up or down.")
    questionnaire = _lock(organisation, question.questionnaire)
    _refuse_if_answered(questionnaire)
    questions = list(Question.objects.filter(questionnaire=questionnaire))
    order = rules.moved([q.pk for q in questions], question.pk, direction)
    position = {pk: i for i, pk in enumerate(order, start=1)}
    for q in questions:
        q.order = position[q.pk]
    Question.objects.bulk_update(questions, ["order"])
    audit_record(organisation=organisation, actor=by, action="questionnaire.questions_reordered",
                 target=questionnaire, summary=f"“{question.text[:100]}” moved {direction}")


# --- Answering ---------------------------------------------------------------------------------------


def _rate_key(questionnaire, address):
    return hourly_key(f"questionnaire-answers:{questionnaire.pk}", address)


def answer_rate_check(*, questionnaire, address):
    """Refuse one more response from ``address`` to ``questionnaire`` when it has sent
    ``CONVENE_QUESTIONNAIRE_LIMIT_PER_ADDRESS_HOUR`` (default 10) in the last hour: a shared office address
    can still answer for a team; a script cannot fill the results. Counted in the cache (Redis in
    production, so every web process shares it)."""
    limit = int(getattr(settings, "CONVENE_QUESTIONNAIRE_LIMIT_PER_ADDRESS_HOUR", 10))
    if rules.rate_limited(hourly_count(_rate_key(questionnaire, address)), limit):
        raise ValidationError(f"{limit} answers have been sent from your network to this questionnaire in the "
                              "last hour, the most allowed. Please try again in an hour.", code="rate")


def answer_rate_count(*, questionnaire, address):
    hourly_hit(_rate_key(questionnaire, address))


@transaction.atomic
def response_submit(*, organisation, questionnaire, answers, address=None):
    """Record one anonymous response. ``answers`` maps a question's id to its free text (str) or to the ids
    of the chosen choices (list). Refused when the questionnaire is not open, or with a message per question
    (keyed ``q<id>``) when an answer is missing, too long or not one of the choices."""
    _check_tenant(organisation, questionnaire)
    # FOR NO KEY UPDATE: waits for a close or a question change in progress (they lock the row FOR UPDATE),
    # so a response never lands in a closed questionnaire or beside a question being changed.
    questionnaire = Questionnaire.objects.select_for_update(no_key=True).get(pk=questionnaire.pk,
                                                                            organisation=organisation)
    if not questionnaire.is_open:
        raise ValidationError("This questionnaire is closed: it no longer takes answers.", code="closed")
    if address is not None:
        answer_rate_check(questionnaire=questionnaire, address=address)
    questions = list(Question.objects.filter(questionnaire=questionnaire).prefetch_related("choices"))
    errors, rows = {}, []
    for question in questions:
        given = answers.get(question.pk)
        if question.has_choices:
            try:
                chosen = [int(c) for c in ([given] if isinstance(given, str | int) else (given or [])) if c != ""]
            except (TypeError, ValueError):
                chosen = [-1]
            problem = rules.answer_problem(kind=question.kind, required=question.required, chosen=chosen,
                                           choice_ids=[c.pk for c in question.choices.all()])
            rows += [Answer(organisation=organisation, question=question, choice_id=c) for c in chosen]
        else:
            text = given if isinstance(given, str) else ""
            problem = rules.answer_problem(kind=question.kind, required=question.required, text=text)
            if text.strip():
                rows.append(Answer(organisation=organisation, question=question, text=text.strip()))
        if problem:
            errors[f"q{question.pk}"] = [problem]
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("Answer at least one question before sending.", code="blank")
    response = Response.objects.create(organisation=organisation, questionnaire=questionnaire,
                                       submitted_at=timezone.now())
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    if address is not None:
        answer_rate_count(questionnaire=questionnaire, address=address)
    return response
