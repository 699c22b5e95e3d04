"""Services for calls: creating and editing them, their status and their criteria."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.slugs import unique_slug

from .. import rules, rules_reminders
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
               "suggested_domains", "reviewers_per_application", "programme", "review_deadline",
               "review_reminder_days")


def _unique_slug(*, organisation, title):
    return unique_slug(title, Call.objects.filter(organisation=organisation), fallback="call",
                       reserved=RESERVED_CALL_SLUGS)


LOCKED_CALL_FIELDS = ("funded_places", "honorarium_pence", "ineligible_share")


def call_terms_errors(values):
    """``rules.call_terms_problems`` for each field of ``values`` (a dict of call fields), keyed by the
    field each message is about, so a form can show it beside that field. Empty when the terms hold."""
    checks = {
        "funded_places": lambda v: rules.call_terms_problems(v, None, None),
        "max_leads": lambda v: rules.call_terms_problems(None, v, None),
        "honorarium_pence": lambda v: rules.call_terms_problems(None, None, v),
        "max_awards_per_person": lambda v: rules.call_terms_problems(None, None, None, max_awards_per_person=v),
        "reviewers_per_application": lambda v: rules.call_terms_problems(
            None, None, None, reviewers_per_application=v),
        "ineligible_share": lambda v: rules.call_terms_problems(None, None, None, ineligible_share=v),
    }
    errors = {}
    for field, check in checks.items():
        if values.get(field) is not None and (problems := check(values[field])):
            errors[field] = problems
    opens_at, closes_at = values.get("opens_at"), values.get("closes_at")
    if problems := rules.call_terms_problems(None, None, None, opens_at=opens_at, closes_at=closes_at):
        errors["closes_at"] = problems
    elif problems := rules.call_terms_problems(None, None, None, closes_at=closes_at,
                                               outcome_by=values.get("outcome_by")):
        errors["outcome_by"] = problems
    errors.update(review_terms_errors(values))
    return errors


def review_terms_errors(values):
    """The review deadline (after the day the call closes) and the reminder steps ("7,1"), by field."""
    errors = {}
    closes_at = values.get("closes_at")
    closes_on = timezone.localtime(closes_at).date() if closes_at else None
    if problems := rules_reminders.review_deadline_problems(values.get("review_deadline"), closes_on):
        errors["review_deadline"] = problems
    try:
        rules_reminders.parse_reminder_days(values.get("review_reminder_days"))
    except ValidationError as exc:
        errors["review_reminder_days"] = exc.messages
    return errors


def _check_call_terms(call):
    errors = call_terms_errors({field: getattr(call, field) for field in CALL_FIELDS if field != "programme"})
    if call.programme_id and call.programme.organisation_id != call.organisation_id:
        errors["programme"] = "Choose one of the organisation's support programmes."
    if errors:
        raise ValidationError(errors)


def _normalise_reminder_days(call):
    """Store the steps as the rule reads them ("7, 1, 7" → "7,1"); left as typed when they are wrong, so
    the check names the problem."""
    try:
        call.review_reminder_days = rules_reminders.format_reminder_days(
            rules_reminders.parse_reminder_days(call.review_reminder_days))
    except ValidationError:
        pass


@transaction.atomic
def call_create(*, organisation, by, criteria=(), **fields):
    call = Call(organisation=organisation, slug=_unique_slug(organisation=organisation, title=fields.get("title", "")),
                **{k: v for k, v in fields.items() if k in CALL_FIELDS})
    _normalise_reminder_days(call)
    _check_call_terms(call)
    call.full_clean(exclude=["organisation"])
    call.save()
    for position, criterion in enumerate(criteria):
        criterion_add(organisation=organisation, by=by, call=call, position=position, **criterion)
    audit_record(organisation=organisation, actor=by, action="call.created", target=call, summary=call.title)
    return call


@transaction.atomic
def call_update(*, organisation, by, call, **fields):
    """Edit a call. Once it has opened, its money terms and share policy are the ones people applied on
    (``rules.call_terms_locked``): a change to them is refused, naming the field."""
    _same_tenant(organisation, call)
    call = Call.objects.select_for_update().get(pk=call.pk, organisation=organisation)
    if rules.call_terms_locked(call.status):
        changed = {key: "This cannot change once the call has opened: people apply on the published terms."
                   for key in LOCKED_CALL_FIELDS if key in fields and fields[key] != getattr(call, key)}
        if changed:
            raise ValidationError(changed)
    for key, value in fields.items():
        if key in CALL_FIELDS:
            setattr(call, key, value)
    _normalise_reminder_days(call)
    _check_call_terms(call)
    call.full_clean(exclude=["organisation"])
    call.save()
    audit_record(organisation=organisation, actor=by, action="call.updated", target=call)
    return call


@transaction.atomic
def call_set_status(*, organisation, by, call, status, open_now=False):
    """Guarded transitions: draft → open → closed → under review → decided (closed may reopen).

    Opening before the opening time either schedules the call (``open_now`` false: it shows "opens on …"
    and refuses applications until ``opens_at``, then is open with nothing more to do) or opens it now
    (``open_now``: ``opens_at`` moves to now, audited). The view asks which, after a confirmation."""
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
    changes = {"status": [before, status]}
    call.status = status
    now = timezone.now()
    if status == CallStatus.OPEN and open_now and now < call.opens_at:
        if now >= call.closes_at:
            raise ValidationError("The call's closing time has passed; change its dates first.")
        changes["opens_at"] = [call.opens_at.isoformat(), now.isoformat()]
        call.opens_at = now
    call.save(update_fields=["status", "opens_at"])
    audit_record(organisation=organisation, actor=by, action="call.status_changed", target=call,
                 changes=changes)
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
    errors = {}
    if scale_max is None or scale_max < 1:
        errors["scale_max"] = "The highest score must be at least 1."
    if weight is None or weight < 1:
        errors["weight"] = "The weight must be at least 1."
    if errors:
        raise ValidationError(errors)
    criterion.full_clean(exclude=["organisation", "call"])
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
