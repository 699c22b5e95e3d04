"""Value-creation stories: written step by step or as a spine; who sees what (drafts their narrator's,
shared ones the community's, other communities' unapproved ones never); the workflow and consent; an
evaluator's re-coding beside the narrator's cycle; evidence of the same community only; bad input refused
with a message and nothing changed; the evaluator's list; flat query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from cop_platform.models import AuditEvent, OutgoingEmail
from evaluation import services
from evaluation.models import StoryStep, ValueCreationStory
from tests.evaluation.builders_stories import HOSTILE, evidence, story, url
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat


def steps_of(made):
    with scopes_disabled():
        return list(StoryStep.objects.filter(story=made).order_by("position")
                    .values_list("text", "cycle", "recoded_cycle", "aspirational", "evidence_status"))


def reload(made):
    with scopes_disabled():
        return ValueCreationStory.objects.filter(pk=made.pk).first()


def evaluator_list(tenant, **params):
    return reverse("evaluation:evaluator_stories", kwargs={"org": tenant.organisation.slug}), params


# --- Writing ----------------------------------------------------------------------------------------------

def test_a_member_writes_a_story_step_by_step(world, client_for):
    client = client_for(world.a.member)
    response = client.post(url(world.a, "story_new"), {"title": "Faster antibiotics", "consent": "report"})
    assert response.status_code == 302
    with scopes_disabled():
        made = ValueCreationStory.objects.get()
    assert (made.narrator, made.status, made.consent) == (world.a.member, "draft", "report")
    for text, cycle in [("The practice exchange on screening", "immediate"), ("A laminated checklist", "potential"),
                        ("We used it on nights", "applied")]:
        assert client.post(url(world.a, "story_step_add", story_id=made.pk),
                           {"text": text, "cycle": cycle, "evidence_status": "self_reported"}).status_code == 302
    assert [s[:2] for s in steps_of(made)] == [
        ("The practice exchange on screening", "immediate"), ("A laminated checklist", "potential"),
        ("We used it on nights", "applied")]
    text = client.get(url(world.a, "story", story_id=made.pk)).content.decode()
    assert 'data-testid="story-furthest">applied value' in text
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="story.step_added").count() == 3


def test_a_story_spine_becomes_steps_mapped_to_the_cycles_the_author_chose(world, client_for):
    client = client_for(world.a.member)
    data = {"title": "The chart", "consent": "community", "once_0": "We screened by feel", "once_0_cycle": "",
            "one_day_0": "A paramedic showed us their chart", "one_day_0_cycle": "immediate",
            "because_0": "We adapted it", "because_0_cycle": "potential",
            "because_1": "We used it every shift", "because_1_cycle": "applied",
            "until_0": "Screening within the hour rose", "until_0_cycle": "realised",
            "ever_since_0": "The trust audits it monthly", "ever_since_0_cycle": "reframing"}
    assert client.post(url(world.a, "story_spine"), data).status_code == 302
    with scopes_disabled():
        made = ValueCreationStory.objects.get()
        parts = list(made.steps.values_list("spine_part", "cycle"))
    assert made.form == "spine"
    assert parts == [("once", ""), ("one_day", "immediate"), ("because", "potential"), ("because", "applied"),
                     ("until", "realised"), ("ever_since", "reframing")]
    assert "Once upon a time…" in client.get(url(world.a, "story", story_id=made.pk)).content.decode()


def test_a_spine_without_its_day_is_refused(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "story_spine"), {"title": "T", "once_0": "Once"})
    assert "Tell “One day…”" in response.content.decode()
    with scopes_disabled():
        assert ValueCreationStory.objects.count() == 0


@pytest.mark.parametrize(("data", "message"), [
    ({"text": "", "cycle": "applied", "evidence_status": "self_reported"}, "Write what happened in this step"),
    ({"text": "x" * 3001, "cycle": "applied", "evidence_status": "self_reported"}, "Keep a step to 3000 characters"),
    ({"text": "Used it", "cycle": "heroic", "evidence_status": "self_reported"}, "Choose one of the value cycles"),
    ({"text": "Used it", "evidence_status": "self_reported"}, "Choose the value cycle this step tells"),
    ({"text": "Used it", "cycle": "applied", "evidence_status": "corroborated"}, "Link at least one evidence item"),
    ({"text": "Used it", "cycle": "applied", "evidence_status": "proven"}, "Choose self-reported, corroborated"),
    ({"text": "Used it", "cycle": "applied", "evidence_status": "self_reported", "evidence": ["abc"]},
     "Choose evidence from the list"),
])
def test_bad_step_input_is_refused_with_a_message_and_nothing_saved(world, client_for, data, message):
    made = story(world.a, steps=())
    response = client_for(world.a.member).post(url(world.a, "story_step_add", story_id=made.pk), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert steps_of(made) == []


def test_only_an_evaluator_verifies_a_step(world, client_for):
    made = story(world.a, steps=())
    item = evidence(world.a)
    data = {"text": "Audit shows it", "cycle": "realised", "evidence_status": "verified", "evidence": [item.pk]}
    response = client_for(world.a.member).post(url(world.a, "story_step_add", story_id=made.pk), data)
    assert "can mark a step verified" in response.content.decode()
    assert client_for(world.a.evaluator).post(url(world.a, "story_step_add", story_id=made.pk), data).status_code == 302
    assert steps_of(made) == [("Audit shows it", "realised", "", False, "verified")]


def test_evidence_of_another_community_or_tenant_is_refused(world, client_for):
    made = story(world.a, steps=())
    elsewhere = evidence(world.a, community=world.a.unlisted, title="Quiet circle minutes")
    other_tenant = evidence(world.b, title="Beta audit")
    client = client_for(world.a.member)
    for item in (elsewhere, other_tenant):
        data = {"text": "It helped", "cycle": "applied", "evidence_status": "corroborated", "evidence": [item.pk]}
        response = client.post(url(world.a, "story_step_add", story_id=made.pk), data)
        assert response.status_code == 200 and "Choose evidence from the list" in response.content.decode()
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="this story's community"):
        services.story_step_add(organisation=world.a.organisation, by=world.a.member, story=made, text="x",
                                cycle="applied", evidence=[elsewhere])
    assert steps_of(made) == []


def test_hostile_html_in_a_story_is_shown_as_text(world, client_for):
    made = story(world.a, title=HOSTILE, steps=())
    client = client_for(world.a.member)
    client.post(url(world.a, "story_step_add", story_id=made.pk),
                {"text": HOSTILE, "cycle": "applied", "evidence_status": "self_reported"})
    assert steps_of(made)[0][0] == HOSTILE
    for page in (url(world.a, "story", story_id=made.pk), url(world.a, "stories")):
        text = client.get(page).content.decode()
        assert HOSTILE not in text and "&lt;script&gt;" in text


@pytest.mark.parametrize(("title", "message"), [("", "Give the story a title"),
                                                ("x" * 201, "Keep the title to 200 characters")])
def test_an_empty_or_huge_title_is_refused(world, client_for, title, message):
    response = client_for(world.a.member).post(url(world.a, "story_new"), {"title": title})
    assert message in response.content.decode()
    with scopes_disabled():
        assert ValueCreationStory.objects.count() == 0


def test_services_refuse_records_of_another_tenant(world):
    made_b = story(world.b)
    with scope(organisation=world.a.organisation):
        with pytest.raises(ValidationError, match="another organisation"):
            services.story_step_add(organisation=world.a.organisation, by=world.a.member, story=made_b, text="x",
                                    cycle="applied")
        with pytest.raises(ValidationError, match="another organisation"):
            services.story_create(organisation=world.a.organisation, by=world.a.member, community=world.b.community,
                                  title="x")


# --- Who sees what ----------------------------------------------------------------------------------------

def test_a_draft_is_its_narrators_and_the_evaluators_only(world, client_for):
    made = story(world.a)
    page = url(world.a, "story", story_id=made.pk)
    assert client_for(world.a.member).get(page).status_code == 200
    assert client_for(world.a.evaluator).get(page).status_code == 200
    assert client_for(world.a.project_manager).get(page).status_code == 200
    assert client_for(world.a.convener).get(page).status_code == 404
    assert "Sepsis screening" not in client_for(world.a.convener).get(url(world.a, "stories")).content.decode()


def test_a_shared_story_is_the_communitys_and_never_another_communitys(world, client_for):
    made = story(world.a, status="shared")
    assert client_for(world.a.convener).get(url(world.a, "story", story_id=made.pk)).status_code == 200
    assert "Sepsis screening" in client_for(world.a.convener).get(url(world.a, "stories")).content.decode()
    outsider = client_for(world.a.outsider)
    assert outsider.get(url(world.a, "story", story_id=made.pk)).status_code == 403  # members-only pages
    # Another community's members, via their own community's URL: not found.
    other = CommunityFactory(organisation=world.a.organisation, name="Falls", slug="falls")
    stranger = member_of(other, email="falls@tenant-a.example.org")
    assert client_for(stranger).get(url(world.a, "story", community=other, story_id=made.pk)).status_code == 404
    assert client_for(world.b.member).get(url(world.a, "story", story_id=made.pk)).status_code == 404


def test_a_story_without_consent_is_not_shown_to_the_community(world, client_for):
    made = story(world.a, status="shared")
    with scope(organisation=world.a.organisation):
        services.story_consent(organisation=world.a.organisation, by=world.a.member, story=made, consent="")
    assert client_for(world.a.convener).get(url(world.a, "story", story_id=made.pk)).status_code == 404


# --- Workflow and consent --------------------------------------------------------------------------------

def test_share_then_approve_for_reports(world, client_for):
    made = story(world.a)
    page = url(world.a, "story", story_id=made.pk)
    assert client_for(world.a.member).post(page, {"to": "approved"}).status_code == 302
    assert reload(made).status == "draft"  # the narrator does not approve
    client_for(world.a.member).post(page, {"to": "shared"})
    assert reload(made).status == "shared"
    assert client_for(world.a.convener).post(page, {"to": "approved"}).status_code == 403
    client_for(world.a.evaluator).post(page, {"to": "approved"})
    approved = reload(made)
    assert approved.status == "approved" and approved.approved_by == world.a.evaluator
    assert approved.usable_for("report") and not approved.usable_for("public")
    with scopes_disabled():  # the narrator is told, through the outbox (not when they move it themselves)
        [told] = OutgoingEmail.objects.filter(kind="evaluation.story_status")
    assert told.to == world.a.member.email and "approved for the organisation's reports" in told.body_text


def test_a_story_whose_consent_stops_at_the_community_cannot_be_approved(world, client_for):
    made = story(world.a, consent="community", status="shared")
    response = client_for(world.a.evaluator).post(url(world.a, "story", story_id=made.pk), {"to": "approved"},
                                                  follow=True)
    assert "has not agreed to the story being used in reports" in response.content.decode()
    assert reload(made).status == "shared"


def test_withdrawn_consent_takes_the_story_out_of_reports_at_once(world, client_for):
    made = story(world.a, status="approved")
    assert reload(made).usable_for("report")
    response = client_for(world.a.member).post(url(world.a, "story_edit", story_id=made.pk),
                                               {"action": "consent", "consent": ""})
    assert response.status_code == 302
    withdrawn = reload(made)
    assert withdrawn.consent == "" and withdrawn.consent_withdrawn_at is not None
    assert withdrawn.status == "draft" and not any(withdrawn.usable_for(use) for use in ("community", "report"))
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="story.consent_withdrawn").count() == 1


def test_only_the_narrator_changes_consent(world, client_for):
    made = story(world.a, status="shared")
    response = client_for(world.a.evaluator).post(url(world.a, "story_edit", story_id=made.pk),
                                                  {"action": "consent", "consent": "public"})
    assert response.status_code == 403 and reload(made).consent == "report"


def test_the_narrator_edits_and_deletes_only_while_draft(world, client_for):
    made = story(world.a, status="shared")
    client = client_for(world.a.member)
    client.post(url(world.a, "story_edit", story_id=made.pk), {"action": "title", "title": "New"})
    assert reload(made).title == "Sepsis screening on ward 4"
    assert client.post(url(world.a, "story_delete", story_id=made.pk)).status_code == 302
    assert reload(made) is not None
    client.post(url(world.a, "story", story_id=made.pk), {"to": "draft"})
    client.post(url(world.a, "story_edit", story_id=made.pk), {"action": "title", "title": "New"})
    assert reload(made).title == "New"
    assert client.post(url(world.a, "story_delete", story_id=made.pk)).status_code == 302
    assert reload(made) is None


def test_someone_else_cannot_edit_or_delete_a_shared_story(world, client_for):
    made = story(world.a, status="shared")
    client = client_for(world.a.convener)
    edit = url(world.a, "story_edit", story_id=made.pk)
    assert client.post(edit, {"action": "title", "title": "X"}).status_code == 403
    assert client.post(url(world.a, "story_delete", story_id=made.pk)).status_code == 403
    assert client.post(url(world.a, "story_step_add", story_id=made.pk),
                       {"text": "x", "cycle": "applied", "evidence_status": "self_reported"}).status_code == 403
    assert reload(made).title == "Sepsis screening on ward 4" and len(steps_of(made)) == 1


# --- Re-coding --------------------------------------------------------------------------------------------

def test_an_evaluator_recodes_a_step_beside_the_narrators_cycle(world, client_for):
    made = story(world.a, steps=("reframing",), status="shared")
    with scopes_disabled():
        step = StoryStep.objects.get(story=made)
    client = client_for(world.a.evaluator)
    response = client.post(url(world.a, "story_step", story_id=made.pk, step_id=step.pk),
                           {"action": "recode", "recoded_cycle": "applied"}, follow=True)
    text = response.content.decode()
    assert steps_of(made)[0][1:3] == ("reframing", "applied")
    assert 'data-testid="step-cycle">Reframing value' in text and 'data-testid="step-recoded">Applied value' in text
    assert 'data-testid="story-furthest">applied value' in text
    client.post(url(world.a, "story_step", story_id=made.pk, step_id=step.pk),
                {"action": "recode", "recoded_cycle": "made-up"})
    assert steps_of(made)[0][2] == "applied"


def test_the_narrator_cannot_recode(world, client_for):
    made = story(world.a, steps=("applied",))
    with scopes_disabled():
        step = StoryStep.objects.get(story=made)
    response = client_for(world.a.member).post(url(world.a, "story_step", story_id=made.pk, step_id=step.pk),
                                               {"action": "recode", "recoded_cycle": "reframing"})
    assert response.status_code == 403 and steps_of(made)[0][2] == ""


# --- Lists ------------------------------------------------------------------------------------------------

def test_the_evaluators_list_filters_by_community_status_cycle_and_waiting(world, client_for):
    story(world.a, title="Drafted", steps=("immediate",))
    story(world.a, title="Shared one", steps=("applied",), status="shared")
    story(world.a, title="Approved one", steps=("realised",), status="approved")
    member_of(world.a.unlisted, user=world.a.member)
    story(world.a, title="Quiet one", community=world.a.unlisted, steps=("potential",), status="shared")
    story(world.b, title="Beta story", status="shared")
    client = client_for(world.a.evaluator)
    page = reverse("evaluation:evaluator_stories", kwargs={"org": world.a.organisation.slug})

    def titles(**params):
        text = client.get(page, params).content.decode()
        return {t for t in ("Drafted", "Shared one", "Approved one", "Quiet one", "Beta story") if t in text}

    assert titles() == {"Drafted", "Shared one", "Approved one", "Quiet one"}
    assert titles(community="quiet-circle") == {"Quiet one"}
    assert titles(status="approved") == {"Approved one"}
    assert titles(cycle="applied") == {"Shared one"}
    assert titles(waiting="on") == {"Shared one", "Quiet one"}
    assert titles(q="approved") == {"Approved one"}
    assert titles(status="nonsense") == {"Drafted", "Shared one", "Approved one", "Quiet one"}


def test_the_evaluators_list_is_for_evaluators_and_host_staff(world, client_for):
    page = reverse("evaluation:evaluator_stories", kwargs={"org": world.a.organisation.slug})
    assert client_for(world.a.project_manager).get(page).status_code == 200
    assert client_for(world.a.convener).get(page).status_code == 403
    assert client_for(world.a.member).get(page).status_code == 403


def test_the_community_list_searches(world, client_for):
    story(world.a, title="Escalation chart", status="shared")
    story(world.a, title="Huddles", status="shared")
    text = client_for(world.a.convener).get(url(world.a, "stories"), {"q": "chart"}).content.decode()
    assert "Escalation chart" in text and "Huddles" not in text


def test_story_lists_query_counts_do_not_grow_with_stories(world, client_for, settings):
    settings.PAGINATE_BY = 50
    for n in range(3):
        story(world.a, title=f"Story {n}", steps=("immediate", "applied"), status="shared")

    def grow():
        for n in range(3, 9):
            story(world.a, title=f"Story {n}", steps=("immediate", "potential", "realised"), status="approved")

    before, _ = assert_queries_flat(client_for(world.a.convener), url(world.a, "stories"), grow)
    assert before <= 25
    page = reverse("evaluation:evaluator_stories", kwargs={"org": world.a.organisation.slug})

    def grow_more():
        for n in range(9, 12):
            story(world.a, title=f"Story {n}", steps=("immediate",), status="shared")

    before, _ = assert_queries_flat(client_for(world.a.evaluator), page, grow_more)
    assert before <= 25


def test_a_storys_page_query_count_does_not_grow_with_steps_and_evidence(world, client_for):
    made = story(world.a, steps=("immediate",), status="shared")
    items = [evidence(world.a, title=f"Item {n}") for n in range(3)]

    def grow():
        with scope(organisation=world.a.organisation):
            for cycle in ("potential", "applied", "realised"):
                services.story_step_add(organisation=world.a.organisation, by=world.a.evaluator, story=made,
                                        text=cycle, cycle=cycle, evidence_status="corroborated", evidence=items,
                                        as_curator=True)

    before, _ = assert_queries_flat(client_for(world.a.evaluator), url(world.a, "story", story_id=made.pk), grow)
    assert before <= 30


def test_outside_the_community_pages_opened_to_the_organisation_show_only_what_may_go_in_reports(world, client_for):
    from communities.models import Community

    shared = story(world.a, title="Only for us", consent="community", status="shared")
    approved = story(world.a, title="For the reports", status="approved")
    with scopes_disabled():
        Community.objects.filter(pk=world.a.community.pk).update(content_open=True)
    client = client_for(world.a.outsider)
    text = client.get(url(world.a, "stories")).content.decode()
    assert "For the reports" in text and "Only for us" not in text
    assert client.get(url(world.a, "story", story_id=shared.pk)).status_code == 404
    assert client.get(url(world.a, "story", story_id=approved.pk)).status_code == 200
