"""The look-up of ``/<org>/programmes/<slug>/…`` pages, in one documented place.

404 for a programme missing in this organisation (another tenant's is missing too); 403 for a manager's
page to someone who is not host staff, and for a portal page (sessions, materials, groups) to anyone who
is neither a participant taking part in THAT programme nor host staff — the programme itself is listed to
everyone in the organisation, so its portal's existence is no secret, only its contents; then 405 for a
wrong method (permission first, so a GET never tells what a POST would do)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed

from .. import permissions, selectors
from ..models import Programme


def programme_page(*, manage=False, portal=False, methods=("GET", "POST")):
    def decorator(view):
        @wraps(view)
        def wrapped(request, org, slug, **kwargs):
            programme = (Programme.objects.filter(organisation=request.organisation, slug=slug)
                         .select_related("organisation").first())
            if programme is None:
                raise Http404("No such programme.")
            can_manage = permissions.can_manage_programmes(request.tenant)
            participant = selectors.participant_of(programme=programme, user=request.user)
            can_portal = programme.is_cohort and permissions.can_use_portal(request.tenant, participant)
            if manage and not can_manage:
                raise PermissionDenied("Only the host's staff manage programmes.")
            if portal and not can_portal:
                raise PermissionDenied("The programme's portal is for its participants and the host's staff.")
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            request.programme_context = {"programme": programme, "can_manage": can_manage, "can_portal": can_portal,
                                         "participant": participant if permissions.is_participant(participant)
                                         else None}
            return view(request, programme=programme, **kwargs)

        return wrapped

    return decorator


def _ctx(request, **extra):
    return {**request.programme_context, **extra}
