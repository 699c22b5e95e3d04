"""Services for the momentum plan: its actions and their status."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ._common import _check_tenant, _member_or_none


@transaction.atomic
def action_add(*, organisation, by, community, title, month, owner=None, meeting=None, status="planned"):
    """Add an action to the momentum plan (from a meeting or directly). ``month`` is any date in it."""
    from ..models import Action

    _check_tenant(organisation, community, meeting)
    if meeting is not None and meeting.community_id != community.pk:
        raise ValidationError("That meeting belongs to another community.")
    _member_or_none(community, owner)
    action = Action(organisation=organisation, community=community, meeting=meeting, title=(title or "").strip(),
                    owner=owner, month=month.replace(day=1), status=status)
    action.full_clean(exclude=["organisation", "community", "meeting", "owner"])
    action.save()
    return action


@transaction.atomic
def action_status_change(*, organisation, by, action, status):
    from ..models import ActionStatus

    _check_tenant(organisation, action)
    if status not in ActionStatus.values:
        raise ValidationError("Choose a status.")
    action.status = status
    action.save(update_fields=["status"])
    return action
