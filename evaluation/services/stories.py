"""Services for value-creation stories: the one place that writes a story, its steps, its workflow and the
narrator's consent. Keyword-only, ``organisation=`` first, records of another organisation refused
(django-scopes does not guard ``create()`` or forward foreign keys), one transaction, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.tenancy.guards import same_tenant as _check_tenant  # noqa: F401  (the services' tenant check)

from .. import rules
from ..models import Consent, Evidence, StoryStatus, StoryStep, ValueCreationStory


def _clean_title(title):
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give the story a title."})
    if len(title) > rules.MAX_TITLE:
        raise ValidationError({"title": f"Keep the title to {rules.MAX_TITLE} characters."})
    return title


def _clean_consent(consent):
    if consent not in ("", *Consent.values):
        raise ValidationError({"consent": "Choose how far the story may be used."})
    return consent


def _clean_cycle(key, field="cycle"):
    key = key or ""
    if key and rules.cycle(key) is None:
        raise ValidationError({field: "Choose one of the value cycles."})
    return key


def _clean_text(text, field="text"):
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: "Write what happened in this step."})
    if len(text) > rules.MAX_STEP_TEXT:
        raise ValidationError({field: f"Keep a step to {rules.MAX_STEP_TEXT} characters; add another step."})
    return text


def _evidence_of(story, evidence):
    """The evidence items, refused unless every one is of the story's organisation and community."""
    items = list(evidence or [])
    for item in items:
        if not isinstance(item, Evidence):
            raise ValidationError({"evidence": "Choose evidence from the list."})
        if item.organisation_id != story.organisation_id or item.community_id != story.community_id:
            raise ValidationError({"evidence": "Link only evidence from this story's community."})
    return items


def _indicator_values_of(story, values):
    """The indicator values, refused unless every one is of the story's organisation and community."""
    from ..models import IndicatorValue

    items = list(values or [])
    for item in items:
        if not isinstance(item, IndicatorValue):
            raise ValidationError({"indicator_values": "Choose indicator values from the list."})
        if item.organisation_id != story.organisation_id or item.indicator.community_id != story.community_id:
            raise ValidationError({"indicator_values": "Link only values of this story's community's indicators."})
    return items


def _require_narrator(story, by, what):
    if story.narrator_id != getattr(by, "pk", None):
        raise ValidationError(f"Only the story's narrator can {what}.")


def _require_writable(story, by, as_curator):
    narrator = story.narrator_id == getattr(by, "pk", None)
    if story.status == StoryStatus.APPROVED:
        raise ValidationError("This story is approved for reports; return it to shared to change it.")
    if not ((narrator and story.status == StoryStatus.DRAFT) or as_curator):
        raise ValidationError("This story is shared: take it back to draft to change it.")


def _next_position(story):
    return (StoryStep.objects.filter(story=story).aggregate(n=Max("position"))["n"] or 0) + 1


@transaction.atomic
def story_create(*, organisation, by, community, title, consent="", meeting=None):
    _check_tenant(organisation, community, meeting)
    if meeting is not None and meeting.community_id != community.pk:
        raise ValidationError("That meeting is of another community.")
    story = ValueCreationStory.objects.create(organisation=organisation, community=community, narrator=by,
                                              meeting=meeting, title=_clean_title(title),
                                              consent=_clean_consent(consent))
    audit_record(organisation=organisation, actor=by, action="story.created", target=story,
                 summary=f"In {community.name}")
    return story


@transaction.atomic
def story_create_spine(*, organisation, by, community, title, parts, consent=""):
    """A story told as a spine: ``parts`` are (part, text, cycle) in the order written, blank texts
    skipped; each becomes a step with its spine part and the cycle its author mapped it to (or none)."""
    told = [(part, (text or "").strip(), cycle) for part, text, cycle in parts if (text or "").strip()]
    problems = rules.spine_problems([(part, text) for part, text, _ in told])
    if problems:
        raise ValidationError(problems)
    for _, text, cycle in told:
        _clean_text(text)
        _clean_cycle(cycle)
    story = story_create(organisation=organisation, by=by, community=community, title=title, consent=consent)
    story.form = rules.FORM_SPINE
    story.save(update_fields=["form"])
    StoryStep.objects.bulk_create([
        StoryStep(organisation=organisation, story=story, position=n, spine_part=part, text=text, cycle=cycle or "")
        for n, (part, text, cycle) in enumerate(told, start=1)])
    return story


