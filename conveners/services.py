"""Services: the one place that changes calls, applications, reviews, decisions and payments.

Every function is named ``<entity>_<action>(*, organisation, by, ...)``, keyword-only and transactional;
it checks that the records it is given belong to ``organisation`` (scopes do not guard ``create()`` or
forward foreign keys) and records each state change with :func:`cop_platform.audit.audit_record`.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from cop_platform.accounts.models import User
from cop_platform.audit import audit_record
from cop_platform.tenancy.models import OrganisationMember

from . import rules
from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentStatus,
    Call,
    CallStatus,
    ConflictKind,
    Criterion,
    Decision,
    HonorariumPayment,
    Lead,
    PanelMember,
    PaymentStatus,
    Score,
)

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
APPLICATION_FIELDS = ("domain", "sponsor_organisation", "sponsor_name", "sponsor_email", "passion",
                      "core_group", "ways_of_working", "support_wanted")
LEAD_FIELDS = ("name", "email", "job_title", "employer", "sector", "member_organisation")


def _same_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token():
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


# --- calls ------------------------------------------------------------------------------------------

def _unique_slug(*, organisation, title):
    base = slugify(title)[:70] or "call"
    if base in RESERVED_CALL_SLUGS:
        base = f"{base}-call"
    slug, n = base, 2
    while Call.objects.filter(organisation=organisation, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


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


@transaction.atomic
def panel_set(*, organisation, by, call, users):
    _same_tenant(organisation, call)
    wanted = {u.pk for u in users}
    members = set(OrganisationMember.objects.filter(organisation=organisation, user_id__in=wanted)
                  .values_list("user_id", flat=True))
    if members != wanted:
        raise ValidationError("Every panel member must belong to the organisation.")
    current = set(PanelMember.objects.filter(call=call).values_list("user_id", flat=True))
    leaving = current - wanted
    if Assignment.objects.filter(call=call, reviewer_id__in=leaving, status=AssignmentStatus.SUBMITTED).exists():
        raise ValidationError("Someone you are removing has already submitted a review on this call; their "
                              "review stays part of the record, so they stay on the panel.")
    # Reviews not yet submitted go with the reviewer; "Assign reviewers" fills the gap.
    Assignment.objects.filter(call=call, reviewer_id__in=leaving).delete()
    PanelMember.objects.filter(call=call).exclude(user_id__in=wanted).delete()
    for user_id in wanted - current:
        PanelMember.objects.create(organisation=organisation, call=call, user_id=user_id)
    audit_record(organisation=organisation, actor=by, action="call.panel_changed", target=call,
                 changes={"added": sorted(wanted - current), "removed": sorted(current - wanted)})


# --- applications -----------------------------------------------------------------------------------

def _check_window(call, now=None):
    rules.check_submission_window(status=call.status, opens_at=call.opens_at, closes_at=call.closes_at,
                                  now=now or timezone.now())


def _lead_people(leads):
    return [rules.Person(key=lead.pk or i, sector=lead.sector, is_lead=lead.is_lead,
                         works_in_member_organisation=lead.works_in_member_organisation)
            for i, lead in enumerate(leads)]


@transaction.atomic
def application_create(*, organisation, by, call, lead, co_leads=(), now=None, **fields):
    """A draft application by ``by``, with its lead (a dict of lead fields) and co-leads."""
    _same_tenant(organisation, call)
    _check_window(call, now)
    application = Application(organisation=organisation, call=call, applicant=by,
                              **{k: v for k, v in fields.items() if k in APPLICATION_FIELDS})
    application.full_clean(exclude=["organisation", "call", "applicant"])
    application.save()
    _leads_replace(organisation=organisation, application=application, lead=lead, co_leads=co_leads)
    audit_record(organisation=organisation, actor=by, action="application.created", target=application,
                 changes={"status": [None, ApplicationStatus.DRAFT]})
    return application


def _check_owner(application, by):
    if application.applicant_id != by.pk:
        raise PermissionDenied("Only the applicant may change this application.")


@transaction.atomic
def application_update(*, organisation, by, application, lead, co_leads=(), now=None, **fields):
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("Only a draft can be edited. This application is "
                              f"{application.get_status_display().lower()}.")
    _check_window(application.call, now)
    for key, value in fields.items():
        if key in APPLICATION_FIELDS:
            if key == "sponsor_email" and value != application.sponsor_email:
                application.sponsor_confirmed_at = None
                application.sponsor_token_hash = ""
            setattr(application, key, value)
    application.full_clean(exclude=["organisation", "call", "applicant"])
    application.save()
    _leads_replace(organisation=organisation, application=application, lead=lead, co_leads=co_leads)
    audit_record(organisation=organisation, actor=by, action="application.updated", target=application)
    return application


def _leads_replace(*, organisation, application, lead, co_leads):
    """Keep leads whose e-mail is unchanged (and so their confirmation); replace the rest."""
    wanted = [dict(lead, is_lead=True)] + [dict(c, is_lead=False) for c in co_leads]
    rules.check_number_of_leads(len(wanted), max_leads=application.call.max_leads)
    emails = [w["email"].strip().lower() for w in wanted]
    if len(set(emails)) != len(emails):
        raise ValidationError("Each lead and co-lead needs their own e-mail address.")
    existing = {lead.email.lower(): lead for lead in application.leads.all()}
    keep = set()
    for data in wanted:
        mo = data.get("member_organisation")
        if mo is not None:
            _same_tenant(organisation, mo)
        record = existing.get(data["email"].strip().lower())
        if record is None:
            record = Lead(organisation=organisation, application=application)
        for key in (*LEAD_FIELDS, "is_lead"):
            if key in data:
                setattr(record, key, data[key])
        if record.is_lead and record.email.lower() == application.applicant.email.lower():
            record.user = application.applicant
            record.confirmed_at = record.confirmed_at or timezone.now()
        record.full_clean(exclude=["organisation", "application", "member_organisation", "user"])
        record.save()
        keep.add(record.pk)
    application.leads.exclude(pk__in=keep).delete()


def application_problems(application, leads=None):
    """What stops ``application`` being submitted, as messages (empty when it can be)."""
    leads = list(application.leads.all()) if leads is None else leads
    problems = []
    if not application.domain.strip():
        problems.append("Name the domain you would convene.")
    for field in ("passion", "core_group", "ways_of_working"):
        if not getattr(application, field).strip():
            problems.append(f"Write {Application._meta.get_field(field).verbose_name}.")
    if not application.sponsor_organisation.strip() or not application.sponsor_email:
        problems.append("Name the sponsoring organisation and a sponsor contact's e-mail.")
    try:
        rules.check_number_of_leads(len(leads), max_leads=application.call.max_leads)
        rules.check_industry_colead(_lead_people(leads))
    except rules.RuleBroken as exc:
        problems.extend(exc.messages)
    unconfirmed = [lead.name for lead in leads if not lead.confirmed_at]
    if unconfirmed:
        problems.append("Waiting for confirmation by e-mail from: " + ", ".join(unconfirmed) + ".")
    return problems


@transaction.atomic
def application_request_confirmations(*, organisation, by, application):
    """E-mail each unconfirmed co-lead and the sponsor contact a link to confirm (new tokens each time;
    only their hashes are stored)."""
    from cop_platform.email import email_queue

    _same_tenant(organisation, application)
    _check_owner(application, by)
    sent = 0
    for lead in application.leads.filter(confirmed_at__isnull=True):
        token, lead.token_hash = _new_token()
        lead.save(update_fields=["token_hash"])
        link = _absolute(reverse("confirmations:confirm", kwargs={"confirmation_token": token}))
        email_queue(organisation=organisation, key=f"colead-confirm:{lead.pk}:{lead.token_hash[:16]}", to=lead.email,
                    subject=f"Please confirm you co-lead “{application.domain}”",
                    body_text=(f"Dear {lead.name},\n\n{by.display_name} has named you as a co-lead of an application "
                               f"to convene “{application.domain}” in {application.call.title} "
                               f"({organisation.name}).\n\nIf you agree, confirm here:\n{link}\n"))
        sent += 1
    if application.sponsor_email and not application.sponsor_confirmed_at:
        token, application.sponsor_token_hash = _new_token()
        application.save(update_fields=["sponsor_token_hash"])
        link = _absolute(reverse("confirmations:confirm", kwargs={"confirmation_token": token}))
        email_queue(organisation=organisation, key=f"sponsor-confirm:{application.pk}:{application.sponsor_token_hash[:16]}",
                    to=application.sponsor_email,
                    subject=f"Please confirm your support for “{application.domain}”",
                    body_text=(f"Dear {application.sponsor_name or 'colleague'},\n\n{by.display_name} names "
                               f"{application.sponsor_organisation} as the sponsor of an application to convene "
                               f"“{application.domain}” in {application.call.title}.\n\nTo confirm your "
                               f"organisation's support:\n{link}\n"))
        sent += 1
    audit_record(organisation=organisation, actor=by, action="application.confirmations_requested",
                 target=application, summary=f"{sent} e-mail(s)")
    return sent


def confirmation_organisation_id(*, token):
    """Which organisation a confirmation token belongs to (call with scopes disabled), or ``None``."""
    digest = token_hash(token or "")
    if not digest or not token:
        return None
    lead = Lead.objects.filter(token_hash=digest).values_list("organisation_id", flat=True).first()
    if lead is not None:
        return lead
    return Application.objects.filter(sponsor_token_hash=digest).values_list("organisation_id", flat=True).first()


def confirmation_find(*, organisation, token):
    """The lead or application a confirmation token names, or ``None``."""
    digest = token_hash(token or "")
    lead = Lead.objects.filter(organisation=organisation, token_hash=digest).select_related("application").first()
    if lead is not None:
        return lead
    return Application.objects.filter(organisation=organisation, sponsor_token_hash=digest).first()


@transaction.atomic
def confirmation_accept(*, organisation, by, token):
    record = confirmation_find(organisation=organisation, token=token)
    if record is None:
        raise ValidationError("This confirmation link is not valid (it may have been replaced by a newer one).")
    now = timezone.now()
    if isinstance(record, Lead):
        updated = Lead.objects.filter(pk=record.pk, confirmed_at__isnull=True).update(confirmed_at=now, token_hash="")
        if updated:
            audit_record(organisation=organisation, actor=by, action="lead.confirmed", target=record.application,
                         summary=record.name)
        return record
    updated = Application.objects.filter(pk=record.pk, sponsor_confirmed_at__isnull=True).update(
        sponsor_confirmed_at=now, sponsor_token_hash="")
    if updated:
        audit_record(organisation=organisation, actor=by, action="application.sponsor_confirmed", target=record,
                     summary=record.sponsor_organisation)
    return record


@transaction.atomic
def application_submit(*, organisation, by, application, now=None):
    """draft → submitted, before the deadline (the server's clock decides) and with every rule met."""
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status == ApplicationStatus.SUBMITTED:
        return application  # a double click: already done
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("A withdrawn application cannot be submitted; start a copy instead.")
    _check_window(application.call, now)
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now or timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.submitted", target=application,
                 changes={"status": [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]})
    return application


