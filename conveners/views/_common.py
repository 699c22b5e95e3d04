"""The one permission path of the convening views, and helpers they share (error messages, look-ups).

Every view of ``/<org>/calls/…`` is wrapped in :func:`conveners_page`, which answers in one order, in
one place:

1. **404** for what this person may not know exists: a call that is missing (or a draft, to anyone but
   host staff); an application that is missing or that is someone else's (an applicant never learns
   whether another person's application number exists); a review assignment that is not theirs.
2. **403** for a page of their own organisation that their role does not allow (a member opening the
   ranking; host staff opening the applicant's edit form of an application they may read).
3. **405** for a wrong method — only after permission, so a GET is never a way to learn what a POST
   would do. Actions that change something are POST-only: no view writes on a GET.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed

from cop_platform.forms import add_service_errors
from cop_platform.tenancy.models import Role

from .. import permissions, selectors
from ..models import Application, Assignment

STAFF = "staff"
REVIEWER = "reviewer"

VIEWER = "viewer"  # the applicant or host staff; anyone else: 404
APPLICANT = "applicant"  # the applicant only; host staff (who may read it): 403; anyone else: 404
ANY = "any"  # any application of the call (staff pages: the role check comes from ``role``)

GET, POST = ("GET", "POST"), ("POST",)


def conveners_page(*, role=None, call=True, application=None, assignment=None, methods=GET):
    """Load a convening page's records through the tenant and check who may use it (see the module).

    ``role``: ``None`` (anyone in the organisation), ``STAFF`` (admins, project managers) or ``REVIEWER``
    (panel members). ``call``: the URL names a call (``<call>``), passed on as a :class:`Call`.
    ``application``: ``VIEWER``, ``APPLICANT`` or ``ANY`` when the URL names one (passed on as an
    :class:`Application`). ``assignment``: ``"own"`` (the reviewer's own: others 404) or ``ANY`` (staff).
    ``methods``: ``GET`` (GET and POST) or ``POST`` (an action)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, org, **kwargs):
            tenant = request.tenant
            forbidden = None
            if role == STAFF and not permissions.can_manage_calls(tenant):
                forbidden = "Only the host's administrators and project managers can do this."
            elif role == REVIEWER and not (tenant is not None and tenant.has_role(Role.PANEL_MEMBER)):
                forbidden = "Only members of the review panel can do this."
            if call:
                kwargs["call"] = the_call = _call(request, kwargs["call"])
                if application is not None:
                    kwargs["application"] = _application_for(request, the_call, kwargs["application"],
                                                              application)
                if assignment is not None:
                    kwargs["assignment"] = _assignment_for(request, the_call, kwargs["assignment"],
                                                           own=assignment == "own" and forbidden is None)
            if forbidden:
                raise PermissionDenied(forbidden)
            if application == APPLICANT and not permissions.is_applicant(request.user, kwargs["application"]):
                raise PermissionDenied("Only the applicant may do this.")
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, org, **kwargs)

        return wrapped

    return decorator


def _call(request, slug):
    call = selectors.call_get(request.tenant, slug)
    if call is None:
        raise Http404("No such call.")
    return call


def _application_for(request, call, pk, access):
    application = (Application.objects.filter(call=call, pk=pk).select_related("call", "applicant", "community")
                   .first())
    if application is None:
        raise Http404("No such application.")
    if access in (VIEWER, APPLICANT) and not permissions.can_view_application(request.tenant, request.user,
                                                                              application):
        raise Http404("No such application.")  # someone else's application is not theirs to know of
    return application


def _assignment_for(request, call, pk, *, own):
    assignments = Assignment.objects.filter(call=call, pk=pk).select_related("application", "reviewer")
    if own:
        assignments = assignments.filter(reviewer=request.user)
    assignment = assignments.first()
    if assignment is None:
        raise Http404("No such assignment.")  # another reviewer's assignment is not theirs to know of
    return assignment


def _messages_from(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


_form_errors_from = add_service_errors  # the one helper shared with every app