@transaction.atomic
def story_update(*, organisation, by, story, title, as_curator=False):
    _check_tenant(organisation, story)
    _require_writable(story, by, as_curator)
    old = story.title
    story.title = _clean_title(title)
    story.save(update_fields=["title", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="story.changed", target=story,
                 changes={"title": [old, story.title]} if old != story.title else None)
    return story


@transaction.atomic
def story_consent(*, organisation, by, story, consent):
    """The narrator gives, narrows, widens or withdraws (``""``) consent, at any time. Withdrawn, the story
    leaves every use at once (:func:`evaluation.rules.story_usable_for`) and goes back to draft."""
    _check_tenant(organisation, story)
    _require_narrator(story, by, "change the consent for it")
    consent = _clean_consent(consent)
    old = story.consent
    story.consent = consent
    fields = ["consent", "updated_at"]
    if not consent:
        story.consent_withdrawn_at = timezone.now()
        story.status = StoryStatus.DRAFT
        story.approved_by, story.approved_at = None, None
        fields += ["consent_withdrawn_at", "status", "approved_by", "approved_at"]
    elif story.status == StoryStatus.APPROVED and not story.usable_for("report"):
        story.status = StoryStatus.SHARED  # narrowed below reports: no longer approved for them
        story.approved_by, story.approved_at = None, None
        fields += ["status", "approved_by", "approved_at"]
    story.save(update_fields=fields)
    audit_record(organisation=organisation, actor=by, target=story, changes={"consent": [old, consent]},
                 action="story.consent_withdrawn" if not consent else "story.consent_changed")
    return story


@transaction.atomic
def story_delete(*, organisation, by, story):
    _check_tenant(organisation, story)
    _require_narrator(story, by, "delete it")
    if story.status != StoryStatus.DRAFT:
        raise ValidationError("Only a draft can be deleted: take the story back to draft first.")
    audit_record(organisation=organisation, actor=by, action="story.deleted", target=story)
    story.delete()


@transaction.atomic
def story_transition(*, organisation, by, story, to, as_curator=False):
    _check_tenant(organisation, story)
    story = ValueCreationStory.objects.select_for_update().get(pk=story.pk)
    problems = rules.story_transition_problems(
        story.status, to, consent=story.consent, is_narrator=story.narrator_id == getattr(by, "pk", None),
        is_evaluator=as_curator)
    if problems:
        raise ValidationError(problems)
    if to == StoryStatus.SHARED and not story.steps.exists():
        raise ValidationError("Add at least one step before you share the story.")
    old = story.status
    story.status = to
    if to == StoryStatus.APPROVED:
        story.approved_by, story.approved_at = by, timezone.now()
    else:
        story.approved_by, story.approved_at = None, None
    story.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="story.status_changed", target=story,
                 changes={"status": [old, to]})
    if story.narrator_id and story.narrator_id != getattr(by, "pk", None):
        _tell_narrator(organisation, story, old, to, by)
    return story


_TOLD = {
    "approved": "is approved for the organisation's reports. Thank you for telling it.",
    "draft": "is back with you as a draft: an evaluator or the host's staff returned it. You can change it and "
             "share it again.",
    "shared": "is no longer approved for reports; it stays shared with the community.",
}


def _tell_narrator(organisation, story, old, to, by):
    """The narrator hears when someone else moves their story (approved, returned), through the outbox."""
    from django.conf import settings
    from django.urls import reverse

    from cop_platform.email import email_queue, single_line

    link = settings.SITE_URL + reverse("evaluation:story", kwargs={
        "org": organisation.slug, "slug": story.community.slug, "story_id": story.pk})
    title = single_line(story.title, limit=120)
    email_queue(organisation=organisation, key=f"story:{story.pk}:{old}-{to}:{timezone.now():%Y%m%d%H%M%S%f}",
                to=story.narrator.email, kind="evaluation.story_status", triggered_by=by,
                subject=f"Your story “{title}”",
                body_text=f"Hello {story.narrator.display_name},\n\nYour story “{title}” {_TOLD[to]}\n\n"
                          f"Read it: {link}\n")


def _step_fields(story, *, text, cycle, aspirational, evidence_status, evidence, as_curator, indicator_values=None):
    """The step's fields and what it cites: evidence items and indicator values both corroborate a step
    (evaluation.md: "a story step can cite the indicator values or evidence items that corroborate it")."""
    items = _evidence_of(story, evidence)
    values = _indicator_values_of(story, indicator_values)
    problems = rules.evidence_status_problems(evidence_status, evidence_count=len(items) + len(values),
                                              by_evaluator=as_curator)
    if problems:
        raise ValidationError({"evidence_status": problems})
    return {"text": _clean_text(text), "cycle": _clean_cycle(cycle), "aspirational": bool(aspirational),
            "evidence_status": evidence_status}, (items, values)


