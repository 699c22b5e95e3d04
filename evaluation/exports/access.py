"""Who may build, watch and download the evaluation exports (asked again on every status and download
request by :mod:`cop_platform.builds`)."""

from cop_platform.builds import checked_once, subject_known
from cop_platform.tenancy.models import Role

from .. import permissions


def _community_key(community_id):
    return ("communities.community", int(community_id))


def _convener_key(community_id, user):
    return ("communities.convener", int(community_id), getattr(user, "pk", None))


def _programme_key(programme_id):
    return ("programmes.programme", int(programme_id))


def is_convener_of(tenant, user, community_id):
    """Whether ``user`` convenes the community (asked once while a page draws its build boxes)."""
    from communities.models import CONVENING_ROLES, Membership

    return checked_once(_convener_key(community_id, user), lambda: Membership.objects.filter(
        organisation=tenant.organisation, community_id=community_id, user_id=getattr(user, "pk", None),
        role__in=CONVENING_ROLES).exists())


def community_exists(tenant, community_id):
    from communities.models import Community

    return checked_once(_community_key(community_id), lambda: Community.objects.filter(
        organisation=tenant.organisation, pk=community_id).exists())


def programme_exists(tenant, programme_id):
    from programmes.models import Programme

    return checked_once(_programme_key(programme_id), lambda: Programme.objects.filter(
        organisation=tenant.organisation, pk=programme_id).exists())


_UNKNOWN = object()


def community_known(request, community, membership=_UNKNOWN):
    """A page has loaded ``community`` (in this organisation) and, when given, the person's ``membership``
    of it (``None``: not a member): its build boxes need not ask again."""
    from communities.models import CONVENING_ROLES

    subject_known(request, _community_key(community.pk), True)
    if membership is not _UNKNOWN:
        subject_known(request, _convener_key(community.pk, request.user),
                      membership is not None and membership.role in CONVENING_ROLES)


def programme_known(request, programme):
    """A page has loaded ``programme`` (in this organisation): its build boxes need not ask again."""
    subject_known(request, _programme_key(programme.pk), True)


def community_pack_allowed(tenant, user, community_id):
    """Evaluators and host staff, and the community's own conveners (never its other members)."""
    if tenant is None or not community_exists(tenant, community_id):
        return False
    return permissions.can_evaluate(tenant) or is_convener_of(tenant, user, community_id)


def programme_pack_allowed(tenant, user, programme_id):
    """Evaluators and host staff: a programme's pack spans many communities."""
    return permissions.can_evaluate(tenant) and programme_exists(tenant, programme_id)


def brochure_allowed(tenant, user, organisation_id):
    """Host admins, project managers and evaluators, for their own organisation only."""
    return (tenant is not None and tenant.has_role(Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR)
            and tenant.organisation.pk == organisation_id)
