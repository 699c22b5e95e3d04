"""Helpers shared by the community pages: the community look-up decorator, form data, errors."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed

from .. import permissions, selectors


def _posted(request):
    """The form data of a POST (even an empty one: a form of optional fields left blank is still sent)."""
    return request.POST if request.method == "POST" else None


def _errors(exc):
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


def community_page(*, convener=False, core=False, members_only=False, methods=("GET", "POST"), annotate=None):
    """Load ``/<org>/communities/<slug>/…`` through the tenant: 404 for a community that is missing or
    unlisted to this person, 403 for a members-only page (``members_only``: directory, journal, meetings,
    library, plan) to someone the community has not opened it to, 403 for a convener's page, then 405 for
    a wrong method (permission first, so a GET is never a way to learn what a POST would do).
    ``annotate(request)``, if given, returns annotations the page wants on the community, loaded in the
    same query (so the page does not load the community a second time)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, org, slug, **kwargs):
            found = selectors.community_with_membership(organisation=request.organisation, slug=slug,
                                                        user=request.user)
            if annotate is not None:
                found = found.annotate(**annotate(request))
            community = found.first()
            if community is None:
                raise Http404("No such community.")
            membership = getattr(community, "viewer_membership", None)
            if not permissions.can_view(request.tenant, community, membership):
                raise Http404("No such community.")
            can_read = permissions.can_read_content(request.tenant, community, membership)
            if members_only and not can_read:
                raise PermissionDenied("This page is for the community's members. Ask to join, or ask its "
                                       "conveners for an invitation.")
            can_convene = permissions.can_convene(request.tenant, membership)
            if convener and not can_convene:
                raise PermissionDenied("Only the community's conveners can do this.")
            can_run = permissions.can_run(request.tenant, membership)
            if core and not can_run:
                raise PermissionDenied("Only the community's conveners and core group can do this.")
            request.can_run, request.can_read = can_run, can_read
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            request.community, request.membership, request.can_convene = community, membership, can_convene
            return view(request, community=community, membership=membership, **kwargs)

        return wrapped

    return decorator


def _ctx(request, **extra):
    return {"community": request.community, "membership": request.membership, "can_convene": request.can_convene,
            "can_run": request.can_run, "can_read": request.can_read, **extra}