@transaction.atomic
def application_withdraw(*, organisation, by, application):
    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    _check_owner(application, by)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.call.released_at:
        raise ValidationError("The outcomes have been released; this application can no longer be withdrawn.")
    if application.decision:
        raise ValidationError("The panel has recorded a decision on this application; ask the host to change it "
                              "before withdrawing.")
    before = application.status
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.withdrawn", target=application,
                 changes={"status": [before, ApplicationStatus.WITHDRAWN]})
    return application


@transaction.atomic
def application_copy(*, organisation, by, application, now=None):
    """'Apply for another domain' (decision 1): a new draft starting from this one, domain left blank."""
    _same_tenant(organisation, application)
    _check_owner(application, by)
    leads = list(application.leads.all())
    lead = next((lead for lead in leads if lead.is_lead), leads[0])
    as_dict = lambda x: {f: getattr(x, f) for f in LEAD_FIELDS}
    copy = application_create(
        organisation=organisation, by=by, call=application.call, now=now,
        lead=as_dict(lead), co_leads=[as_dict(x) for x in leads if x.pk != lead.pk],
        **{f: getattr(application, f) for f in APPLICATION_FIELDS if f != "domain"}, domain="",
    )
    copy.copied_from = application
    copy.save(update_fields=["copied_from"])
    return copy


