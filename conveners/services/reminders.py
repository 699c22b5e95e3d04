"""Reminders of the review deadline (issue 6): one e-mail per reviewer per step, a digest of who is late.

Each e-mail is preceded by a :class:`~conveners.models.ReviewReminder` row, written in the same
transaction as the outbox row: the row is unique per call, reviewer and step (per call and day for a
digest), so a retried task or two workers sweeping at once find it and queue nothing more; the outbox key
is unique too. Reviewers who have finished every assignment get nothing; after the deadline only the
managers' digest goes.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from cop_platform.audit import audit_record
from cop_platform.email import email_queue
from cop_platform.tenancy.models import OrganisationRole, Role

from .. import rules_reminders
from ..models import Assignment, AssignmentStatus, Call, CallStatus, ReminderKind, ReviewReminder
from ._common import _absolute, _same_tenant

REMINDER_KIND = "conveners.review_reminder"
DIGEST_KIND = "conveners.review_digest"
REVIEWING = (CallStatus.CLOSED, CallStatus.UNDER_REVIEW)
UNFINISHED = Q(conflict="") & ~Q(status=AssignmentStatus.SUBMITTED)


def review_reminder_steps(call):
    """The call's reminder steps, largest first (none if what is stored no longer reads)."""
    try:
        return rules_reminders.parse_reminder_days(call.review_reminder_days)
    except ValidationError:  # stored before the rule existed: no reminders rather than a failed sweep
        return []


def _unfinished_by_reviewer(call):
    """``{reviewer_id: [assignment, ...]}`` of unfinished, unconflicted assignments. One query."""
    found = {}
    for assignment in (Assignment.objects.filter(UNFINISHED, call=call).select_related("reviewer", "application")
                       .order_by("application__domain", "pk")):
        found.setdefault(assignment.reviewer_id, []).append(assignment)
    return found


def _link(organisation, name, call):
    return _absolute(reverse(f"conveners:{name}", kwargs={"org": organisation.slug, "call": call.slug}))


def review_reminders_queue(*, organisation, call, today=None):
    """Queue today's reminder for each reviewer of ``call`` with unfinished assignments
    (:func:`rules_reminders.reminder_steps_due`). Safe to run any number of times. Returns how many
    reminders it queued."""
    _same_tenant(organisation, call)
    today = today or timezone.localdate()
    steps = review_reminder_steps(call)
    if call.status not in REVIEWING or call.released_at or call.review_deadline is None or not steps:
        return 0
    unfinished = _unfinished_by_reviewer(call)
    sent = {}
    for reviewer_id, step in ReviewReminder.objects.filter(call=call, kind=ReminderKind.REVIEWER).values_list(
            "reviewer_id", "step"):
        sent.setdefault(reviewer_id, set()).add(step)
    queued = 0
    for reviewer_id, assignments in unfinished.items():
        for step in rules_reminders.reminder_steps_due(call.review_deadline, steps, today,
                                                       sent.get(reviewer_id, ())):
            queued += _remind(organisation=organisation, call=call, assignments=assignments, step=step,
                              today=today)
    return queued


@transaction.atomic
def _remind(*, organisation, call, assignments, step, today):
    reviewer = assignments[0].reviewer
    _, created = ReviewReminder.objects.get_or_create(
        organisation=organisation, call=call, kind=ReminderKind.REVIEWER, reviewer=reviewer, step=step,
        defaults={"unfinished": len(assignments)})
    if not created:  # another sweep got here first
        return 0
    context = {"call": call, "organisation": organisation, "reviewer": reviewer, "assignments": assignments,
               "words": rules_reminders.deadline_words(call.review_deadline, today),
               "link": _link(organisation, "assignments", call)}
    email_queue(organisation=organisation, key=f"review-reminder:{call.pk}:{reviewer.pk}:{step}", to=reviewer.email,
                kind=REMINDER_KIND, subject=f"{call.title}: reviews due by {call.review_deadline:%-d %B %Y}",
                body_text=render_to_string("conveners/review_reminder.txt", context))
    return 1


