"""Services for the lifecycle: the one place that moves a community's phase or records a check-in.

Every service takes ``organisation=`` (keyword-only), refuses records of another organisation (django-scopes
does not guard ``create()`` or forward foreign keys), runs in one transaction and writes the audit trail.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record
from cop_platform.tenancy.guards import same_tenant as _check_tenant  # noqa: F401  (the services' tenant check)

from .. import rules
from ..models import CheckIn, PhaseMove


def current_phase(community):
    """The key of ``community``'s phase: that of its latest move, or Discover when it has none."""
    latest = PhaseMove.objects.filter(community=community).order_by("-moved_at", "-id").values_list(
        "to_phase", flat=True).first()
    return rules.phase(latest).key


@transaction.atomic
def phase_move(*, organisation, by, community, to, reason):
    """Move ``community`` to phase ``to`` for ``reason`` (:func:`programmes.rules.phase_move_problems`)."""
    from communities.models import Community

    _check_tenant(organisation, community)
    Community.objects.select_for_update().filter(pk=community.pk).first()  # one move at a time
    current = current_phase(community)
    problems = rules.phase_move_problems(current, to, reason)
    if problems:
        raise ValidationError(problems)
    move = PhaseMove.objects.create(organisation=organisation, community=community, from_phase=current,
                                    to_phase=to, reason=reason.strip(), moved_by=by)
    audit_record(organisation=organisation, actor=by, action="community.phase_moved", target=community,
                 summary=f"{rules.phase(current).name} → {rules.phase(to).name}",
                 changes={"phase": [current, to]})
    return move


@transaction.atomic
def checkin_add(*, organisation, by, community, date, trying_to_do, how, who, how_we_know):
    """Record the community's answers to the four reflective questions on ``date``."""
    _check_tenant(organisation, community)
    checkin = CheckIn(organisation=organisation, community=community, date=date, added_by=by,
                      trying_to_do=(trying_to_do or "").strip(), how=(how or "").strip(),
                      who=(who or "").strip(), how_we_know=(how_we_know or "").strip())
    checkin.full_clean(exclude=["organisation", "community", "added_by"])
    checkin.save()
    audit_record(organisation=organisation, actor=by, action="community.checkin_added", target=community,
                 summary=f"Check-in of {date:%d %B %Y}")
    return checkin
