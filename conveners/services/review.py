"""Services for review: the panel, assignments, conflicts of interest, scores and moderation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.accounts.models import User
from cop_platform.audit import audit_record
from cop_platform.tenancy.models import OrganisationMember

from .. import rules
from ..models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentStatus,
    CallStatus,
    ConflictKind,
    Criterion,
    PanelMember,
    Score,
)
from ._common import _same_tenant


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
        or any(lead.user_id == reviewer_id or (email and lead.email.lower() == email)
               for lead in application.leads.all())
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


def assignment_conflict_reasons(*, organisation, assignment):
    """The automatic conflict reasons for ``assignment`` now, without recording them (for a GET)."""
    if assignment.conflict:
        return [assignment.conflict_reason]
    return automatic_conflicts(organisation=organisation, application=assignment.application,
                               reviewer_employer=_employer_of(organisation, assignment.reviewer_id),
                               reviewer_id=assignment.reviewer_id, reviewer_email=assignment.reviewer.email)


@transaction.atomic
def assignment_declare_no_conflict(*, organisation, by, assignment):
    """Decision "Reviewing": the reviewer declares they have no conflict of interest before any score is
    accepted. The automatic rule is checked first; when it finds one, the conflict is recorded instead
    and the reviewer cannot score. Returns the assignment."""
    _same_tenant(organisation, assignment)
    if assignment.reviewer_id != by.pk:
        raise PermissionDenied("Only the reviewer may declare their conflicts of interest.")
    assignment = assignment_check_conflict(organisation=organisation, assignment=assignment)
    if assignment.conflict or assignment.no_conflict_declared_at:
        return assignment
    assignment.no_conflict_declared_at = timezone.now()
    assignment.save(update_fields=["no_conflict_declared_at"])
    audit_record(organisation=organisation, actor=by, action="assignment.no_conflict_declared", target=assignment)
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
    submit them (every criterion scored). Only after the reviewer has declared no conflict of interest; a
    conflicted reviewer cannot score; a submitted review is final. Audited when submitted. Each error
    names the criterion it is about."""
    _same_tenant(organisation, assignment)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk, organisation=organisation)
    if assignment.reviewer_id != by.pk:
        raise PermissionDenied("Only the assigned reviewer may score.")
    if not PanelMember.objects.filter(call_id=assignment.call_id, user=by).exists():
        raise PermissionDenied("You are no longer on this call's panel.")
    if assignment.conflict:
        raise ValidationError("You have a conflict of interest with this application and cannot score it.")
    if not assignment.no_conflict_declared_at:
        raise ValidationError("Declare whether you have a conflict of interest with this application before "
                              "scoring it.")
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ValidationError("Your review is submitted; its scores can no longer change.")
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
        except rules.RuleBroken:
            errors[cid] = f"{criteria[cid].name}: enter a whole number from 0 to {criteria[cid].scale_max}."
    if submit:
        for cid in criteria:
            if values.get(cid, (None, ""))[0] is None:
                errors.setdefault(cid, f"{criteria[cid].name}: enter a score before submitting.")
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
    if submit:
        assignment.status = AssignmentStatus.SUBMITTED
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["status", "submitted_at"])
        audit_record(organisation=organisation, actor=by, action="score.submitted", target=assignment,
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
