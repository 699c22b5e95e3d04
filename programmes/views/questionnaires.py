"""The host's pages of readiness questionnaires (staff only): the list, writing and publishing one, its
results and their CSV export. The public answer page is :mod:`programmes.views.questionnaire_public`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from cop_platform.exports import csv_safe
from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate
from cop_platform.permissions import STAFF_ROLES, require_role

from .. import selectors, services
from ..forms import QuestionForm, QuestionnaireForm, QuestionnaireSearchForm
from ..models import Programme, Question, Questionnaire, QuestionnaireStatus

staff_only = require_role(*STAFF_ROLES)


def _questionnaire(request, questionnaire_id):
    return get_object_or_404(Questionnaire.objects.select_related("programme"), organisation=request.organisation,
                             pk=questionnaire_id)


def _question(request, questionnaire, question_id):
    return get_object_or_404(Question.objects.prefetch_related("choices"), organisation=request.organisation,
                             questionnaire=questionnaire, pk=question_id)


def _to(questionnaire):
    return redirect("programmes:questionnaire", org=questionnaire.organisation.slug, questionnaire_id=questionnaire.pk)


def _submit(form, call):
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@staff_only
def questionnaires(request, org):
    form = QuestionnaireSearchForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query, status = form.cleaned_data["q"].strip(), form.cleaned_data["status"]
    page = paginate(request, selectors.questionnaires(organisation=request.organisation, query=query, status=status))
    return render(request, "programmes/questionnaires/list.html", {
        "form": form, "page": page, "query": query,
        "query_string": urlencode({"q": query, "status": status})})


@staff_only
def questionnaire_create(request, org):
    org_ = request.organisation
    programmes = Programme.objects.filter(organisation=org_).order_by("name")
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        questionnaire = _submit(form, lambda: services.questionnaire_create(organisation=org_, by=request.user,
                                                                            **form.cleaned_data))
        if questionnaire:
            messages.success(request, "The questionnaire is saved as a draft. Check its questions, then open it "
                                      "for answers.")
            return _to(questionnaire)
    return render(request, "programmes/questionnaires/form.html", {"form": form, "questionnaire": None})


@staff_only
def questionnaire_edit(request, org, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    programmes = Programme.objects.filter(organisation=request.organisation).order_by("name")
    initial = {"title": questionnaire.title, "introduction": questionnaire.introduction,
               "programme": questionnaire.programme}
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, initial=initial,
                             programmes=programmes, creating=False)
    if request.method == "POST" and form.is_valid():
        if _submit(form, lambda: services.questionnaire_update(organisation=request.organisation, by=request.user,
                                                               questionnaire=questionnaire, **form.cleaned_data)):
            messages.success(request, "The questionnaire is saved.")
            return _to(questionnaire)
    return render(request, "programmes/questionnaires/form.html", {"form": form, "questionnaire": questionnaire})


@staff_only
def questionnaire(request, org, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    total = questionnaire.responses.count()
    return render(request, "programmes/questionnaires/detail.html", {
        "questionnaire": questionnaire, "questions": selectors.questions(questionnaire=questionnaire),
        "response_total": total, "frozen": total > 0,
        "public_url": request.build_absolute_uri(questionnaire.get_public_url()),
        "statuses": QuestionnaireStatus})


@staff_only
def questionnaire_status(request, org, questionnaire_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    questionnaire = _questionnaire(request, questionnaire_id)
    try:
        services.questionnaire_set_status(organisation=request.organisation, by=request.user,
                                          questionnaire=questionnaire, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The questionnaire is open: anyone with its link can answer." if
                         request.POST.get("status") == QuestionnaireStatus.OPEN else
                         "The questionnaire is closed: its link no longer takes answers.")
    return _to(questionnaire)


@staff_only
def questionnaire_copy(request, org, questionnaire_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    questionnaire = _questionnaire(request, questionnaire_id)
    copy = services.questionnaire_copy(organisation=request.organisation, by=request.user, questionnaire=questionnaire)
    messages.success(request, "This is a copy, saved as a draft with its own link: change its questions, then "
                              "open it for answers.")
    return _to(copy)


@staff_only
def questionnaire_delete(request, org, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    if request.method == "POST":
        services.questionnaire_delete(organisation=request.organisation, by=request.user, questionnaire=questionnaire)
        messages.success(request, f"“{questionnaire.title}” and its answers are deleted.")
        return redirect("programmes:questionnaires", org=request.organisation.slug)
    return render(request, "programmes/questionnaires/confirm.html", {
        "questionnaire": questionnaire, "heading": f"Delete the questionnaire “{questionnaire.title}”?",
        "warning": f"Its questions and all {questionnaire.responses.count()} responses will be gone. The audit "
                   "trail keeps a note that it was deleted and by whom.",
        "button": "Delete the questionnaire"})


def _question_data(form):
    data = dict(form.cleaned_data)
    return {"text": data["text"], "kind": data["kind"], "required": data["required"], "choices": data["choices"]}


@staff_only
def question_add(request, org, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _submit(form, lambda: services.question_add(organisation=request.organisation, by=request.user,
                                                       questionnaire=questionnaire, **_question_data(form))):
            messages.success(request, "The question is added at the end.")
            return _to(questionnaire)
    return render(request, "programmes/questionnaires/question_form.html",
                  {"form": form, "questionnaire": questionnaire, "question": None})


@staff_only
def question_edit(request, org, questionnaire_id, question_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    question = _question(request, questionnaire, question_id)
    initial = {"text": question.text, "kind": question.kind, "required": question.required,
               "choices": "\n".join(c.text for c in question.choices.all())}
    form = QuestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _submit(form, lambda: services.question_update(organisation=request.organisation, by=request.user,
                                                          question=question, **_question_data(form))):
            messages.success(request, "The question is saved.")
            return _to(questionnaire)
    return render(request, "programmes/questionnaires/question_form.html",
                  {"form": form, "questionnaire": questionnaire, "question": question})


@staff_only
def question_remove(request, org, questionnaire_id, question_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    question = _question(request, questionnaire, question_id)
    if request.method == "POST":
        try:
            services.question_remove(organisation=request.organisation, by=request.user, question=question)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The question is removed.")
        return _to(questionnaire)
    return render(request, "programmes/questionnaires/confirm.html", {
        "questionnaire": questionnaire, "heading": "Remove this question?", "quote": question.text,
        "warning": "Its choices go with it.", "button": "Remove the question"})


@staff_only
def question_move(request, org, questionnaire_id, question_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    questionnaire = _questionnaire(request, questionnaire_id)
    question = _question(request, questionnaire, question_id)
    try:
        services.question_move(organisation=request.organisation, by=request.user, question=question,
                               direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _to(questionnaire)


@staff_only
def questionnaire_results(request, org, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    total, items = selectors.results(questionnaire=questionnaire)
    text_questions = [item.question for item in items if not item.question.has_choices]
    try:
        chosen = int(request.GET.get("question", ""))
    except ValueError:
        chosen = None
    if chosen not in {q.pk for q in text_questions}:
        chosen = None
    page = paginate(request, selectors.text_answers(questionnaire=questionnaire, question_id=chosen), per_page=50)
    return render(request, "programmes/questionnaires/results.html", {
        "questionnaire": questionnaire, "response_total": total, "items": items,
        "text_questions": text_questions, "chosen": chosen, "page": page,
        "query_string": urlencode({"question": chosen or ""})})


@staff_only
def questionnaire_results_csv(request, org, questionnaire_id):
    """One row per response, one column per question (several choices joined by "; "); every cell safe
    against formula injection."""
    import csv

    from django.utils import timezone

    questionnaire = _questionnaire(request, questionnaire_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{questionnaire.pk}-responses.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response)
    for i, row in enumerate(selectors.csv_rows(questionnaire=questionnaire)):
        if i:
            row[1] = f"{timezone.localtime(row[1]):%Y-%m-%d %H:%M}"
        writer.writerow([csv_safe(cell) for cell in row])
    return response