def late_reviewers(call):
    """Reviewers of ``call`` with unfinished assignments and how many, by name. One query."""
    rows = (Assignment.objects.filter(UNFINISHED, call=call).values("reviewer_id")
            .annotate(unfinished=Count("pk")).values_list("reviewer__first_name", "reviewer__last_name",
                                                           "reviewer__email", "unfinished")
            .order_by("reviewer__last_name", "reviewer__first_name", "reviewer_id"))
    return [{"name": f"{first} {last}".strip() or email.split("@")[0], "unfinished": n}
            for first, last, email, n in rows]


def _managers(organisation):
    """The organisation's admins and project managers, each once (a person may hold both roles)."""
    people = {}
    for role in (OrganisationRole.objects.filter(organisation=organisation, role__in=[Role.ADMIN, Role.PROJECT_MANAGER])
                 .select_related("user").order_by("user_id")):
        people.setdefault(role.user_id, role.user)
    return list(people.values())


@transaction.atomic
def review_digest_queue(*, organisation, call, today=None, by=None):
    """Queue the digest of late reviews to every manager of ``call`` (admins and project managers of its
    organisation), once per call per day past the deadline. ``by``: the manager who asked for it (the
    sweep sends the first by itself). Returns the number of e-mails queued; raises ``ValidationError``
    with a readable message when there is nothing to send."""
    _same_tenant(organisation, call)
    today = today or timezone.localdate()
    step = rules_reminders.digest_step(call.review_deadline, today)
    if step is None:
        raise ValidationError("The digest of late reviews is sent after the review deadline has passed.")
    late = late_reviewers(call)
    if not late:
        raise ValidationError("Every reviewer has finished: nobody is late.")
    row, created = ReviewReminder.objects.get_or_create(
        organisation=organisation, call=call, kind=ReminderKind.DIGEST, step=step,
        defaults={"unfinished": sum(r["unfinished"] for r in late), "requested_by": by})
    if not created:
        raise ValidationError(f"Today's digest was already sent, at "
                              f"{timezone.localtime(row.created_at):%H:%M}: it goes once a day at most.")
    context = {"call": call, "organisation": organisation, "late": late, "days": step,
               "link": _link(organisation, "assign", call)}
    body = render_to_string("conveners/review_digest.txt", context)
    managers = _managers(organisation)
    for manager in managers:
        email_queue(organisation=organisation, key=f"review-digest:{call.pk}:{step}:{manager.pk}",
                    to=manager.email, kind=DIGEST_KIND, triggered_by=by, body_text=body,
                    subject=f"{call.title}: {len(late)} reviewer{'s' if len(late) != 1 else ''} late")
    if by is not None:
        audit_record(organisation=organisation, actor=by, action="call.review_digest_sent", target=call,
                     summary=f"{len(late)} late")
    return len(managers)


def review_reminders_sweep(*, today=None):
    """Hourly, for every organisation (the caller disables scopes): each call under review with a review
    deadline gets today's reviewer reminders, and, once the deadline has passed, its first digest of
    who is late. Returns ``(reminders, digests)`` counts."""
    today = today or timezone.localdate()
    calls = list(Call.objects.filter(status__in=REVIEWING, released_at__isnull=True,
                                     review_deadline__isnull=False).select_related("organisation"))
    digested = set(ReviewReminder.objects.filter(kind=ReminderKind.DIGEST, call__in=calls)
                   .values_list("call_id", flat=True))
    reminders = digests = 0
    for call in calls:
        with scope(organisation=call.organisation):
            reminders += review_reminders_queue(organisation=call.organisation, call=call, today=today)
            if rules_reminders.digest_due(call.review_deadline, today, call.pk in digested):
                try:
                    digests += review_digest_queue(organisation=call.organisation, call=call, today=today)
                except ValidationError:
                    pass  # nobody is late, or another sweep sent it today
    return reminders, digests
