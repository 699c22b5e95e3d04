"""Services for the momentum plan: its actions, their status, editing and deleting them."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from ._common import _changes, _check_tenant, _may_edit_contribution, _member_or_none


@transaction.atomic
def action_add(*, organisation, by, community, title, month, owner=None, meeting=None, status="planned"):
    """Add an action to the momentum plan (from a meeting or directly). ``month`` is any date in it."""
    from ..models import Action

    _check_tenant(organisation, community, meeting)
    if meeting is not None and meeting.community_id != community.pk:
        raise ValidationError("That meeting belongs to another community.")
    _member_or_none(community, owner)
    action = Action(organisation=organisation, community=community, meeting=meeting, title=(title or "").strip(),
                    owner=owner, month=month.replace(day=1), status=status, added_by=by)
    action.full_clean(exclude=["organisation", "community", "meeting", "owner", "added_by"])
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


def _locked(action):
    from ..models import Action

    return Action.objects.select_for_update().select_related("community").get(pk=action.pk)


@transaction.atomic
def action_update(*, organisation, by, action, title, month, owner=None, status="planned"):
    """Whoever added the action, its owner, the conveners or host staff change it; audited."""
    _check_tenant(organisation, action)
    action = _locked(action)
    _may_edit_contribution(organisation, action.community, by, author_ids={action.added_by_id},
                           owner_id=action.owner_id)
    if owner is None or owner.pk != action.owner_id:  # an owner who has since left may stay the owner
        _member_or_none(action.community, owner)
    before = {"title": action.title, "month": action.month, "owner_id": action.owner_id, "status": action.status}
    action.title, action.month, action.owner, action.status = (title or "").strip(), month.replace(day=1), owner, status
    action.full_clean(exclude=["organisation", "community", "meeting", "owner", "added_by"])
    action.save(update_fields=["title", "month", "owner", "status"])
    changes = _changes(action, before)
    if changes:
        audit_record(organisation=organisation, actor=by, action="action.updated", target=action, changes=changes)
    return action


@transaction.atomic
def action_delete(*, organisation, by, action):
    _check_tenant(organisation, action)
    action = _locked(action)
    _may_edit_contribution(organisation, action.community, by, author_ids={action.added_by_id},
                           owner_id=action.owner_id)
    audit_record(organisation=organisation, actor=by, action="action.deleted", target=action,
                 changes={"title": [action.title[:200], None]})
    action.delete()
