"""A review: the conflict declaration before scoring, a submitted review that reads as submitted; and the
one permission path of the convening pages (404 → 403 → 405, nothing written on a GET)."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from conveners.models import Assignment, AssignmentStatus, CallStatus, ConflictKind, Score
from cop_platform.tenancy.models import OrganisationMember
from tests.conveners.builders import add_panel, assign, make_application, make_call
from tests.factories import UserFactory


def _url(name, call, **kw):
    return reverse(f"conveners:{name}", kwargs={"org": call.organisation.slug, "call": call.slug, **kw})


@pytest.fixture
def review_call(world, org):
    call = make_call(org, slug="reviewing", status=CallStatus.UNDER_REVIEW)
    add_panel(call, world.a.panel_member)
    return call


def _scores(call, *values):
    with scopes_disabled():
        criteria = list(call.criteria.all())
    return {f"score_{c.pk}": str(v) for c, v in zip(criteria, values, strict=False)}


# --- 6. the declaration comes before scoring ---------------------------------------------------------

def test_score_fields_appear_only_after_declaring_no_conflict(world, client_for, review_call):
    assignment = assign(make_application(review_call, UserFactory()), world.a.panel_member, declared=False)
    client = client_for(world.a.panel_member)
    page = client.get(_url("review", review_call, assignment=assignment.pk)).content.decode()
    assert 'data-testid="conflict-declaration"' in page and 'data-testid="score-form"' not in page
    client.post(_url("review", review_call, assignment=assignment.pk), {**_scores(review_call, 3, 3), "submit": "1"})
    with scopes_disabled():
        assert not Score.objects.filter(assignment=assignment).exists()  # not accepted before the declaration
    response = client.post(_url("review_conflict", review_call, assignment=assignment.pk), {"has_conflict": "no"})
    assert response["Location"] == _url("review", review_call, assignment=assignment.pk)
    page = client.get(_url("review", review_call, assignment=assignment.pk)).content.decode()
    assert 'data-testid="score-form"' in page and "You declared no conflict of interest" in page


def test_scores_service_refuses_scores_before_the_declaration(world, org, scoped, review_call):
    from django.core.exceptions import ValidationError

    from conveners import services

    assignment = assign(make_application(review_call, UserFactory()), world.a.panel_member, declared=False)
    criteria = list(review_call.criteria.all())
    with pytest.raises(ValidationError, match="Declare whether you have a conflict of interest"):
        services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                             values={c.pk: (3, "") for c in criteria}, submit=True)
    services.assignment_declare_no_conflict(organisation=org, by=world.a.panel_member, assignment=assignment)
    services.scores_save(organisation=org, by=world.a.panel_member, assignment=assignment,
                         values={c.pk: (3, "") for c in criteria}, submit=True)
    assert Score.objects.filter(assignment=assignment).count() == len(criteria)


def test_declaring_nothing_or_a_conflict_without_a_reason_is_refused_clearly(world, client_for, review_call):
    assignment = assign(make_application(review_call, UserFactory()), world.a.panel_member, declared=False)
    client = client_for(world.a.panel_member)
    url = _url("review_conflict", review_call, assignment=assignment.pk)
    assert "Say whether you have a conflict of interest" in client.post(url, {}).content.decode()
    page = client.post(url, {"has_conflict": "yes", "reason": "  "}).content.decode()
    assert "Say briefly what the conflict of interest is." in page
    with scopes_disabled():
        assignment.refresh_from_db()
    assert not assignment.conflict and not assignment.no_conflict_declared_at


def test_declared_conflict_reason_is_escaped_and_blocks_scoring(world, client_for, review_call):
    assignment = assign(make_application(review_call, UserFactory()), world.a.panel_member, declared=False)
    client = client_for(world.a.panel_member)
    client.post(_url("review_conflict", review_call, assignment=assignment.pk),
                {"has_conflict": "yes", "reason": "<b>my</b> sister " + "x" * 400})
    page = client.get(_url("review", review_call, assignment=assignment.pk)).content.decode()
    assert "&lt;b&gt;my&lt;/b&gt; sister" in page and 'data-testid="score-form"' not in page
    with scopes_disabled():
        assert Assignment.objects.get(pk=assignment.pk).conflict == ConflictKind.DECLARED


def test_declaring_no_conflict_when_the_rule_finds_one_records_the_conflict(world, client_for, review_call, org):
    with scopes_disabled():
        OrganisationMember.objects.filter(organisation=org, user=world.a.panel_member).update(
            employer="Shared Example Trust", member_organisation=None)
    application = make_application(review_call, UserFactory(), leads=[
        {"name": "Ada", "email": "ada@people.example.org", "employer": "Shared Example Trust", "sector": "nhs"}])
    assignment = assign(application, world.a.panel_member, declared=False)
    client = client_for(world.a.panel_member)
    page = client.get(_url("review", review_call, assignment=assignment.pk)).content.decode()
    assert "same employer" in page
    with scopes_disabled():
        assert Assignment.objects.get(pk=assignment.pk).conflict == ""  # the GET wrote nothing
    client.post(_url("review_conflict", review_call, assignment=assignment.pk), {"has_conflict": "no"})
    with scopes_disabled():
        assignment.refresh_from_db()
    assert assignment.conflict == ConflictKind.AUTOMATIC and not assignment.no_conflict_declared_at


# --- 6. a submitted review reads as submitted ----------------------------------------------------------

def test_submitted_review_reads_as_submitted_with_who_and_when_and_cannot_change(world, client_for, review_call):
    assignment = assign(make_application(review_call, UserFactory()), world.a.panel_member)
    client = client_for(world.a.panel_member)
    client.post(_url("review", review_call, assignment=assignment.pk), {**_scores(review_call, 4, 2), "submit": "1"})
    page = client.get(_url("review", review_call, assignment=assignment.pk)).content.decode()
    assert 'data-testid="review-submitted"' in page and 'data-testid="score-form"' not in page
    assert f"Submitted by {world.a.panel_member.display_name} on" in page
    assert "<strong>4</strong> out of 5" in page
    client.post(_url("review", review_call, assignment=assignment.pk), {**_scores(review_call, 0, 0), "submit": "1"})
    with scopes_disabled():
        assert sorted(Score.objects.filter(assignment=assignment).values_list("value", flat=True)) == [2, 4]
        assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.SUBMITTED


# --- 7. one permission path ----------------------------------------------------------------------------

def test_someone_elses_application_is_not_found_for_its_actions(world, client_for, org):
    call = make_call(org, slug="others")
    application = make_application(call, world.a.project_manager, status="draft")
    for name in ("application", "application_edit"):
        assert client_for(world.a.member).get(_url(name, call, application=application.pk)).status_code == 404
    for name in ("application_submit", "application_withdraw", "application_copy"):
        assert client_for(world.a.member).post(_url(name, call, application=application.pk)).status_code == 404


def test_staff_may_read_an_application_but_not_act_as_its_applicant(world, client_for, org):
    call = make_call(org, slug="staff-reads")
    application = make_application(call, world.a.member, status="draft")
    admin = client_for(world.a.admin)
    assert admin.get(_url("application", call, application=application.pk)).status_code == 200
    assert admin.get(_url("application_edit", call, application=application.pk)).status_code == 403
    assert admin.post(_url("application_submit", call, application=application.pk)).status_code == 403


def test_wrong_role_is_403_before_a_wrong_method_is_405(world, client_for, org):
    call = make_call(org, slug="order")
    application = make_application(call, UserFactory())
    url = _url("application_decide", call, application=application.pk)
    assert client_for(world.a.member).get(url).status_code == 403
    assert client_for(world.a.project_manager).get(url).status_code == 405
    assert client_for(world.a.project_manager).get(_url("application_decide", call, application=99999)).status_code \
        == 404


def test_another_tenants_or_a_draft_call_is_not_found(world, client_for, org):
    draft = make_call(org, slug="draft-only", status="draft")
    assert client_for(world.a.member).get(_url("call", draft)).status_code == 404
    assert client_for(world.a.project_manager).get(_url("call", draft)).status_code == 200
    assert client_for(world.b.project_manager).get(_url("ranking", draft)).status_code == 404


def test_another_reviewers_assignment_is_not_found_even_for_the_conflict_form(world, client_for, review_call):
    other = UserFactory()
    assignment = assign(make_application(review_call, UserFactory()), other, declared=False)
    url = _url("review_conflict", review_call, assignment=assignment.pk)
    assert client_for(world.a.panel_member).post(url, {"has_conflict": "no"}).status_code == 404
    with scopes_disabled():
        assert not Assignment.objects.get(pk=assignment.pk).no_conflict_declared_at


# --- 9. wording ----------------------------------------------------------------------------------------

def test_project_manager_is_not_offered_their_own_convener_interview(world, client_for, org):
    url = reverse("conveners:calls", kwargs={"org": org.slug})
    assert "Your convener interview" not in client_for(world.a.project_manager).get(url).content.decode()
    assert "Your convener interview" in client_for(world.a.member).get(url).content.decode()
