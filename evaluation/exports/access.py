"""Who may build, watch and download the evaluation exports (asked again on every status and download
request by :mod:`cop_platform.builds`)."""

from cop_platform.tenancy.models import Role

from .. import permissions


def _is_convener_of(tenant, user, community_id):
    from communities.models import CONVENING_ROLES, Membership

    return Membership.objects.filter(organisation=tenant.organisation, community_id=community_id,
                                     user_id=getattr(user, "pk", None), role__in=CONVENING_ROLES).exists()


def community_pack_allowed(tenant, user, community_id):
    """Evaluators and host staff, and the community's own conveners (never its other members)."""
    from communities.models import Community

    if tenant is None or not Community.objects.filter(organisation=tenant.organisation, pk=community_id).exists():
        return False
    return permissions.can_evaluate(tenant) or _is_convener_of(tenant, user, community_id)


def programme_pack_allowed(tenant, user, programme_id):
    """Evaluators and host staff: a programme's pack spans many communities."""
    from programmes.models import Programme

    return permissions.can_evaluate(tenant) and Programme.objects.filter(
        organisation=tenant.organisation, pk=programme_id).exists()


def brochure_allowed(tenant, user, organisation_id):
    """Host admins, project managers and evaluators, for their own organisation only."""
    return (tenant is not None and tenant.has_role(Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR)
            and tenant.organisation.pk == organisation_id)
