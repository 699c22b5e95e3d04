"""The look-up of ``/<org>/programmes/<slug>/…`` pages, in one documented place.

404 for a programme missing in this organisation (another tenant's is missing too); 403 for a manager's
page to someone who is not host staff, and for a portal page (sessions, materials, groups) to anyone who
is neither a participant taking part in THAT programme nor host staff — the programme itself is listed to
everyone in the organisation, so its portal's existence is no secret, only its contents; then 405 for a
wrong method (permission first, so a GET never tells what a POST would do).

The programme and the person's participant row in it (with their community) come in one query: the row is
joined through a filtered relation (a person takes part in a programme once at most)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import FilteredRelation, Q
from django.http import Http404, HttpResponseNotAllowed

from .. import permissions
from ..models import Programme


def _programme_with_participant(*, organisation, slug, user):
    """The programme ``slug`` with ``programme.mine``: ``user``'s participant row in it (any status, with
    their community) — what :func:`~programmes.selectors.participant_of` gives, in the same query. Where
    the person has no row, ``mine`` is left unset."""
    programmes = Programme.objects.filter(organisation=organisation, slug=slug).select_related("organisation")
    if not getattr(user, "is_authenticated", False):
        return programmes.first()
    return (programmes.annotate(mine=FilteredRelation("participants", condition=Q(participants__user=user)))
            .select_related("mine__community__organisation").first())


def programme_page(*, manage=False, portal=False, methods=("GET", "POST")):
    def decorator(view):
        @wraps(view)
        def wrapped(request, org, slug, **kwargs):
            programme = _programme_with_participant(organisation=request.organisation, slug=slug, user=request.user)
            if programme is None:
                raise Http404("No such programme.")
            can_manage = permissions.can_manage_programmes(request.tenant)
            participant = getattr(programme, "mine", None)  # not set when the join found no row
            if participant is not None:
                participant.programme = programme
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
