"""``/questionnaires/<token>/``: anyone holding a questionnaire's link answers it, with no account.

Outside any tenant prefix: the link's random token names the questionnaire, and so the organisation, whose
scope the page then runs in. An unknown link, or one of a questionnaire not opened yet, answers 404; a
closed questionnaire says so (410) and takes no answers. Answers are anonymous; the number of responses
from one network address is limited (:func:`programmes.services.answer_rate_check`)."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django_scopes import scope, scopes_disabled

from cop_platform.forms import add_service_errors

from .. import selectors, services
from ..forms import AnswerForm
from ..models import Questionnaire, QuestionnaireStatus

MAX_TOKEN = 64

_UNUSABLE = {
    "unknown": (404, "This questionnaire cannot be found",
                "The link is not valid: it may have been copied incompletely, or the questionnaire is not open "
                "yet or has been deleted. Check the link with the person who sent it."),
    "closed": (410, "This questionnaire is closed",
               "It no longer takes answers. Thank you for your interest."),
}


def _unusable(request, code, questionnaire=None):
    status, title, reason = _UNUSABLE[code]
    return render(request, "programmes/questionnaires/public_unusable.html",
                  {"title": title, "reason": reason, "questionnaire": questionnaire}, status=status)


def _find(public_token):
    if not public_token or len(public_token) > MAX_TOKEN:
        return None
    with scopes_disabled():
        return Questionnaire.objects.select_related("organisation").filter(public_token=public_token).first()


def _address(request):
    # REMOTE_ADDR only: a client can forge X-Forwarded-For. Behind a proxy, the proxy must set REMOTE_ADDR
    # (e.g. gunicorn's --forwarded-allow-ips with a trusted header), as for allauth's limits.
    return request.META.get("REMOTE_ADDR") or "unknown"


def answer(request, public_token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    found = _find(public_token)
    if found is None or found.status == QuestionnaireStatus.DRAFT:
        return _unusable(request, "unknown")
    organisation = found.organisation
    with scope(organisation=organisation):
        if found.status == QuestionnaireStatus.CLOSED:
            return _unusable(request, "closed", found)
        questions = selectors.questions(questionnaire=found)
        form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.response_submit(organisation=organisation, questionnaire=found, answers=form.answers(),
                                             address=_address(request))
                except ValidationError as exc:
                    if getattr(exc, "code", None) == "closed":
                        return _unusable(request, "closed", found)
                    status = 429 if getattr(exc, "code", None) == "rate" else 200
                    add_service_errors(form, exc)
                else:
                    return redirect("questionnaire_public:thanks", public_token=public_token)
        return render(request, "programmes/questionnaires/answer.html",
                      {"questionnaire": found, "form": form, "host": organisation}, status=status)


def thanks(request, public_token):
    found = _find(public_token)
    if found is None or found.status == QuestionnaireStatus.DRAFT:
        return _unusable(request, "unknown")
    return render(request, "programmes/questionnaires/thanks.html",
                  {"questionnaire": found, "host": found.organisation})
