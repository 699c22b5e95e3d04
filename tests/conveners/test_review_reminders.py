"""Review deadlines (issue 6): reminders once per reviewer per step (retries and doubled sweeps send
nothing twice), never to a reviewer who has finished, none after the deadline; the managers' digest of
who is late, once a day; the call's form refuses bad steps and deadlines in words a manager can act on."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners import services
from conveners.models import Assignment, Call, CallStatus, ReminderKind, ReviewReminder
from conveners.tasks import sweep_review_reminders
from cop_platform.models import OutgoingEmail
from tests.conveners.builders import assign, make_application, make_call
from tests.factories import UserFactory, person_in

TODAY = timezone.localdate()


def _url(name, call, **kw):
    return reverse(f"conveners:{name}", kwargs={"org": call.organisation.slug, "call": call.slug, **kw})


def _emails(kind="conveners.review_reminder"):
    with scopes_disabled():
        return list(OutgoingEmail.objects.filter(kind=kind).order_by("to", "pk"))


def _reviewing_call(org, *, deadline_in=7, slug="reviewing", **fields):
    now = timezone.now()
    return make_call(org, slug=slug, status=CallStatus.UNDER_REVIEW, opens_at=now - timedelta(days=30),
                     closes_at=now - timedelta(days=20), review_deadline=TODAY + timedelta(days=deadline_in),
                     review_reminder_days="7,1", **fields)


@pytest.fixture
def panel(world, org):
    """Two applications; Rhea (late) has one unfinished and one submitted, Fin has finished both, Cora's
    only assignment is conflicted."""
    call = _reviewing_call(org)
    rhea = person_in(org, roles=["panel_member"], email="rhea@people.example.org", first_name="Rhea",
                     last_name="Late")
    fin = person_in(org, roles=["panel_member"], email="fin@people.example.org", first_name="Fin",
                    last_name="Ished")
    cora = person_in(org, roles=["panel_member"], email="cora@people.example.org", first_name="Cora",
                     last_name="Conflicted")
    sepsis = make_application(call, UserFactory(email="lead@people.example.org"), domain="Sepsis")
    delirium = make_application(call, UserFactory(), domain="Delirium")
    assign(sepsis, rhea)
    assign(delirium, rhea, status="submitted")
    assign(sepsis, fin, status="submitted")
    assign(delirium, fin, status="submitted")
    assign(sepsis, cora, conflict="declared", conflict_reason="Works with the lead")
    return call, {"rhea": rhea, "fin": fin, "cora": cora}, sepsis


def _sweep(days_from_now=0):
    with scopes_disabled():
        return services.review_reminders_sweep(today=TODAY + timedelta(days=days_from_now))


# --- reminders -----------------------------------------------------------------------------------------

def test_reminder_goes_once_to_the_reviewer_with_unfinished_work_only(panel):
    call, people, _ = panel
    assert _sweep() == (1, 0)
    assert _sweep() == (0, 0)  # a retry, or a second sweep the same day
    emails = _emails()
    assert [e.to for e in emails] == ["rhea@people.example.org"]
    body = emails[0].body_text
    assert "Sepsis" in body and "Delirium" not in body  # only what is still to do
    assert f"due by {call.review_deadline:%-d %B %Y}: 7 days left" in body
    assert emails[0].subject == f"{call.title}: reviews due by {call.review_deadline:%-d %B %Y}"
    assert "lead@people.example.org" not in body and "Ada Example" not in body  # no applicant's data
    with scopes_disabled():
        assert list(ReviewReminder.objects.values_list("reviewer_id", "step", "unfinished")) == [
            (people["rhea"].pk, 7, 1)]


def test_the_day_reminder_follows_the_week_one_and_nothing_after_the_deadline(panel, org):
    call, people, _ = panel
    _sweep()  # 7 days before
    for day in range(1, 6):
        assert _sweep(day) == (0, 0)  # 6 to 2 days before: the week's reminder is sent already
    assert _sweep(6) == (1, 0)  # 1 day before
    assert _sweep(7) == (0, 0)  # deadline day: step 1 already sent
    with scope(organisation=org):
        assert services.review_reminders_queue(organisation=org, call=call, today=TODAY + timedelta(days=8)) == 0
    assert [e.key for e in _emails()] == [f"review-reminder:{call.pk}:{people['rhea'].pk}:7",
                                          f"review-reminder:{call.pk}:{people['rhea'].pk}:1"]
    assert "1 day left" in _emails()[1].body_text


def test_a_reviewer_who_finishes_gets_no_further_reminder(panel, org):
    call, people, sepsis = panel
    _sweep()
    with scopes_disabled():
        sepsis.assignments.filter(reviewer=people["rhea"]).update(status="submitted")
    assert _sweep(6) == (0, 0)
    assert len(_emails()) == 1


def test_a_row_already_written_by_another_sweep_means_no_second_email(panel, org):
    call, people, _ = panel
    with scopes_disabled():
        ReviewReminder.objects.create(organisation=org, call=call, reviewer=people["rhea"], step=7)
    assert _sweep() == (0, 0)
    assert _emails() == []


def test_the_database_refuses_a_second_row_for_the_same_reviewer_and_step(panel, org):
    call, people, _ = panel
    with scopes_disabled():
        ReviewReminder.objects.create(organisation=org, call=call, reviewer=people["rhea"], step=7)
        with pytest.raises(IntegrityError), transaction.atomic():
            ReviewReminder.objects.create(organisation=org, call=call, reviewer=people["rhea"], step=7)
        ReviewReminder.objects.create(organisation=org, call=call, kind=ReminderKind.DIGEST, step=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            ReviewReminder.objects.create(organisation=org, call=call, kind=ReminderKind.DIGEST, step=1)


def test_without_reminder_steps_only_the_digest_goes(panel):
    call, _, _ = panel
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(review_reminder_days="")
    assert [_sweep(day) for day in (0, 6, 7, 8)] == [(0, 0), (0, 0), (0, 0), (0, 2)]


@pytest.mark.parametrize("change", [{"review_deadline": None}, {"status": CallStatus.DRAFT},
                                    {"status": CallStatus.DECIDED}, {"released_at": timezone.now()}])
def test_no_reminders_without_a_deadline_steps_or_a_call_under_review(panel, change):
    call, _, _ = panel
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(**change)
    assert _sweep() == (0, 0)
    assert _sweep(8) == (0, 0)
    assert _emails() == [] and _emails("conveners.review_digest") == []


def test_the_task_sweeps_every_organisation(panel, world):
    other = _reviewing_call(world.b.organisation, slug="other")
    application = make_application(other, UserFactory(), domain="Falls")
    assign(application, world.b.panel_member)
    assert sweep_review_reminders() == 2
    assert sweep_review_reminders() == 0
    assert sorted(e.to for e in _emails()) == sorted([world.b.panel_member.email, "rhea@people.example.org"])


# --- the managers' digest ------------------------------------------------------------------------------

def test_digest_goes_once_to_each_manager_the_day_after_the_deadline(panel, world, org):
    call, _, _ = panel
    assert _sweep(7) == (1, 0)  # the deadline day: the last reminder ("due today"), no digest yet
    assert _sweep(8)[1] == 2  # the day after: the admin and the project manager
    assert _sweep(8) == (0, 0)
    assert _sweep(9) == (0, 0)  # the sweep sends it by itself once
    digests = _emails("conveners.review_digest")
    assert sorted(e.to for e in digests) == [world.a.admin.email, world.a.project_manager.email]
    body = digests[0].body_text
    assert "Rhea Late: 1 unfinished" in body
    assert "Fin" not in body and "Cora" not in body  # finished, and conflicted only
    assert digests[0].subject == f"{call.title}: 1 reviewer late"


def test_no_digest_when_nobody_is_late(panel, world):
    call, _, _ = panel
    with scopes_disabled():
        Assignment.objects.filter(call=call).update(status="submitted")
    assert _sweep(8) == (0, 0)
    assert _emails("conveners.review_digest") == []


def test_digest_on_demand_once_a_day_and_not_before_the_deadline(panel, world, org):
    call, _, _ = panel
    pm = world.a.project_manager
    with scope(organisation=org):
        with pytest.raises(ValidationError) as exc:
            services.review_digest_queue(organisation=org, call=call, by=pm, today=call.review_deadline)
        assert exc.value.messages == ["The digest of late reviews is sent after the review deadline has passed."]
        day_after = call.review_deadline + timedelta(days=1)
        assert services.review_digest_queue(organisation=org, call=call, by=pm, today=day_after) == 2
        with pytest.raises(ValidationError) as exc:
            services.review_digest_queue(organisation=org, call=call, by=pm, today=day_after)
        assert "Today's digest was already sent, at " in exc.value.messages[0]
        assert services.review_digest_queue(organisation=org, call=call, by=pm, today=day_after
                                            + timedelta(days=1)) == 2
    assert _sweep(9) == (0, 0)  # a digest went: the sweep does not add one
    assert len(_emails("conveners.review_digest")) == 4


def test_digest_refuses_a_call_of_another_organisation(panel, world):
    call, _, _ = panel
    with scope(organisation=world.b.organisation), pytest.raises(ValidationError):
        services.review_digest_queue(organisation=world.b.organisation, call=call, by=world.b.project_manager,
                                     today=call.review_deadline + timedelta(days=1))


# --- pages ---------------------------------------------------------------------------------------------

def test_the_digest_button_sends_and_says_so(panel, world, client_for, org):
    call, _, _ = panel
    client = client_for(world.a.project_manager)
    page = client.post(_url("review_digest", call), follow=True).content.decode()
    assert "The digest of late reviews is sent after the review deadline has passed." in page
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(review_deadline=TODAY - timedelta(days=2))
    page = client.get(_url("assign", call)).content.decode()
    assert "Send the digest of late reviews to the managers" in page
    page = client.post(_url("review_digest", call), follow=True).content.decode()
    assert "The digest of late reviews is on its way to 2 managers." in page
    page = client.post(_url("review_digest", call), follow=True).content.decode()
    assert "Today&#x27;s digest was already sent" in page
    assert client.get(_url("review_digest", call)).status_code == 405


def test_reviewer_sees_the_deadline_in_words(panel, client_for):
    call, people, _ = panel
    client = client_for(people["rhea"])
    page = client.get(_url("assignments", call)).content.decode()
    assert f"Reviews due by <strong>{call.review_deadline:%-d %B %Y}</strong>: 7 days left." in page
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(review_deadline=TODAY - timedelta(days=3))
    page = client.get(_url("assignments", call)).content.decode()
    assert "3 days overdue" in page and "nhsuk-tag--red" in page
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(review_deadline=None)
    assert "Reviews due by" not in client.get(_url("assignments", call)).content.decode()


def test_managers_see_each_reviewers_count_of_reviews_done(panel, world, client_for):
    call, _, _ = panel
    page = client_for(world.a.project_manager).get(_url("assign", call)).content.decode()
    rows = page.split('data-testid="reviewer-row"')[1:]
    assert len(rows) == 2  # Cora's only assignment is conflicted: nothing to review
    assert "Rhea Late" in rows[0] and "1 of 2" in rows[0] and "1 unfinished" in rows[0]
    assert "Fin Ished" in rows[1] and "2 of 2" in rows[1] and "Finished" in rows[1]
    assert "7 days left" in page
    assert "Reviewers with unfinished reviews are reminded 7 and 1 days before." in page