# --- review -----------------------------------------------------------------------------------------

def _employer_of(organisation, user_id, cache=None):
    member = OrganisationMember.objects.filter(organisation=organisation, user_id=user_id) \
        .select_related("member_organisation").first()
    return member.employer_name if member else ""


def automatic_conflicts(*, organisation, application, reviewer_employer, reviewer_id=None, reviewer_email=""):
    """Same employer or sponsor (rules.conflict_reasons), and — always — reviewing your own application:
    the applicant, a lead or a co-lead never reviews it."""
    reasons = rules.conflict_reasons(reviewer_employer=reviewer_employer,
                                     lead_employers=[lead.employer for lead in application.leads.all()]
                                     + [lead.member_organisation.name for lead in application.leads.all()
                                        if lead.member_organisation_id],
                                     sponsor_organisation=application.sponsor_organisation)
    email = (reviewer_email or "").lower()
    if reviewer_id is not None and (
        application.applicant_id == reviewer_id
        or any(lead.user_id == reviewer_id or (email and lead.email.lower() == email) for lead in application.leads.all())
    ):
        reasons.append("You are the applicant, a lead or a co-lead of this application.")
    return reasons


@transaction.atomic
def assignments_balance(*, organisation, by, call):
    """Assign the call's panel to its submitted applications, load-balanced, ``reviewers_per_application``
    each; a reviewer with an automatic conflict (same employer or sponsor) is never assigned it."""
    _same_tenant(organisation, call)
    if call.status not in (CallStatus.CLOSED, CallStatus.UNDER_REVIEW):
        raise ValidationError("Assign reviewers once the call has closed.")
    reviewers = list(PanelMember.objects.filter(call=call).order_by("pk").values_list("user_id", flat=True))
    if not reviewers:
        raise ValidationError("Choose the panel first.")
    applications = list(Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
                        .prefetch_related("leads__member_organisation").order_by("pk"))
    employers = {uid: _employer_of(organisation, uid) for uid in reviewers}
    emails = dict(User.objects.filter(pk__in=reviewers).values_list("pk", "email"))
    existing, conflicted = set(), set()
    for a in Assignment.objects.filter(call=call).values("application_id", "reviewer_id", "conflict"):
        pair = (a["application_id"], a["reviewer_id"])
        (conflicted if a["conflict"] else existing).add(pair)
    by_pk = {a.pk: a for a in applications}
    for app in applications:
        for uid in reviewers:
            if automatic_conflicts(organisation=organisation, application=app, reviewer_employer=employers[uid],
                                   reviewer_id=uid, reviewer_email=emails.get(uid, "")):
                conflicted.add((app.pk, uid))
    new = rules.balanced_assignment(applications=list(by_pk), reviewers=reviewers,
                                    per_application=call.reviewers_per_application,
                                    existing={p for p in existing if p[0] in by_pk}, conflicted=conflicted)
    for app_id, uid in new:
        assignment = Assignment.objects.create(organisation=organisation, call=call, application_id=app_id,
                                               reviewer_id=uid)
        audit_record(organisation=organisation, actor=by, action="assignment.created", target=assignment)
    short = [a.domain for a in applications
             if sum(1 for p in existing | set(new) if p[0] == a.pk) < call.reviewers_per_application]
    return new, short


