"""Services for correcting and deleting a meeting's practice exchange (recording one is in meetings)."""

from django.db import transaction

from cop_platform.audit import audit_record

from ._common import _changes, _check_tenant, _may_edit_contribution, _member_or_none

EXCHANGE_TEXTS = ("what", "technical", "cultural", "challenges", "barriers_overcome", "missing", "help_needed")


def _locked(exchange):
    from ..models import PracticeExchange

    return PracticeExchange.objects.select_for_update().select_related("community").get(pk=exchange.pk)


def _authors(exchange):
    """Who wrote it: the person who recorded it and the person whose practice it is."""
    return {exchange.recorded_by_id, exchange.shared_by_id} - {None}


@transaction.atomic
def practice_exchange_update(*, organisation, by, exchange, shared_by=None, **fields):
    """Its author (who recorded or shared it), the conveners or host staff correct a practice exchange;
    the change is audited."""
    _check_tenant(organisation, exchange)
    exchange = _locked(exchange)
    _may_edit_contribution(organisation, exchange.community, by, author_ids=_authors(exchange))
    if shared_by is None or shared_by.pk != exchange.shared_by_id:  # who shared it may since have left
        _member_or_none(exchange.community, shared_by)
    before = {name: getattr(exchange, name) for name in EXCHANGE_TEXTS} | {"shared_by_id": exchange.shared_by_id}
    for name in EXCHANGE_TEXTS:
        if name in fields:
            setattr(exchange, name, (fields[name] or "").strip())
    exchange.shared_by = shared_by
    exchange.full_clean(exclude=["organisation", "community", "meeting", "shared_by", "recorded_by"])
    exchange.save()
    changes = _changes(exchange, before)
    if changes:
        audit_record(organisation=organisation, actor=by, action="practice_exchange.updated", target=exchange,
                     changes=changes)
    return exchange


@transaction.atomic
def practice_exchange_delete(*, organisation, by, exchange):
    _check_tenant(organisation, exchange)
    exchange = _locked(exchange)
    _may_edit_contribution(organisation, exchange.community, by, author_ids=_authors(exchange))
    audit_record(organisation=organisation, actor=by, action="practice_exchange.deleted", target=exchange,
                 changes={"what": [exchange.what[:200], None]})
    exchange.delete()
