"""Services for the community's learning journal: writing, editing and deleting entries."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from ..models import Membership
from ._common import _changes, _check_tenant, _may_edit_contribution


def _clean_entry(entry, entry_date):
    if entry_date is not None and entry_date > timezone.localdate():
        raise ValidationError({"entry_date": "The date cannot be in the future."})
    entry.full_clean(exclude=["organisation", "community", "author"])


@transaction.atomic
def journal_entry_add(*, organisation, by, community, entry_date, title, learnt):
    from ..models import JournalEntry

    _check_tenant(organisation, community)
    if not Membership.objects.filter(community=community, user=by).exists():
        raise PermissionDenied("Only members write in the learning journal.")
    entry = JournalEntry(organisation=organisation, community=community, author=by, entry_date=entry_date,
                         title=(title or "").strip(), learnt=(learnt or "").strip())
    _clean_entry(entry, entry_date)
    entry.save()
    return entry


@transaction.atomic
def journal_entry_update(*, organisation, by, entry, entry_date, title, learnt):
    """Its author, the conveners or host staff correct an entry; the change is audited."""
    from ..models import JournalEntry

    _check_tenant(organisation, entry)
    entry = JournalEntry.objects.select_for_update().select_related("community").get(pk=entry.pk)
    _may_edit_contribution(organisation, entry.community, by, author_ids={entry.author_id})
    before = {"entry_date": entry.entry_date, "title": entry.title, "learnt": entry.learnt}
    entry.entry_date, entry.title, entry.learnt = entry_date, (title or "").strip(), (learnt or "").strip()
    _clean_entry(entry, entry_date)
    entry.save(update_fields=["entry_date", "title", "learnt"])
    changes = _changes(entry, before)
    if changes:
        audit_record(organisation=organisation, actor=by, action="journal_entry.updated", target=entry,
                     changes=changes)
    return entry


@transaction.atomic
def journal_entry_delete(*, organisation, by, entry):
    from ..models import JournalEntry

    _check_tenant(organisation, entry)
    entry = JournalEntry.objects.select_for_update().select_related("community").get(pk=entry.pk)
    _may_edit_contribution(organisation, entry.community, by, author_ids={entry.author_id})
    audit_record(organisation=organisation, actor=by, action="journal_entry.deleted", target=entry,
                 changes={"title": [entry.title[:200], None], "entry_date": [str(entry.entry_date), None]})
    entry.delete()