@transaction.atomic
def assignment_add(*, organisation, by, application, reviewer):
    """The manager assigns one reviewer by hand; an automatic conflict is flagged on the assignment."""
    _same_tenant(organisation, application)
    reasons = automatic_conflicts(organisation=organisation, application=application,
                                  reviewer_employer=_employer_of(organisation, reviewer.pk),
                                  reviewer_id=reviewer.pk, reviewer_email=reviewer.email)
    assignment, created = Assignment.objects.get_or_create(
        organisation=organisation, call=application.call, application=application, reviewer=reviewer,
        defaults={"conflict": ConflictKind.AUTOMATIC if reasons else "", "conflict_reason": " ".join(reasons)})
    if created:
        audit_record(organisation=organisation, actor=by, action="assignment.created", target=assignment,
                     summary=" ".join(reasons))
    return assignment


def assignment_check_conflict(*, organisation, assignment):
    """Re-check the automatic conflict rule when the reviewer opens the application (employers change)."""
    if assignment.conflict:
        return assignment
    reasons = automatic_conflicts(organisation=organisation, application=assignment.application,
                                  reviewer_employer=_employer_of(organisation, assignment.reviewer_id),
                                  reviewer_id=assignment.reviewer_id, reviewer_email=assignment.reviewer.email)
    if reasons:
        Assignment.objects.filter(pk=assignment.pk, conflict="").update(
            conflict=ConflictKind.AUTOMATIC, conflict_reason=" ".join(reasons))
        assignment.refresh_from_db()
        audit_record(organisation=organisation, actor=None, action="assignment.conflict_flagged",
                     target=assignment, summary=" ".join(reasons))
    return assignment


