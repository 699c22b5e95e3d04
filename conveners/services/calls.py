"""Services for calls: creating and editing them, their status and their criteria."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.slugs import unique_slug

from ..models import Call, CallStatus, Criterion
from ._common import _same_tenant

CALL_TRANSITIONS = {
    CallStatus.DRAFT: {CallStatus.OPEN},
    CallStatus.OPEN: {CallStatus.CLOSED},
    CallStatus.CLOSED: {CallStatus.OPEN, CallStatus.UNDER_REVIEW},
    CallStatus.UNDER_REVIEW: set(),  # decided only by releasing the outcomes (call_release_outcomes)
    CallStatus.DECIDED: set(),
}

RESERVED_CALL_SLUGS = frozenset({"new", "confirm", "profile", "profiles", "support"})
CALL_FIELDS = ("title", "introduction", "eligibility", "faq", "opens_at", "closes_at", "outcome_by",
               "funded_places", "honorarium_pence", "max_leads", "max_awards_per_person", "ineligible_share",
               "suggested_domains", "reviewers_per_application")


def _unique_slug(*, organisation, title):
    return unique_slug(title, Call.objects.filter(organisation=organisation), fallback="call",
                       reserved=RESERVED_CALL_SLUGS)


def _check_call_dates(call):
    if call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": "The closing time must be after the opening time."})
    if call.outcome_by < timezone.localtime(call.closes_at).date():
        raise ValidationError({"outcome_by": "The outcome date must be on or after the closing date."})


@transaction.atomic
def call_create(*, organisation, by, criteria=(), **fields):
    call = Call(organisation=organisation, slug=_unique_slug(organisation=organisation, title=fields.get("title", "")),
                **{k: v for k, v in fields.items() if k in CALL_FIELDS})
    _check_call_dates(call)
    call.full_clean(exclude=["organisation"])
    call.save()
    for position, criterion in enumerate(criteria):
        criterion_add(organisation=organisation, by=by, call=call, position=position, **criterion)
    audit_record(organisation=organisation, actor=by, action="call.created", target=call, summary=call.title)
    return call


@transaction.atomic
def call_update(*, organisation, by, call, **fields):
    _same_tenant(organisation, call)
    for key, value in fields.items():
        if key in CALL_FIELDS:
            setattr(call, key, value)
    _check_call_dates(call)
    call.full_clean(exclude=["organisation"])
    call.save()
    audit_record(organisation=organisation, actor=by, action="call.updated", target=call)
    return call


@transaction.atomic
def call_set_status(*, organisation, by, call, status):
    """Guarded transitions: draft → open → closed → under review → decided (closed may reopen)."""
    _same_tenant(organisation, call)
    call = Call.objects.select_for_update().get(pk=call.pk, organisation=organisation)
    if status == call.status:
        return call
    if status not in CALL_TRANSITIONS[call.status]:
        raise ValidationError(f"A call that is {call.get_status_display().lower()} cannot become "
                              f"{CallStatus(status).label.lower()}.")
    if status == CallStatus.OPEN and not call.criteria.exists():
        raise ValidationError("Add at least one scoring criterion before opening the call.")
    before = call.status
    call.status = status
    call.save(update_fields=["status"])
    audit_record(organisation=organisation, actor=by, action="call.status_changed", target=call,
                 changes={"status": [before, status]})
    return call


@transaction.atomic
def criterion_add(*, organisation, by, call, name, guidance="", scale_max=5, weight=1, position=None):
    _same_tenant(organisation, call)
    if call.status not in (CallStatus.DRAFT, CallStatus.OPEN):
        raise ValidationError("The rubric cannot change once the call has closed.")
    if position is None:
        position = call.criteria.count()
    criterion = Criterion(organisation=organisation, call=call, name=name, guidance=guidance,
                          scale_max=scale_max, weight=weight, position=position)
    criterion.full_clean(exclude=["organisation", "call"])
    if scale_max < 1 or weight < 1:
        raise ValidationError("The scale and the weight must be at least 1.")
    criterion.save()
    audit_record(organisation=organisation, actor=by, action="criterion.added", target=criterion,
                 summary=f"{name} (0–{scale_max}, weight {weight})")
    return criterion


@transaction.atomic
def criterion_remove(*, organisation, by, criterion):
    _same_tenant(organisation, criterion)
    if criterion.call.status not in (CallStatus.DRAFT, CallStatus.OPEN):
        raise ValidationError("The rubric cannot change once the call has closed.")
    audit_record(organisation=organisation, actor=by, action="criterion.removed", target=criterion)
    criterion.delete()
