"""The page a line manager or employer sponsor reaches from their e-mail, outside any tenant
(``/programme-confirmations/<token>/``): they may have no account in the host organisation, and the token
(only its hash is stored) names the application, and so the organisation. Anyone holding a valid link may
answer, once; a used, replaced or forged link answers 404, an expired one 410, one for an application that
no longer needs it 410 — a clear page each time, and nothing changes."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django_scopes import scope, scopes_disabled

from cop_platform.link_pages import link_unusable
from cop_platform.tenancy.models import Organisation

from .. import services
from ..models import SUPPORTER_LABELS

CLOSED = "The application has been decided or withdrawn, so there is nothing to confirm any more."


def _unusable(request, code):
    return link_unusable(request, code, closed_reason=CLOSED)


def confirm(request, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    with scopes_disabled():
        organisation_id = services.supporter_confirmation_organisation_id(token=token)
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    if organisation is None:
        return _unusable(request, "invalid")
    with scope(organisation=organisation):
        who, application = services.supporter_confirmation_find(organisation=organisation, token=token)
        if application is None:
            return _unusable(request, "invalid")
        problem = services.supporter_confirmation_problem(application, who)
        if problem:
            return _unusable(request, problem)
        context = {"application": application, "who": SUPPORTER_LABELS[who], "host": organisation,
                   "name": getattr(application, f"{who}_name")}
        if request.method == "POST":
            declining = request.POST.get("answer") == "decline"
            action = services.supporter_decline if declining else services.supporter_confirm
            try:
                action(organisation=organisation, by=request.user, token=token)
            except ValidationError as exc:
                return _unusable(request, exc.code)
            return render(request, "programmes/cohort_confirmed.html", {**context, "declined": declining})
        return render(request, "programmes/cohort_confirm.html", context)