@transaction.atomic
def assignment_declare_conflict(*, organisation, by, assignment, reason):
    _same_tenant(organisation, assignment)
    if assignment.reviewer_id != by.pk:
        raise PermissionDenied("Only the reviewer may declare their conflict.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say briefly what the conflict of interest is."})
    if assignment.conflict:
        return assignment
    assignment.conflict = ConflictKind.DECLARED
    assignment.conflict_reason = reason[:500]
    assignment.save(update_fields=["conflict", "conflict_reason"])
    audit_record(organisation=organisation, actor=by, action="assignment.conflict_declared", target=assignment,
                 summary=reason[:200])
    return assignment


@transaction.atomic
def scores_save(*, organisation, by, assignment, values, submit=False):
    """Save a reviewer's scores (``values``: criterion id → (value or None, comment)) as a draft or
    submit them (every criterion scored). A conflicted reviewer cannot score. Audited when submitted
    or changed after submission."""
    _same_tenant(organisation, assignment)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk, organisation=organisation)
    if assignment.reviewer_id != by.pk:
        raise PermissionDenied("Only the assigned reviewer may score.")
    if not PanelMember.objects.filter(call_id=assignment.call_id, user=by).exists():
        raise PermissionDenied("You are no longer on this call's panel.")
    if assignment.conflict:
        raise ValidationError("You have a conflict of interest with this application and cannot score it.")
    call = assignment.call
    if call.status == CallStatus.DECIDED:
        raise ValidationError("The panel has decided; scores can no longer change.")
    criteria = {c.pk: c for c in Criterion.objects.filter(call=call)}
    errors = {}
    for cid, (value, _comment) in values.items():
        if cid not in criteria:
            raise ValidationError("Unknown criterion.")
        try:
            rules.check_score(value, scale_max=criteria[cid].scale_max)
        except rules.RuleBroken as exc:
            errors[cid] = exc.messages[0]
    if submit:
        for cid in criteria:
            if values.get(cid, (None, ""))[0] is None:
                errors.setdefault(cid, "Score this criterion before submitting.")
    if errors:
        raise ValidationError({f"score_{cid}": msg for cid, msg in errors.items()})
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    changed = {}
    for cid, (value, comment) in values.items():
        score = existing.get(cid) or Score(organisation=organisation, assignment=assignment, criterion_id=cid)
        if score.pk is None or score.value != value or score.comment != comment:
            changed[criteria[cid].name] = [score.value, value]
            score.value, score.comment = value, comment
            score.save()
    was_submitted = assignment.status == AssignmentStatus.SUBMITTED
    if submit or was_submitted:
        if not was_submitted:
            assignment.status = AssignmentStatus.SUBMITTED
            assignment.submitted_at = timezone.now()
            assignment.save(update_fields=["status", "submitted_at"])
            audit_record(organisation=organisation, actor=by, action="score.submitted", target=assignment,
                         changes=changed)
        elif changed:
            audit_record(organisation=organisation, actor=by, action="score.changed", target=assignment,
                         changes=changed)
    else:
        assignment.status = AssignmentStatus.DRAFT
        assignment.save(update_fields=["status"])
    return assignment


@transaction.atomic
def assignment_moderate(*, organisation, by, assignment, note):
    """The manager records a moderation note on one review (e.g. after discussing a disagreement)."""
    _same_tenant(organisation, assignment)
    assignment.moderated_note = (note or "").strip()[:2000]
    assignment.save(update_fields=["moderated_note"])
    audit_record(organisation=organisation, actor=by, action="assignment.moderated", target=assignment,
                 summary=assignment.moderated_note[:200])
    return assignment


# --- decisions --------------------------------------------------------------------------------------

