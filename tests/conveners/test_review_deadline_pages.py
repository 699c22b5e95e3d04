"""The review deadline on the call's form (validated, explained), the ranking's totals and reviews in,
and flat query counts on the pages that show them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conveners.models import Call, CallStatus, Score
from tests.conveners.builders import assign, make_application, make_call
from tests.factories import UserFactory, person_in
from tests.helpers import assert_queries_flat


def _url(name, call=None, **kw):
    kwargs = {"org": call.organisation.slug}
    if call is not None:
        kwargs["call"] = call.slug
    return reverse(f"conveners:{name}", kwargs={**kwargs, **kw})


def _form(call, **overrides):
    data = {"title": call.title, "opens_at": timezone.localtime(call.opens_at).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": timezone.localtime(call.closes_at).strftime("%Y-%m-%dT%H:%M"),
            "outcome_by": call.outcome_by.isoformat(), "funded_places": "5", "honorarium_pounds": "5000",
            "max_leads": "2", "max_awards_per_person": "1", "ineligible_share": "redistribute",
            "reviewers_per_application": "2", "review_deadline": "", "review_reminder_days": "7,1"}
    data.update(overrides)
    return data


@pytest.fixture
def draft(org):
    return make_call(org, slug="deadline-form", status=CallStatus.DRAFT)


HOW = "Write days before the deadline as whole numbers separated by commas, for example 7,1."


@pytest.mark.parametrize("steps, message", [
    ("a,b", f"“a” is not a whole number of days. {HOW}"),
    ("0", f"A reminder must go at least 1 day before the deadline: 0 is not allowed. {HOW}"),
    ("400", "A reminder can go at most 90 days before the deadline: 400 is too many."),
    ("7,,1", f"A number is missing between two commas. {HOW}"),
    ("<script>alert(1)</script>", "is not a whole number of days."),
])
def test_bad_reminder_days_are_refused_by_the_field_and_nothing_typed_is_lost(world, client_for, draft, steps,
                                                                               message):
    client = client_for(world.a.project_manager)
    response = client.post(_url("call_edit", draft), _form(draft, title="Kept title", review_reminder_days=steps))
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("“", "&ldquo;").replace("”", "&rdquo;") in page or message in page
    assert 'value="Kept title"' in page  # what was typed stays
    assert "<script>alert(1)</script>" not in page
    with scopes_disabled():
        draft.refresh_from_db()
    assert (draft.title, draft.review_reminder_days) == ("Patient safety conveners 2026", "7,1")


def test_review_deadline_before_the_call_closes_is_refused(world, client_for, draft):
    closes_on = timezone.localtime(draft.closes_at).date()
    client = client_for(world.a.project_manager)
    for day in (closes_on, closes_on - timedelta(days=3)):
        page = client.post(_url("call_edit", draft), _form(draft, review_deadline=day.isoformat())).content.decode()
        assert (f"The review deadline must be after the call closes ({closes_on:%-d %B %Y}): choose a later date."
                in page)
    page = client.post(_url("call_edit", draft), _form(draft, review_deadline="31/02/2026")).content.decode()
    assert "Enter a valid date." in page
    with scopes_disabled():
        draft.refresh_from_db()
    assert draft.review_deadline is None


def test_deadline_and_reminder_days_are_saved_and_shown_again(world, client_for, draft):
    deadline = timezone.localtime(draft.closes_at).date() + timedelta(days=14)
    client = client_for(world.a.project_manager)
    response = client.post(_url("call_edit", draft), _form(draft, review_deadline=deadline.isoformat(),
                                                           review_reminder_days=" 1, 7, 7 "))
    assert response.status_code == 302
    with scopes_disabled():
        draft.refresh_from_db()
    assert (draft.review_deadline, draft.review_reminder_days) == (deadline, "7,1")
    page = client.get(_url("call_edit", draft)).content.decode()
    assert f'name="review_deadline" value="{deadline.isoformat()}"' in page  # ISO, or the browser shows it empty
    assert 'name="review_reminder_days" value="7,1"' in page
    client.post(_url("call_edit", draft), _form(draft, review_deadline="", review_reminder_days=""))
    with scopes_disabled():
        draft.refresh_from_db()
    assert (draft.review_deadline, draft.review_reminder_days) == (None, "")


def test_a_reviewer_cannot_change_the_deadline(world, client_for, draft):
    response = client_for(world.a.panel_member).post(_url("call_edit", draft), _form(
        draft, review_deadline=(timezone.localdate() + timedelta(days=60)).isoformat()))
    assert response.status_code in (403, 404)
    with scopes_disabled():
        assert Call.objects.get(pk=draft.pk).review_deadline is None


# --- the ranking's totals and reviews in ---------------------------------------------------------------

def _scored(application, reviewer, values, status="submitted", **fields):
    a = assign(application, reviewer, status=status, **fields)
    with scopes_disabled():
        for criterion, value in zip(application.call.criteria.all(), values, strict=True):
            Score.objects.create(organisation=application.organisation, assignment=a, criterion=criterion,
                                 value=value)
    return a


def test_ranking_shows_each_applications_total_and_reviews_in(world, client_for, org):
    call = make_call(org, slug="totals", status=CallStatus.UNDER_REVIEW)  # two criteria, 0–5 each
    application = make_application(call, UserFactory(), domain="Sepsis")
    reviewers = [person_in(org, roles=["panel_member"]) for _ in range(4)]
    _scored(application, reviewers[0], [3, 4])
    _scored(application, reviewers[1], [5, 2])
    _scored(application, reviewers[2], [1, 1], status="draft")  # not in yet: counts in neither
    _scored(application, reviewers[3], [5, 5], conflict="declared")  # conflicted: left out
    page = client_for(world.a.project_manager).get(_url("ranking", call)).content.decode()
    assert "Total 14 of 20 points" in page
    assert '<span data-testid="reviews-in">2 of 3 reviews in</span>' in page
    assert "(1 conflict)" in page


def test_ranking_without_reviews_shows_no_total(world, client_for, org):
    call = make_call(org, slug="no-totals", status=CallStatus.UNDER_REVIEW)
    make_application(call, UserFactory(), domain="Falls")
    page = client_for(world.a.project_manager).get(_url("ranking", call)).content.decode()
    assert "Total " not in page.split('data-testid="ranking"')[1]
    assert '<span data-testid="reviews-in">0 of 0 reviews in</span>' in page


# --- query counts: 2 applications and reviewers, then 20 ------------------------------------------------

def _grow(call, org, start, count):
    def grow():
        for n in range(start, start + count):
            reviewer = person_in(org, roles=["panel_member"])
            application = make_application(call, UserFactory(), domain=f"Domain {n}")
            _scored(application, reviewer, [n % 6, (n + 1) % 6])
            assign(application, person_in(org, roles=["panel_member"]))  # one unfinished review each
    return grow


@pytest.mark.parametrize("page", ["ranking", "assign"])
def test_query_count_is_the_same_for_2_and_20_applications(world, client_for, org, page):
    call = make_call(org, slug=f"flat-{page}", status=CallStatus.UNDER_REVIEW,
                     review_deadline=timezone.localdate() - timedelta(days=1))
    _grow(call, org, 0, 2)()
    assert_queries_flat(client_for(world.a.project_manager), _url(page, call), _grow(call, org, 2, 18))


def test_assignments_page_query_count_is_flat(world, client_for, org):
    call = make_call(org, slug="flat-mine", status=CallStatus.UNDER_REVIEW,
                     review_deadline=timezone.localdate() + timedelta(days=3))
    reviewer = world.a.panel_member

    def grow(count):
        def _grow():
            for n in range(count):
                assign(make_application(call, UserFactory(), domain=f"Mine {n} {count}"), reviewer)
        return _grow

    grow(2)()
    assert_queries_flat(client_for(reviewer), _url("assignments", call), grow(18))
