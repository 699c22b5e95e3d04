"""The post-meeting pulse (evaluation.md "Instruments"): offered when a meeting's record is saved, answered
in about a minute, one answer per member per meeting; a plan to try starts a story seed, followed up
about six weeks later (``CONVENE_PULSE_FOLLOWUP_DAYS``) when the person agreed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from .. import rules
from ..models import PulseAnswer, StoryStep, Takeaway, ValueCreationStory
from .stories import _check_tenant

PULSE_KIND = "evaluation.pulse"
FOLLOW_UP_KIND = "evaluation.pulse_follow_up"


def followup_days():
    return int(getattr(settings, "CONVENE_PULSE_FOLLOWUP_DAYS", 42))


def pulse_who_may_answer(meeting):
    """The user ids who may answer a meeting's pulse: those recorded as attending and those who said they
    were coming — still members of the community (a pulse is about a meeting one was at)."""
    from communities.models import Attendance, MeetingResponse, Membership

    came = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    came |= set(MeetingResponse.objects.filter(meeting=meeting, answer="yes").values_list("user_id", flat=True))
    return set(Membership.objects.filter(community_id=meeting.community_id, user_id__in=came)
               .values_list("user_id", flat=True))


def pulse_offer(*, organisation, meeting):
    """Queue the pulse e-mail to each person who may answer and has not turned off meeting e-mails, once
    per person and meeting (the outbox key), composed at send time. Called in the transaction that saves
    the meeting's record."""
    from django.contrib.auth import get_user_model

    from communities.models import NotificationPreference
    from cop_platform.email import email_queue

    _check_tenant(organisation, meeting)
    if meeting.recorded_at is None or meeting.is_cancelled:
        return 0
    opted_out = set(NotificationPreference.objects.filter(organisation=organisation, meeting_emails=False)
                    .values_list("user_id", flat=True))
    answered = set(PulseAnswer.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    ids = pulse_who_may_answer(meeting) - opted_out - answered
    users = get_user_model().objects.filter(pk__in=ids).order_by("pk")
    for user in users:
        email_queue(organisation=organisation, key=f"pulse:{meeting.pk}:{user.pk}", to=user.email,
                    kind=PULSE_KIND, composer=PULSE_KIND, ref_id=f"{meeting.pk}:{user.pk}",
                    subject="A minute's feedback on the meeting")
    return len(ids)


def _scale(value, field):
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: "Choose a number from 1 to 5."}) from None
    if value not in rules.SCALE:
        raise ValidationError({field: "Choose a number from 1 to 5."})
    return value


@transaction.atomic
def pulse_answer_save(*, organisation, by, meeting, worth_time, could_contribute, takeaway="", connection="",
                      plan="", follow_up_consent=False):
    """Save (or change) ``by``'s pulse answer for ``meeting``. Something they plan to try starts (or
    updates) a story seed: a draft story in the community with that plan as an aspirational step."""
    _check_tenant(organisation, meeting)
    if meeting.recorded_at is None or meeting.is_cancelled:
        raise ValidationError("Feedback opens once the meeting's record is saved.")
    if by.pk not in pulse_who_may_answer(meeting):
        raise ValidationError("This feedback is for members who came to the meeting.")
    answer = PulseAnswer.objects.select_for_update().filter(meeting=meeting, user=by).first()
    if answer is not None and answer.follow_up_queued_at is not None:
        raise ValidationError("Your answer can no longer be changed: the follow-up has been sent.")
    if takeaway not in ("", *Takeaway.values):
        raise ValidationError({"takeaway": "Choose an idea, a tool, a contact or confidence."})
    connection = " ".join((connection or "").split())
    if len(connection) > 200:
        raise ValidationError({"connection": "Keep it short: their organisation or profession, up to 200 characters."})
    plan = (plan or "").strip()
    if len(plan) > rules.MAX_PLAN:
        raise ValidationError({"plan": f"Keep it to {rules.MAX_PLAN} characters."})
    fields = {"worth_time": _scale(worth_time, "worth_time"),
              "could_contribute": _scale(could_contribute, "could_contribute"), "takeaway": takeaway,
              "connection": connection, "plan": plan, "follow_up_consent": bool(follow_up_consent and plan)}
    created = answer is None
    if created:
        answer = PulseAnswer(organisation=organisation, community_id=meeting.community_id, meeting=meeting,
                             user=by, **fields)
    else:
        for name, value in fields.items():
            setattr(answer, name, value)
    answer.save()
    _seed(organisation, by, meeting, answer)
    if created:
        audit_record(organisation=organisation, actor=by, action="pulse.answered", target=meeting)
    return answer


def _seed(organisation, by, meeting, answer):
    """Start, update or leave the answer's story seed: its first step is the plan, aspirational."""
    story = answer.story
    if not answer.plan:
        if story is not None and story.status == "draft" and story.steps.count() <= 1:
            answer.story = None
            answer.save(update_fields=["story"])
            story.delete()
        return
    if story is None:
        title = " ".join(answer.plan.split())
        story = ValueCreationStory.objects.create(
            organisation=organisation, community_id=meeting.community_id, meeting=meeting, narrator=by,
            title=(title[:rules.MAX_TITLE - 1] + "…") if len(title) > rules.MAX_TITLE else title)
        answer.story = story
        answer.save(update_fields=["story"])
        audit_record(organisation=organisation, actor=by, action="story.created", target=story,
                     summary="A story seed from the pulse after a meeting")
    first = story.steps.order_by("position", "id").first()
    if first is not None and first.aspirational:
        first.text = answer.plan
        first.save(update_fields=["text"])
    elif first is None:
        StoryStep.objects.create(organisation=organisation, story=story, position=1, text=answer.plan,
                                 cycle="applied", aspirational=True)


def pulse_followups_queue(*, now=None):
    """Queue the follow-up e-mail of every answer that is due (:func:`evaluation.rules.pulse_followup_due`),
    in every organisation, once each: the answer is claimed by a conditional update (``follow_up_queued_at``
    still empty) in the same transaction as its outbox row, so two sweeps never queue it twice. Call with
    scopes disabled (the beat task does); each organisation's rows are written inside its scope."""
    from datetime import timedelta

    from django_scopes import scope

    from cop_platform.email import email_queue

    now = now or timezone.now()
    cutoff = now - timedelta(days=followup_days())
    due = list(PulseAnswer.objects.filter(follow_up_consent=True, follow_up_queued_at__isnull=True,
                                          story__isnull=False, created_at__lte=cutoff)
               .select_related("organisation", "user").order_by("pk")[:500])
    queued = 0
    for answer in due:
        if not rules.pulse_followup_due(answered_at=answer.created_at, now=now, days=followup_days(),
                                        consent=answer.follow_up_consent, has_seed=answer.story_id is not None,
                                        queued_at=answer.follow_up_queued_at):
            continue
        with scope(organisation=answer.organisation), transaction.atomic():
            claimed = PulseAnswer.objects.filter(pk=answer.pk, follow_up_queued_at__isnull=True).update(
                follow_up_queued_at=now)
            if not claimed:
                continue
            email_queue(organisation=answer.organisation, key=f"pulse-follow-up:{answer.pk}", to=answer.user.email,
                        kind=FOLLOW_UP_KIND, composer=FOLLOW_UP_KIND, ref_id=answer.pk,
                        subject="How did it go? A follow-up to your plan")
            queued += 1
    return queued