@transaction.atomic
def application_decide(*, organisation, by, application, decision):
    """Record the panel's decision. The call row is locked so two managers cannot fund a sixth place
    together; repeating the same decision (a double submit) changes nothing."""
    _same_tenant(organisation, application)
    call = Call.objects.select_for_update().get(pk=application.call_id, organisation=organisation)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    if call.status not in (CallStatus.CLOSED, CallStatus.UNDER_REVIEW):
        raise ValidationError("Decisions are recorded while the call is closed or under review.")
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("Only a submitted application can be decided.")
    if decision not in Decision.values or decision == Decision.DECLINED:
        raise ValidationError("Choose a decision.")
    if application.decision == decision:
        return application
    if decision == Decision.FUNDED:
        funded = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED,
                                             decision=Decision.FUNDED).exclude(pk=application.pk)
        emails = [e.lower() for e in application.leads.values_list("email", flat=True)]
        awards = 0
        for email in emails:
            awards = max(awards, Lead.objects.filter(application__in=funded, email__iexact=email).count())
        rules.check_funded_places(
            funded_places=call.funded_places, funded_now=funded.count(),
            domain_funded=funded.filter(domain__iexact=application.domain.strip()).exists(),
            person_awards=awards, max_awards_per_person=call.max_awards_per_person)
    before = application.decision
    application.decision = decision
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["decision", "decided_at", "decided_by", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.decided", target=application,
                 changes={"decision": [before, decision]})
    return application


@transaction.atomic
def call_release_outcomes(*, organisation, by, call, override_reason="", today=None):
    """Release every outcome together (decision 7): the call becomes decided, each applicant and co-lead
    is sent the letter for their outcome (by a Celery task), each funded application gets its community
    with the leads as conveners and its honorarium shares. Late release needs a reason."""
    from cop_platform.tasks import enqueue_on_commit

    from .tasks import send_decision_letters

    _same_tenant(organisation, call)
    call = Call.objects.select_for_update().get(pk=call.pk, organisation=organisation)
    if call.released_at:
        return call
    if call.status != CallStatus.UNDER_REVIEW:
        raise ValidationError("Put the call under review and record the decisions before releasing them.")
    undecided = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, decision="").count()
    if undecided:
        raise ValidationError(f"{undecided} submitted application(s) have no decision yet.")
    late = rules.outcome_release_check(outcome_by=call.outcome_by, today=today or timezone.localdate(),
                                       override_reason=override_reason)
    call.status = CallStatus.DECIDED
    call.released_at = timezone.now()
    call.release_override_reason = override_reason.strip() if late else ""
    call.save(update_fields=["status", "released_at", "release_override_reason"])
    audit_record(organisation=organisation, actor=by, action="call.outcomes_released", target=call,
                 changes={"status": [CallStatus.UNDER_REVIEW, CallStatus.DECIDED], "late": late},
                 summary=call.release_override_reason)
    for application in Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED,
                                                  decision=Decision.FUNDED):
        application_convene(organisation=organisation, by=by, application=application)
        honoraria_approve(organisation=organisation, by=by, application=application)
    enqueue_on_commit(send_decision_letters, organisation.pk, call.pk)
    return call


@transaction.atomic
def application_convene(*, organisation, by, application):
    """Create (or link) the application's community, with the lead as convener and co-leads as
    co-conveners; those without an account are invited in that role by e-mail. For funded applications
    on release; for supported ones when the applicant takes up the offer (decision 8)."""
    from communities.models import MembershipRole
    from communities.services import community_create, membership_add
    from cop_platform.accounts.models import User

    _same_tenant(organisation, application)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    if application.decision not in (Decision.FUNDED, Decision.SUPPORTED) or not application.call.released_at:
        raise ValidationError("Only a funded or supported application, once released, convenes a community.")
    community = application.community
    if community is None:
        community = community_create(organisation=organisation, name=application.domain,
                                     domain_statement=application.passion[:2000])
        application.community = community
        application.save(update_fields=["community", "updated_at"])
        audit_record(organisation=organisation, actor=by, action="application.community_created",
                     target=application, summary=community.name)
    without_account = {MembershipRole.CONVENER: [], MembershipRole.CO_CONVENER: []}
    for lead in application.leads.all():
        role = MembershipRole.CONVENER if lead.is_lead else MembershipRole.CO_CONVENER
        user = lead.user or User.objects.filter(email__iexact=lead.email).first()
        if user is None:
            without_account[role].append(lead.email)
            continue
        membership_add(organisation=organisation, community=community, user=user, role=role)
    _invite_leads_without_account(organisation=organisation, by=by, community=community,
                                  application=application, addresses_by_role=without_account)
    return community


def _invite_leads_without_account(*, organisation, by, community, application, addresses_by_role):
    """A lead or co-lead with no account yet is invited to the community in their convening role; they
    join when they accept (and create an account). Already invited or already a member: nothing new."""
    from communities.services import invitations_create

    message = (f"Your application to convene “{application.domain}” in {application.call.title} means the "
               f"community now has a home on Convene. Accept this invitation to take up your place as its "
               f"convener, with the rest of your convening team.")
    for role, addresses in addresses_by_role.items():
        if addresses:
            invitations_create(organisation=organisation, by=by, community=community, addresses=addresses,
                               role=role, message=message)


