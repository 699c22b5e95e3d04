"""The confirmation page a co-lead or sponsor reaches from their e-mail."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django_scopes import scope, scopes_disabled

from cop_platform.link_pages import link_unusable
from cop_platform.tenancy.models import Organisation

from .. import services
from ..models import Application

CLOSED = "The application has been submitted or withdrawn, so there is nothing to confirm any more."


def _unusable(request, code):
    return link_unusable(request, code, closed_reason=CLOSED)


def confirm(request, confirmation_token):
    """``/confirmations/<token>/``: a co-lead or sponsor confirms (or a co-lead declines) from the
    e-mailed link.

    Outside any tenant prefix, because the person may have no account in the host organisation: the
    token (only its hash is stored) names the record, and so the organisation. Anyone holding a valid
    link may answer, once; a used, replaced or forged link answers 404, an expired one 410.
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    with scopes_disabled():
        organisation_id = services.confirmation_organisation_id(token=confirmation_token)
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    if organisation is None:
        return _unusable(request, "invalid")
    with scope(organisation=organisation):
        record = services.confirmation_find(organisation=organisation, token=confirmation_token)
        if record is None:
            return _unusable(request, "invalid")
        problem = services.confirmation_problem(record)
        if problem:
            return _unusable(request, problem)
        is_sponsor = isinstance(record, Application)
        application = record if is_sponsor else record.application
        context = {"application": application, "record": record, "is_sponsor": is_sponsor, "host": organisation}
        if request.method == "POST":
            declining = request.POST.get("answer") == "decline" and not is_sponsor
            action = services.confirmation_decline if declining else services.confirmation_accept
            try:
                action(organisation=organisation, by=request.user, token=confirmation_token)
            except ValidationError as exc:
                return _unusable(request, exc.code)
            return render(request, "conveners/confirmed.html", {**context, "declined": declining})
        return render(request, "conveners/confirm.html", context)
