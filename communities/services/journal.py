"""Services for the community's learning journal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Membership
from ._common import _check_tenant


@transaction.atomic
def journal_entry_add(*, organisation, by, community, entry_date, title, learnt):
    from ..models import JournalEntry

    _check_tenant(organisation, community)
    if not Membership.objects.filter(community=community, user=by).exists():
        raise PermissionDenied("Only members write in the learning journal.")
    if entry_date > timezone.localdate():
        raise ValidationError({"entry_date": "The date cannot be in the future."})
    entry = JournalEntry(organisation=organisation, community=community, author=by, entry_date=entry_date,
                         title=(title or "").strip(), learnt=(learnt or "").strip())
    entry.full_clean(exclude=["organisation", "community", "author"])
    entry.save()
    return entry