@transaction.atomic
def award_decline(*, organisation, by, application):
    """A funded convener declines the award (decision 6): its unpaid honorarium payments are cancelled
    and the award goes to the reserve — the first reserve in the same domain is funded and told.
    Returns the reserve application now funded, or ``None`` when the domain has no reserve."""
    from cop_platform.email import email_queue

    _same_tenant(organisation, application)
    call = Call.objects.select_for_update().get(pk=application.call_id, organisation=organisation)
    application = Application.objects.select_for_update().get(pk=application.pk, organisation=organisation)
    if application.decision == Decision.DECLINED:
        return None  # a double click
    if application.decision != Decision.FUNDED or not call.released_at:
        raise ValidationError("Only a funded award, once released, can be declined.")
    if application.payments.filter(status=PaymentStatus.PAID).exists():
        raise ValidationError("Part of this honorarium is already paid; recover it before recording the decline.")
    for payment in application.payments.all():
        audit_record(organisation=organisation, actor=by, action="payment.cancelled", target=payment,
                     changes={"amount_pence": payment.amount_pence, "status": [payment.status, None]})
        payment.delete()
    application.decision = Decision.DECLINED
    application.save(update_fields=["decision", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.award_declined", target=application,
                 changes={"decision": [Decision.FUNDED, Decision.DECLINED]})
    reserve = (Application.objects.filter(call=call, decision=Decision.RESERVE, status=ApplicationStatus.SUBMITTED,
                                          domain__iexact=application.domain.strip())
               .order_by("decided_at", "pk").first())
    if reserve is None:
        return None
    reserve.decision = Decision.FUNDED
    reserve.decided_at = timezone.now()
    reserve.decided_by = by
    reserve.save(update_fields=["decision", "decided_at", "decided_by", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="application.decided", target=reserve,
                 changes={"decision": [Decision.RESERVE, Decision.FUNDED]}, summary="Reserve offered the award")
    application_convene(organisation=organisation, by=by, application=reserve)
    honoraria_approve(organisation=organisation, by=by, application=reserve)
    shares, withheld = application_shares(reserve)
    from django.template.loader import render_to_string

    for lead in reserve.leads.all():
        context = {"call": call, "application": reserve, "lead": lead, "outcome": "funded", "from_reserve": True,
                   "organisation": organisation, "share_pence": shares.get(lead, 0), "withheld": withheld,
                   "late": False, "link": _absolute(reverse("conveners:application", kwargs={
                       "org": organisation.slug, "call": call.slug, "application": reserve.pk}))}
        email_queue(organisation=organisation, key=f"award-offer:{reserve.pk}:{lead.email.lower()}", to=lead.email,
                    subject=f"{call.title}: a funded place for your application",
                    body_text=render_to_string("conveners/letter.txt", context))
    return reserve


# --- honoraria --------------------------------------------------------------------------------------

def application_shares(application, leads=None):
    """The split for a funded application under its call's policy: ({lead: pence}, withheld pence)."""
    leads = list(application.leads.all()) if leads is None else leads
    shares, withheld = rules.honorarium_split(honorarium_pence=application.call.honorarium_pence,
                                              people=_lead_people(leads), policy=application.call.ineligible_share)
    by_key = {p.key: lead for p, lead in zip(_lead_people(leads), leads)}
    return {by_key[k]: v for k, v in shares.items()}, withheld


@transaction.atomic
def honoraria_approve(*, organisation, by, application):
    """One approved payment per eligible lead of a funded application (idempotent)."""
    _same_tenant(organisation, application)
    shares, _ = application_shares(application)
    now = timezone.now()
    for lead, pence in shares.items():
        if pence <= 0:
            continue
        payment, created = HonorariumPayment.objects.get_or_create(
            organisation=organisation, application=application, lead=lead,
            defaults={"call": application.call, "payee": lead.name, "amount_pence": pence, "approved_at": now})
        if created:
            audit_record(organisation=organisation, actor=by, action="payment.approved", target=payment,
                         changes={"amount_pence": pence, "status": [None, PaymentStatus.APPROVED]})


PAYMENT_ORDER = [PaymentStatus.APPROVED, PaymentStatus.CLAIM_RECEIVED, PaymentStatus.PAID]


@transaction.atomic
def payment_advance(*, organisation, by, payment, status, reference="", payee=""):
    """approved → invoice or claim received → paid (decision 11), with the date and a reference."""
    _same_tenant(organisation, payment)
    payment = HonorariumPayment.objects.select_for_update().get(pk=payment.pk, organisation=organisation)
    if status == payment.status:
        return payment
    if status not in PAYMENT_ORDER or PAYMENT_ORDER.index(status) != PAYMENT_ORDER.index(payment.status) + 1:
        raise ValidationError(f"A payment that is {payment.get_status_display().lower()} cannot become "
                              f"{PaymentStatus(status).label.lower() if status in PAYMENT_ORDER else status}.")
    if status == PaymentStatus.PAID and not (reference or payment.reference).strip():
        raise ValidationError({"reference": "Enter the payment reference."})
    before = payment.status
    payment.status = status
    if status == PaymentStatus.CLAIM_RECEIVED:
        payment.claim_received_at = timezone.now()
    else:
        payment.paid_at = timezone.now()
    if reference.strip():
        payment.reference = reference.strip()[:100]
    if payee.strip():
        payment.payee = payee.strip()[:200]
    payment.save()
    audit_record(organisation=organisation, actor=by, action="payment.status_changed", target=payment,
                 changes={"status": [before, status], "reference": payment.reference})
    return payment


# --- letters ----------------------------------------------------------------------------------------

def decision_letters_queue(*, organisation, call_id):
    """Queue every letter of a released call (called by the task). Withdrawn applicants hear too."""
    from django.template.loader import render_to_string

    from cop_platform.email import email_queue

    call = Call.objects.filter(pk=call_id, organisation=organisation).first()
    if call is None or not call.released_at:
        return 0
    applications = (Application.objects.filter(call=call)
                    .exclude(status=ApplicationStatus.DRAFT).prefetch_related("leads").select_related("community"))
    queued = 0
    for application in applications:
        shares, withheld = application_shares(application) if application.decision == Decision.FUNDED else ({}, 0)
        for lead in application.leads.all():
            outcome = application.decision if application.status == ApplicationStatus.SUBMITTED else "withdrawn"
            context = {"call": call, "application": application, "lead": lead, "outcome": outcome,
                       "organisation": organisation, "share_pence": shares.get(lead, 0), "withheld": withheld,
                       "late": bool(call.release_override_reason),
                       "link": _absolute(reverse("conveners:application", kwargs={
                           "org": organisation.slug, "call": call.slug, "application": application.pk}))}
            email_queue(organisation=organisation, key=f"decision-letter:{application.pk}:{lead.email.lower()}",
                        to=lead.email, subject=f"{call.title}: the outcome of your application",
                        body_text=render_to_string("conveners/letter.txt", context))
            queued += 1
    return queued


# --- support and interviews -------------------------------------------------------------------------

@transaction.atomic
def support_record(*, organisation, by, application, held_on, coach, topics, kind="coaching", sessions=1):
    """Record support given to a funded or supported convener (FAQ §8: unsuccessful applicants "will
    still receive administrative and coaching support"; decision 8)."""
    from .models import SupportSession

    _same_tenant(organisation, application)
    if application.decision not in (Decision.FUNDED, Decision.SUPPORTED, Decision.RESERVE):
        raise ValidationError("Support is recorded for funded, supported or reserve conveners.")
    session = SupportSession(organisation=organisation, application=application, held_on=held_on, coach=coach,
                             topics=topics, kind=kind, sessions=sessions, recorded_by=by)
    session.full_clean(exclude=["organisation", "application", "recorded_by"])
    session.save()
    audit_record(organisation=organisation, actor=by, action="support.recorded", target=session,
                 summary=f"{application.domain}: {session}")
    return session


@transaction.atomic
def convener_profile_save(*, organisation, by, **answers):
    """Save ``by``'s own answers to the brochure's interview questions."""
    from .models import ConvenerProfile

    profile, _ = ConvenerProfile.objects.get_or_create(organisation=organisation, user=by)
    for name, _label in ConvenerProfile.QUESTIONS:
        if name in answers:
            setattr(profile, name, (answers[name] or "").strip())
    profile.full_clean(exclude=["organisation", "user"])
    profile.save()
    return profile
