"""Helpers shared by the convening views: method and role checks, error messages, look-ups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed

from cop_platform.forms import add_service_errors
from cop_platform.permissions import STAFF_ROLES, require_role

from .. import permissions, selectors
from ..models import Application

staff_only = require_role(*STAFF_ROLES)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _messages_from(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


_form_errors_from = add_service_errors  # the one helper shared with every app


def _call(request, slug):
    call = selectors.call_get(request.tenant, slug)
    if call is None:
        raise Http404("No such call.")
    return call


def _application(request, call, pk):
    application = (Application.objects.filter(call=call, pk=pk).select_related("call", "applicant", "community")
                   .first())
    if application is None:
        raise Http404("No such application.")
    return application


def _own_application(request, call, pk):
    application = _application(request, call, pk)
    if not permissions.can_view_application(request.tenant, request.user, application):
        raise Http404("No such application.")  # someone else's application is not theirs to know of
    if not permissions.is_applicant(request.user, application):
        raise PermissionDenied("Only the applicant may do this.")
    return application