@transaction.atomic
def story_step_add(*, organisation, by, story, text, cycle, aspirational=False, evidence_status="self_reported",
                   evidence=(), spine_part="", as_curator=False, indicator_values=None):
    _check_tenant(organisation, story)
    _require_writable(story, by, as_curator)
    if spine_part and spine_part not in rules.SPINE_LABELS:
        raise ValidationError({"spine_part": "Choose a part of the story spine."})
    fields, items = _step_fields(story, text=text, cycle=cycle, aspirational=aspirational,
                                 evidence_status=evidence_status, evidence=evidence, as_curator=as_curator,
                                 indicator_values=indicator_values)
    step = StoryStep.objects.create(organisation=organisation, story=story, position=_next_position(story),
                                    spine_part=spine_part, **fields)
    step.evidence.set(items[0])
    step.indicator_values.set(items[1])
    story.save(update_fields=["updated_at"])
    audit_record(organisation=organisation, actor=by, action="story.step_added", target=story,
                 summary=f"Step {step.position}")
    return step


@transaction.atomic
def story_step_update(*, organisation, by, step, text, cycle, aspirational=False, evidence_status="self_reported",
                      evidence=(), as_curator=False, indicator_values=None):
    _check_tenant(organisation, step)
    story = step.story
    _require_writable(story, by, as_curator)
    fields, items = _step_fields(story, text=text, cycle=cycle, aspirational=aspirational,
                                 evidence_status=evidence_status, evidence=evidence, as_curator=as_curator,
                                 indicator_values=indicator_values)
    for name, value in fields.items():
        setattr(step, name, value)
    step.save()
    step.evidence.set(items[0])
    if indicator_values is not None:
        step.indicator_values.set(items[1])
    story.save(update_fields=["updated_at"])
    audit_record(organisation=organisation, actor=by, action="story.step_changed", target=story,
                 summary=f"Step {step.position}")
    return step


@transaction.atomic
def story_step_delete(*, organisation, by, step, as_curator=False):
    _check_tenant(organisation, step)
    story = step.story
    _require_writable(story, by, as_curator)
    audit_record(organisation=organisation, actor=by, action="story.step_deleted", target=story,
                 summary=f"Step {step.position}")
    step.delete()
    story.save(update_fields=["updated_at"])


@transaction.atomic
def story_step_recode(*, organisation, by, step, recoded_cycle, as_curator):
    """An evaluator's reading of a step's cycle, kept beside the narrator's (never over it); blank clears it."""
    _check_tenant(organisation, step)
    if not as_curator:
        raise ValidationError("Only an evaluator or the host's staff can re-code a step.")
    old = step.recoded_cycle
    step.recoded_cycle = _clean_cycle(recoded_cycle, "recoded_cycle")
    step.recoded_by = by if step.recoded_cycle else None
    step.save(update_fields=["recoded_cycle", "recoded_by"])
    audit_record(organisation=organisation, actor=by, action="story.step_recoded", target=step.story,
                 summary=f"Step {step.position}", changes={"cycle": [old, step.recoded_cycle]})
    return step


FOLLOW_UP_TRIED = [("yes", "Yes"), ("partly", "Partly"), ("not_yet", "Not yet"), ("no", "No, and I will not")]
# What each follow-up question adds to the story, and the cycle its answer usually tells.
FOLLOW_UP_STEPS = (
    ("what_happened", "applied"),
    ("difference", "realised"),
    ("changed_good", "reframing"),
    ("helped", ""),
)


@transaction.atomic
def story_follow_up(*, organisation, by, story, tried, what_happened="", difference="", changed_good="",
                    helped=""):
    """The narrator's answers to the follow-up (evaluation.md "Follow-up"): each answer given becomes an
    achieved step of the seed's story, tagged with the cycle it usually tells (the narrator or an
    evaluator may change it after); "what helped or got in the way" is left for the narrator to place."""
    _check_tenant(organisation, story)
    _require_narrator(story, by, "answer its follow-up")
    if tried not in dict(FOLLOW_UP_TRIED):
        raise ValidationError({"tried": "Say whether you tried it."})
    answers = {"what_happened": what_happened, "difference": difference, "changed_good": changed_good,
               "helped": helped}
    if not any((v or "").strip() for v in answers.values()):
        raise ValidationError("Answer at least one of the questions: even a line helps.")
    if story.status == StoryStatus.APPROVED:
        raise ValidationError("This story is approved for reports; its evaluator can add to it.")
    position = _next_position(story)
    steps = []
    for name, cycle in FOLLOW_UP_STEPS:
        text = (answers[name] or "").strip()
        if text:
            steps.append(StoryStep(organisation=organisation, story=story, position=position,
                                   text=_clean_text(text, name), cycle=cycle))
            position += 1
    StoryStep.objects.bulk_create(steps)
    story.save(update_fields=["updated_at"])
    audit_record(organisation=organisation, actor=by, action="story.step_added", target=story,
                 summary=f"Follow-up: {len(steps)} step{'s' if len(steps) != 1 else ''}")
    return steps
