"""Value-creation stories of a community (``/<org>/communities/<slug>/value/stories/…``), the pulse after a
meeting, its follow-up, and the evaluator's list of stories (``/<org>/evaluation/stories/``)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from communities.views._common import _ctx, _posted, community_page
from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate
from cop_platform.permissions import require_role
from cop_platform.tenancy.models import Role

from .. import permissions, rules, services
from ..forms import (
    ConsentForm,
    EvaluatorStoryFilterForm,
    FollowUpForm,
    PulseForm,
    RecodeForm,
    SpineForm,
    StepForm,
    StoryForm,
    StorySearchForm,
)
from ..models import Evidence, PulseAnswer, StoryStatus, Takeaway, ValueCreationStory
from ..selectors import stories as selectors


def _submit(form, call):
    try:
        return call() or True
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _to_story(request, story):
    return redirect("evaluation:story", org=request.organisation.slug, slug=story.community.slug, story_id=story.pk)


def _meeting(community, meeting_id):
    from communities.models import Meeting

    meeting = Meeting.objects.filter(community=community, pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


# --- The pulse -------------------------------------------------------------------------------------------

@community_page(members_only=True)
def pulse(request, *, community, membership, meeting_id):
    """One short page, answered in a minute on a phone. Open to those who came (or said they would); others
    see what it is for. Editable until the follow-up is sent."""
    meeting = _meeting(community, meeting_id)
    may_answer = (membership is not None and meeting.recorded_at is not None and not meeting.is_cancelled
                  and request.user.pk in services.pulse_who_may_answer(meeting))
    mine = PulseAnswer.objects.filter(meeting=meeting, user=request.user).first()
    locked = mine is not None and mine.follow_up_queued_at is not None
    initial = {}
    if mine is not None:
        initial = {"worth_time": mine.worth_time, "could_contribute": mine.could_contribute,
                   "takeaway": mine.takeaway, "connection": mine.connection, "plan": mine.plan,
                   "follow_up_consent": mine.follow_up_consent}
    form = PulseForm(_posted(request), initial=initial)
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied("This feedback is for members who came to the meeting.")
        if form.is_valid() and _submit(form, lambda: services.pulse_answer_save(
                organisation=request.organisation, by=request.user, meeting=meeting, **form.cleaned_data)):
            messages.success(request, "Thank you: your feedback is saved. You can change it here for a while." + (
                " Your plan starts a story: find it under Stories." if form.cleaned_data["plan"] else ""))
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "evaluation/pulse.html", _ctx(
        request, meeting=meeting, form=form, may_answer=may_answer, mine=mine, locked=locked,
        can_see_results=permissions.can_see_pulse_results(request.tenant, membership, request.can_run)))


@community_page(members_only=True)
def pulse_results(request, *, community, membership, meeting_id):
    if not permissions.can_see_pulse_results(request.tenant, membership, request.can_run):
        raise PermissionDenied("Pulse results are for the community's conveners, core group and evaluators.")
    if request.method != "GET":  # permission first: a POST is never a way to learn who may read it
        return HttpResponseNotAllowed(["GET"])
    meeting = _meeting(community, meeting_id)
    summary = selectors.pulse_results(meeting=meeting)
    takeaways = [(label, summary.get("takeaways", {}).get(key, 0)) for key, label in Takeaway.choices]
    return render(request, "evaluation/pulse_results.html", _ctx(
        request, meeting=meeting, summary=summary, takeaways=takeaways))


# --- Stories of a community -----------------------------------------------------------------------------

@community_page(members_only=True, methods=("GET",))
def stories(request, *, community, membership):
    form = StorySearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    curator = permissions.is_curator(request.tenant)
    page = paginate(request, selectors.stories_of_community(community=community, user=request.user,
                                                             curator=curator, member=membership is not None, q=q))
    for story in page:
        story.furthest = selectors.furthest(story)
    template = "evaluation/stories.html#results" if request.htmx else "evaluation/stories.html"
    return render(request, template, _ctx(
        request, page=page, form=form, query=q, query_string=urlencode({"q": q}),
        can_start=permissions.can_start_story(request.tenant, membership)))


def _check_can_start(request, membership):
    if not permissions.can_start_story(request.tenant, membership):
        raise PermissionDenied("Members of the community write its stories.")


@community_page(members_only=True)
def story_new(request, *, community, membership):
    _check_can_start(request, membership)
    form = StoryForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        created = _submit(form, lambda: services.story_create(
            organisation=request.organisation, by=request.user, community=community, **form.cleaned_data))
        if created:
            messages.success(request, "Your story is started. Add its steps, one cycle at a time.")
            return _to_story(request, created)
    return render(request, "evaluation/story_new.html", _ctx(request, form=form, prompts=rules.STEP_PROMPTS))


@community_page(members_only=True)
def story_spine(request, *, community, membership):
    _check_can_start(request, membership)
    form = SpineForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = _submit(form, lambda: services.story_create_spine(
            organisation=request.organisation, by=request.user, community=community, title=data["title"],
            consent=data["consent"], parts=form.parts()))
        if created:
            messages.success(request, "Your story is saved, part by part. Check the cycle of each part.")
            return _to_story(request, created)
    return render(request, "evaluation/story_spine.html", _ctx(request, form=form))


def _story(request, community, membership, story_id):
    story = selectors.story_detail(community=community, story_id=story_id)
    if story is None or not permissions.can_see_story(request.tenant, story, request.user, membership):
        raise Http404("No such story.")
    return story


@community_page(members_only=True)
def story(request, *, community, membership, story_id):
    """A story step by step, the narrator's and the evaluator's cycles side by side; its workflow (share,
    approve, return) is a POST of ``to`` here."""
    story = _story(request, community, membership, story_id)
    curator = permissions.is_curator(request.tenant)
    narrator = permissions.is_narrator(story, request.user)
    if request.method == "POST":
        to = request.POST.get("to", "")
        if not (narrator or curator):
            raise PermissionDenied("Only the narrator, an evaluator or the host's staff can move a story.")
        try:
            services.story_transition(organisation=request.organisation, by=request.user, story=story, to=to,
                                      as_curator=curator)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, {"shared": "The story is shared with the community.",
                                       "approved": "The story is approved for reports.",
                                       "draft": "The story is back to draft."}.get(to, "Done."))
        return _to_story(request, story)
    steps = list(story.steps.all())
    return render(request, "evaluation/story.html", _ctx(
        request, story=story, steps=steps, curator=curator, narrator=narrator,
        furthest=rules.furthest_cycle((s.cycle, s.recoded_cycle, s.aspirational) for s in steps),
        evidence_status=rules.story_evidence_status([s.evidence_status for s in steps if not s.aspirational]),
        can_write=permissions.can_write_steps(request.tenant, story, request.user),
        uses={use: story.usable_for(use) for use in rules.USES}, recode_form=RecodeForm()))


def _writable(request, story):
    if not permissions.can_write_steps(request.tenant, story, request.user):
        if permissions.is_narrator(story, request.user) or permissions.is_curator(request.tenant):
            messages.error(request, "This story is shared or approved: take it back to draft to change it.")
            return False
        raise PermissionDenied("Only the narrator changes their story, while it is a draft.")
    return True


def _require_writer(request, story):
    if not (permissions.is_narrator(story, request.user) or permissions.is_curator(request.tenant)):
        raise PermissionDenied("Only the narrator, an evaluator or the host's staff can change a story.")


@community_page(members_only=True)
def story_edit(request, *, community, membership, story_id):
    """The title, and (the narrator's alone, at any time) consent: withdrawn, the story leaves every use."""
    story = _story(request, community, membership, story_id)
    _require_writer(request, story)
    narrator = permissions.is_narrator(story, request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    form = StoryForm(request.POST if action == "title" else None, initial={"title": story.title})
    form.fields.pop("consent")
    consent_form = ConsentForm(request.POST if action == "consent" else None, initial={"consent": story.consent})
    if action == "consent":
        if not narrator:
            raise PermissionDenied("Only the narrator gives or withdraws consent.")
        if consent_form.is_valid() and _submit(consent_form, lambda: services.story_consent(
                organisation=request.organisation, by=request.user, story=story, **consent_form.cleaned_data)):
            messages.success(request, "Your consent is changed." if story.consent else
                             "Your consent is withdrawn: the story is back to draft and leaves every report.")
            return _to_story(request, story)
    elif action == "title":
        if not _writable(request, story):
            return _to_story(request, story)
        if form.is_valid() and _submit(form, lambda: services.story_update(
                organisation=request.organisation, by=request.user, story=story, title=form.cleaned_data["title"],
                as_curator=permissions.is_curator(request.tenant))):
            messages.success(request, "The story is changed.")
            return _to_story(request, story)
    elif request.method == "POST":
        messages.error(request, "Choose what to change.")
    return render(request, "evaluation/story_edit.html", _ctx(
        request, story=story, form=form, consent_form=consent_form, narrator=narrator,
        can_write=permissions.can_write_steps(request.tenant, story, request.user)))


@community_page(members_only=True)
def story_delete(request, *, community, membership, story_id):
    story = _story(request, community, membership, story_id)
    if not permissions.is_narrator(story, request.user):
        raise PermissionDenied("Only the narrator can delete their story.")
    if story.status != StoryStatus.DRAFT:
        messages.error(request, "Only a draft can be deleted: take the story back to draft first.")
        return _to_story(request, story)
    if request.method == "POST":
        services.story_delete(organisation=request.organisation, by=request.user, story=story)
        messages.success(request, "The story is deleted.")
        return redirect("evaluation:stories", org=request.organisation.slug, slug=community.slug)
    return render(request, "communities/confirm_delete.html", _ctx(
        request, kind="story", title=story.title, cancel_url=request.path.rsplit("delete/", 1)[0]))


def _evidence_items(community):
    return Evidence.objects.filter(community=community).order_by("-date", "-id")


def _indicator_values(community):
    """Values recorded for the community's own indicators, newest first (bounded: a form is not a list)."""
    from ..models import IndicatorValue

    return (IndicatorValue.objects.filter(indicator__community=community).select_related("indicator")
            .order_by("-date", "-id"))


@community_page(members_only=True)
def story_step(request, *, community, membership, story_id, step_id=None):
    """Add a step (``step_id`` None) or change one; an evaluator's re-coding is a POST of ``recoded_cycle``
    with ``action=recode`` (it never changes the narrator's cycle)."""
    story = _story(request, community, membership, story_id)
    _require_writer(request, story)
    step = None
    if step_id is not None:
        step = next((s for s in story.steps.all() if s.pk == step_id), None)
        if step is None:
            raise Http404("No such step.")
    curator = permissions.is_curator(request.tenant)
    if request.method == "POST" and request.POST.get("action") == "recode":
        if step is None or not curator:
            raise PermissionDenied("Only an evaluator or the host's staff can re-code a step.")
        recode = RecodeForm(request.POST)
        if recode.is_valid() and _submit(recode, lambda: services.story_step_recode(
                organisation=request.organisation, by=request.user, step=step, as_curator=True,
                **recode.cleaned_data)):
            messages.success(request, "The step is re-coded; the narrator's cycle stays beside yours.")
        else:
            messages.error(request, " ".join(str(e) for errors in recode.errors.values() for e in errors))
        return _to_story(request, story)
    if not _writable(request, story):
        return _to_story(request, story)
    initial = {}
    if step is not None:
        initial = {"text": step.text, "cycle": step.cycle, "aspirational": step.aspirational,
                   "evidence_status": step.evidence_status, "evidence": [e.pk for e in step.evidence.all()],
                   "indicator_values": [v.pk for v in step.indicator_values.all()]}
    elif request.GET.get("cycle") in rules.CYCLE_BY_KEY:
        initial = {"cycle": request.GET["cycle"]}
    form = StepForm(_posted(request), initial=initial, evidence_items=_evidence_items(community),
                    indicator_values=_indicator_values(community))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if step is None:
            done = _submit(form, lambda: services.story_step_add(
                organisation=request.organisation, by=request.user, story=story, as_curator=curator, **data))
        else:
            done = _submit(form, lambda: services.story_step_update(
                organisation=request.organisation, by=request.user, step=step, as_curator=curator, **data))
        if done:
            messages.success(request, "The step is saved.")
            return _to_story(request, story)
    return render(request, "evaluation/story_step.html", _ctx(
        request, story=story, step=step, form=form, prompts=rules.STEP_PROMPTS))


@community_page(members_only=True)
def story_step_delete(request, *, community, membership, story_id, step_id):
    story = _story(request, community, membership, story_id)
    _require_writer(request, story)
    step = next((s for s in story.steps.all() if s.pk == step_id), None)
    if step is None:
        raise Http404("No such step.")
    if not _writable(request, story):
        return _to_story(request, story)
    if request.method == "POST":
        services.story_step_delete(organisation=request.organisation, by=request.user, step=step,
                                   as_curator=permissions.is_curator(request.tenant))
        messages.success(request, "The step is deleted.")
        return _to_story(request, story)
    return render(request, "communities/confirm_delete.html", _ctx(
        request, kind="step", title=step.text[:60], cancel_url=request.path.rsplit("steps/", 1)[0]))


@community_page(members_only=True)
def story_follow_up(request, *, community, membership, story_id):
    """The narrator's follow-up, about six weeks after the pulse: answers become steps of the story."""
    story = _story(request, community, membership, story_id)
    if not permissions.is_narrator(story, request.user):
        raise PermissionDenied("The follow-up is for the story's narrator.")
    if story.status == StoryStatus.APPROVED:
        messages.error(request, "This story is approved for reports; its evaluator can add to it.")
        return _to_story(request, story)
    form = FollowUpForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if _submit(form, lambda: services.story_follow_up(
                organisation=request.organisation, by=request.user, story=story, **form.cleaned_data)):
            messages.success(request, "Thank you: your answers are added to your story. Check their cycles.")
            return _to_story(request, story)
    return render(request, "evaluation/story_follow_up.html", _ctx(
        request, story=story, form=form, plan=next((s.text for s in story.steps.all() if s.aspirational), "")))


# --- The evaluator's list ---------------------------------------------------------------------------------

@require_role(Role.EVALUATOR, Role.ADMIN, Role.PROJECT_MANAGER)
def evaluator_stories(request, org):
    from communities.models import Community

    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    # Only communities that have stories: an organisation may have thousands of communities.
    communities = list(Community.objects.filter(organisation=request.organisation,
                                                pk__in=ValueCreationStory.objects.values("community_id"))
                       .order_by("name").only("slug", "name"))
    form = EvaluatorStoryFilterForm(request.GET or None, communities=communities)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: filters.get(k) or "" for k in ("q", "community", "status", "cycle")} | {
        "waiting": bool(filters.get("waiting"))}
    page = paginate(request, selectors.stories_for_evaluator(organisation=request.organisation, **filters))
    for story in page:
        story.furthest = selectors.furthest(story)
    query_string = urlencode({k: v for k, v in filters.items() if k != "waiting"} | (
        {"waiting": "on"} if filters["waiting"] else {}))
    template = "evaluation/evaluator_stories.html#results" if request.htmx else "evaluation/evaluator_stories.html"
    return render(request, template, {"page": page, "form": form, "query_string": query_string,
                                      "now": timezone.now()})
