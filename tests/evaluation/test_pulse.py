"""The post-meeting pulse: offered when the record is saved (a link and an outbox e-mail to those who came
or said they would, composed at send time, respecting meeting-e-mail preferences), answered once per
member and meeting (editable until the follow-up), a plan seeding a story; results for those who run the
community, suppressed under five answers; the six-week follow-up, queued once by the beat task."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import MeetingResponse, NotificationPreference
from cop_platform.email import email_send_now
from cop_platform.models import OutgoingEmail
from evaluation import services
from evaluation.models import PulseAnswer, StoryStep, ValueCreationStory
from evaluation.tasks import sweep_pulse_follow_ups
from tests.evaluation.builders_stories import HOSTILE, recorded_meeting, url
from tests.factories import member_of
from tests.helpers import assert_queries_flat, wait_for

ANSWER = {"worth_time": "5", "could_contribute": "4", "takeaway": "tool", "connection": "Ambulance service",
          "plan": "Try the escalation chart on ward 4", "follow_up_consent": "on"}


def pulse_url(tenant, meeting):
    return url(tenant, "pulse", meeting_id=meeting.pk)


def pulse_mails(tenant, kind="evaluation.pulse"):
    with scopes_disabled():
        return list(OutgoingEmail.objects.filter(organisation=tenant.organisation, kind=kind).order_by("to"))


def answers(tenant):
    with scopes_disabled():
        return list(PulseAnswer.objects.filter(organisation=tenant.organisation))


def test_saving_the_record_offers_the_pulse_to_who_came_and_who_said_yes_once(world, client_for):
    yes = member_of(world.a.community, email="coming@tenant-a.example.org")
    stayed_away = member_of(world.a.community, email="away@tenant-a.example.org")
    meeting = recorded_meeting(world.a, [world.a.member])
    with scopes_disabled():
        MeetingResponse.objects.create(organisation=world.a.organisation, meeting=meeting, user=yes, answer="yes")
        MeetingResponse.objects.create(organisation=world.a.organisation, meeting=meeting, user=stayed_away,
                                       answer="no")
    assert [m.to for m in pulse_mails(world.a)] == [world.a.member.email]
    # Recording again (a correction) offers it to whoever is newly eligible, never twice to anyone.
    record = reverse("communities:meeting_record", kwargs={"org": world.a.organisation.slug,
                                                           "slug": world.a.community.slug, "meeting_id": meeting.pk})
    response = client_for(world.a.convener).post(record, {"attendees": [world.a.member.pk], "notes": "More notes"})
    assert response.status_code == 302
    with scope(organisation=world.a.organisation):
        services.pulse_offer(organisation=world.a.organisation, meeting=meeting)
        services.pulse_offer(organisation=world.a.organisation, meeting=meeting)
    assert sorted(m.to for m in pulse_mails(world.a)) == sorted([world.a.member.email, yes.email])
    assert all(m.body_text == "" and m.composer == "evaluation.pulse" for m in pulse_mails(world.a))


def test_the_pulse_email_is_composed_when_sent_and_cancelled_once_answered(world, mailoutbox):
    meeting = recorded_meeting(world.a, [world.a.member, world.a.convener])
    mail_member, mail_convener = sorted(pulse_mails(world.a), key=lambda m: m.to != world.a.member.email)
    with scope(organisation=world.a.organisation):
        email_send_now(mail_member.pk)
        services.pulse_answer_save(organisation=world.a.organisation, by=world.a.convener, meeting=meeting,
                                   worth_time=3, could_contribute=3)
        email_send_now(mail_convener.pk)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [world.a.member.email]
    assert pulse_url(world.a, meeting) in mailoutbox[0].body
    with scopes_disabled():
        assert OutgoingEmail.objects.get(pk=mail_convener.pk).status == "cancelled"


def test_who_turned_meeting_emails_off_gets_no_pulse_email_but_may_still_answer(world, client_for):
    with scopes_disabled():
        NotificationPreference.objects.create(organisation=world.a.organisation, user=world.a.member,
                                              meeting_emails=False)
    meeting = recorded_meeting(world.a, [world.a.member])
    assert pulse_mails(world.a) == []
    assert client_for(world.a.member).post(pulse_url(world.a, meeting), ANSWER).status_code == 302
    assert len(answers(world.a)) == 1


def test_the_meeting_page_links_to_the_pulse_once_recorded(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    text = client_for(world.a.member).get(reverse("communities:meeting", kwargs={
        "org": world.a.organisation.slug, "slug": world.a.community.slug, "meeting_id": meeting.pk})).content
    assert b'data-testid="pulse-link"' in text


def test_answering_saves_one_answer_and_a_story_seed_with_an_aspirational_step(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    client = client_for(world.a.member)
    assert b'data-testid="pulse-form"' in client.get(pulse_url(world.a, meeting)).content
    assert client.post(pulse_url(world.a, meeting), ANSWER).status_code == 302
    # Editable until the follow-up: a second answer changes the first, and the seed follows.
    changed = ANSWER | {"worth_time": "3", "plan": "Try the escalation chart on wards 4 and 5"}
    assert client.post(pulse_url(world.a, meeting), changed).status_code == 302
    [answer] = answers(world.a)
    assert (answer.worth_time, answer.could_contribute, answer.takeaway) == (3, 4, "tool")
    with scopes_disabled():
        story = ValueCreationStory.objects.get()
        [step] = StoryStep.objects.filter(story=story)
    assert answer.story_id == story.pk and story.narrator == world.a.member and story.status == "draft"
    assert story.meeting_id == meeting.pk and story.consent == ""
    assert step.aspirational and step.text == "Try the escalation chart on wards 4 and 5"
    assert b'data-testid="pulse-editing"' in client.get(pulse_url(world.a, meeting)).content


def test_no_plan_no_seed_and_no_follow_up_consent(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    client_for(world.a.member).post(pulse_url(world.a, meeting), ANSWER | {"plan": ""})
    [answer] = answers(world.a)
    assert answer.story is None and not answer.follow_up_consent


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Choose how far the meeting was worth your time"),
    ({"worth_time": "6", "could_contribute": "4"}, "Choose a number from 1 to 5"),
    ({"worth_time": "x", "could_contribute": "4"}, "Choose a number from 1 to 5"),
    (ANSWER | {"takeaway": "money"}, "Choose an idea, a tool, a contact or confidence"),
    (ANSWER | {"connection": "x" * 201}, "up to 200 characters"),
    (ANSWER | {"plan": "x" * 1001}, "Keep it to 1000 characters"),
])
def test_bad_pulse_input_is_refused_with_a_message_and_nothing_saved(world, client_for, data, message):
    meeting = recorded_meeting(world.a, [world.a.member])
    response = client_for(world.a.member).post(pulse_url(world.a, meeting), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert answers(world.a) == []


def test_hostile_html_in_the_pulse_is_kept_as_text_and_never_rendered(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    client = client_for(world.a.member)
    client.post(pulse_url(world.a, meeting), ANSWER | {"plan": HOSTILE, "connection": HOSTILE})
    [answer] = answers(world.a)
    assert answer.plan == HOSTILE
    with scopes_disabled():
        story = ValueCreationStory.objects.get()
    text = client.get(url(world.a, "story", story_id=story.pk)).content.decode()
    assert HOSTILE not in text and "&lt;script&gt;" in text


def test_a_member_who_did_not_come_cannot_answer(world, client_for):
    """Decided: the pulse is about a meeting one was at — recorded as attending, or said yes."""
    meeting = recorded_meeting(world.a, [world.a.convener])
    client = client_for(world.a.member)
    assert b'data-testid="pulse-not-for-you"' in client.get(pulse_url(world.a, meeting)).content
    assert client.post(pulse_url(world.a, meeting), ANSWER).status_code == 403
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="who came"):
        services.pulse_answer_save(organisation=world.a.organisation, by=world.a.member, meeting=meeting,
                                   worth_time=4, could_contribute=4)
    assert answers(world.a) == []


def test_an_evaluator_reads_the_pulse_page_but_cannot_answer(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    client = client_for(world.a.evaluator)
    assert client.get(pulse_url(world.a, meeting)).status_code == 200
    assert client.post(pulse_url(world.a, meeting), ANSWER).status_code == 403


def test_an_unrecorded_meeting_has_no_pulse(world, client_for):
    from tests.communities.test_meetings import past_meeting

    meeting = past_meeting(world.a)
    client = client_for(world.a.member)
    assert b'data-testid="pulse-closed"' in client.get(pulse_url(world.a, meeting)).content
    assert client.post(pulse_url(world.a, meeting), ANSWER).status_code == 403


def test_the_pulse_of_another_tenants_meeting_is_404_and_the_service_refuses_it(world, client_for):
    meeting_b = recorded_meeting(world.b, [world.b.member])
    client = client_for(world.a.member)
    assert client.get(url(world.a, "pulse", meeting_id=meeting_b.pk)).status_code == 404
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="another organisation"):
        services.pulse_answer_save(organisation=world.a.organisation, by=world.a.member, meeting=meeting_b,
                                   worth_time=4, could_contribute=4)


def _answer(tenant, meeting, user, worth=4, plan=""):
    with scope(organisation=tenant.organisation):
        return services.pulse_answer_save(organisation=tenant.organisation, by=user, meeting=meeting,
                                          worth_time=worth, could_contribute=3, takeaway="idea", plan=plan,
                                          follow_up_consent=bool(plan))


def test_results_hide_averages_under_five_answers_and_show_them_from_five(world, client_for):
    people = [member_of(world.a.community, email=f"p{i}@tenant-a.example.org") for i in range(5)]
    meeting = recorded_meeting(world.a, people)
    for person in people[:4]:
        _answer(world.a, meeting, person)
    client = client_for(world.a.convener)
    text = client.get(url(world.a, "pulse_results", meeting_id=meeting.pk)).content.decode()
    assert "4 answers" in text and 'data-testid="pulse-suppressed"' in text and "out of 5" not in text
    _answer(world.a, meeting, people[4], worth=5)
    text = client.get(url(world.a, "pulse_results", meeting_id=meeting.pk)).content.decode()
    assert "5 answers" in text and "4.2 out of 5" in text and 'data-testid="pulse-distribution"' in text


def test_results_are_for_those_who_run_the_community_and_evaluators(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    assert client_for(world.a.member).get(url(world.a, "pulse_results", meeting_id=meeting.pk)).status_code == 403
    assert client_for(world.a.evaluator).get(url(world.a, "pulse_results", meeting_id=meeting.pk)).status_code == 200


def test_pulse_results_query_count_does_not_grow_with_answers(world, client_for):
    people = [member_of(world.a.community, email=f"q{i}@tenant-a.example.org") for i in range(12)]
    meeting = recorded_meeting(world.a, people)
    for person in people[:6]:
        _answer(world.a, meeting, person)

    def grow():
        for person in people[6:]:
            _answer(world.a, meeting, person, plan="A plan")

    before, _ = assert_queries_flat(client_for(world.a.convener), url(world.a, "pulse_results", meeting_id=meeting.pk),
                                    grow)
    assert before <= 25


# --- The follow-up ---------------------------------------------------------------------------------------

def _age(answer, days):
    with scopes_disabled():
        PulseAnswer.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_follow_up_is_queued_once_when_due_for_those_who_consented_with_a_seed(world, settings):
    settings.CONVENE_PULSE_FOLLOWUP_DAYS = 42
    other = member_of(world.a.community, email="other@tenant-a.example.org")
    third = member_of(world.a.community, email="third@tenant-a.example.org")
    meeting = recorded_meeting(world.a, [world.a.member, other, third])
    due = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    not_yet = _answer(world.a, meeting, other, plan="Try the bundle")
    no_consent = _answer(world.a, meeting, third, plan="Try a huddle")
    with scopes_disabled():
        PulseAnswer.objects.filter(pk=no_consent.pk).update(follow_up_consent=False)
    _age(due, 43)
    _age(not_yet, 41)
    _age(no_consent, 60)
    assert sweep_pulse_follow_ups() == 1
    assert sweep_pulse_follow_ups() == 0  # once
    [mail] = pulse_mails(world.a, "evaluation.pulse_follow_up")
    assert mail.to == world.a.member.email and mail.ref_id == str(due.pk)
    with scopes_disabled():
        assert PulseAnswer.objects.get(pk=due.pk).follow_up_queued_at is not None
        assert PulseAnswer.objects.get(pk=not_yet.pk).follow_up_queued_at is None


def test_the_follow_up_setting_moves_the_day(world, settings):
    settings.CONVENE_PULSE_FOLLOWUP_DAYS = 7
    meeting = recorded_meeting(world.a, [world.a.member])
    answer = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    _age(answer, 8)
    assert sweep_pulse_follow_ups() == 1


def test_the_follow_up_email_links_to_the_story_and_after_it_the_answer_is_locked(world, client_for, mailoutbox):
    meeting = recorded_meeting(world.a, [world.a.member])
    answer = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    _age(answer, 50)
    sweep_pulse_follow_ups()
    [mail] = pulse_mails(world.a, "evaluation.pulse_follow_up")
    with scope(organisation=world.a.organisation):
        email_send_now(mail.pk)
    assert url(world.a, "story_follow_up", story_id=answer.story_id) in mailoutbox[-1].body
    assert "Try the chart" in mailoutbox[-1].body
    client = client_for(world.a.member)
    assert b'data-testid="pulse-locked"' in client.get(pulse_url(world.a, meeting)).content
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="no longer be changed"):
        _answer(world.a, meeting, world.a.member, plan="Something else")


def test_follow_up_answers_become_steps_of_the_story(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    answer = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    client = client_for(world.a.member)
    page = url(world.a, "story_follow_up", story_id=answer.story_id)
    assert client.get(page).status_code == 200
    response = client.post(page, {"tried": "yes", "what_happened": "We used it on every shift",
                                  "difference": "Screening within the hour went from 60% to 85%",
                                  "changed_good": "", "helped": "The ward manager's support"})
    assert response.status_code == 302
    with scopes_disabled():
        steps = list(StoryStep.objects.filter(story_id=answer.story_id).values_list("cycle", "aspirational"))
    assert steps == [("applied", True), ("applied", False), ("realised", False), ("", False)]


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Say whether you tried it"),
    ({"tried": "yes"}, "Answer at least one of the questions"),
    ({"tried": "maybe"}, "Select a valid choice"),
    ({"tried": "yes", "what_happened": "x" * 3001}, "at most 3000 characters"),  # Django's own message
])
def test_bad_follow_up_input_is_refused(world, client_for, data, message):
    meeting = recorded_meeting(world.a, [world.a.member])
    answer = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    response = client_for(world.a.member).post(url(world.a, "story_follow_up", story_id=answer.story_id), data)
    assert response.status_code == 200 and message in response.content.decode()
    with scopes_disabled():
        assert StoryStep.objects.filter(story_id=answer.story_id).count() == 1


def test_only_the_narrator_answers_the_follow_up(world, client_for):
    meeting = recorded_meeting(world.a, [world.a.member])
    answer = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    page = url(world.a, "story_follow_up", story_id=answer.story_id)
    assert client_for(world.a.evaluator).get(page).status_code == 403
    assert client_for(world.a.convener).get(page).status_code == 404  # a draft is not theirs to see


@pytest.mark.celery
def test_the_beat_task_runs_on_a_real_worker(world, celery_worker_redis):
    meeting = recorded_meeting(world.a, [world.a.member])
    answer = _answer(world.a, meeting, world.a.member, plan="Try the chart")
    _age(answer, 50)
    sweep_pulse_follow_ups.delay()

    def queued():
        with scopes_disabled():
            return PulseAnswer.objects.get(pk=answer.pk).follow_up_queued_at is not None

    assert wait_for(queued)
    with scopes_disabled():
        assert OutgoingEmail.objects.filter(kind="evaluation.pulse_follow_up").count() == 1
