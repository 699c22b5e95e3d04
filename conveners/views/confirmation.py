"""The confirmation page a co-lead or sponsor reaches from their e-mail."""

from django.http import Http404
from django.shortcuts import render

from cop_platform.tenancy.models import Organisation

from .. import services
from ..models import Application


def confirm(request, confirmation_token):
    """``/confirmations/<token>/``: a co-lead or sponsor confirms from the e-mailed link.

    Outside any tenant prefix, because the person may have no account in the host organisation: the
    token (only its hash is stored) names the record, and so the organisation. Anyone holding a valid
    link may confirm; a used or replaced link answers 404.
    """
    from django_scopes import scope, scopes_disabled

    with scopes_disabled():
        organisation_id = services.confirmation_organisation_id(token=confirmation_token)
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    if organisation is None:
        raise Http404("This confirmation link is not valid.")
    with scope(organisation=organisation):
        record = services.confirmation_find(organisation=organisation, token=confirmation_token)
        if record is None:
            raise Http404("This confirmation link is not valid.")
        application = record if isinstance(record, Application) else record.application
        context = {"application": application, "record": record, "is_sponsor": isinstance(record, Application),
                   "host": organisation}
        if request.method == "POST":
            services.confirmation_accept(organisation=organisation, by=request.user, token=confirmation_token)
            return render(request, "conveners/confirmed.html", context)
        return render(request, "conveners/confirm.html", context)
