"""Deciding and releasing hold the call's rules: a decision re-checks them, release links an existing
community instead of making a second one, far-reaching steps are confirmed, the manager keeps their
place in the ranking."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities.models import Community, Membership
from conveners import services
from conveners.models import Application, CallStatus, Decision, Score
from tests.conveners.builders import assign, make_application, make_call
from tests.factories import CommunityFactory, UserFactory
from tests.helpers import assert_queries_flat


def _url(name, call, **kw):
    return reverse(f"conveners:{name}", kwargs={"org": call.organisation.slug, "call": call.slug, **kw})


INDUSTRY_ALONE = [{"name": "Ivy Industry", "email": "ivy@people.example.org", "employer": "Acme Devices Ltd",
                   "sector": "industry"}]


# --- 1. a decision re-checks the call's rules ---------------------------------------------------------

def test_funding_an_industry_application_without_a_member_organisation_co_lead_is_refused(world, org, scoped):
    call = make_call(org, slug="rules", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), domain="Falls", leads=INDUSTRY_ALONE)
    for decision in (Decision.FUNDED, Decision.RESERVE):
        with pytest.raises(ValidationError) as exc:
            services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                        decision=decision)
        assert any("member organisations" in m for m in exc.value.messages)
    application.refresh_from_db()
    assert application.decision == ""
    services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                decision=Decision.SUPPORTED)
    application.refresh_from_db()
    assert application.decision == Decision.SUPPORTED


def test_funding_with_an_unconfirmed_co_lead_is_refused_naming_them(world, org, scoped):
    call = make_call(org, slug="unconfirmed", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), confirmed=False, leads=[
        {"name": "Ada Lead", "email": "ada@people.example.org", "employer": "T", "sector": "nhs"},
        {"name": "Cy Colead", "email": "cy@people.example.org", "employer": "T", "sector": "nhs"}])
    with pytest.raises(ValidationError, match="Cy Colead"):
        services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                    decision=Decision.FUNDED)


def test_ranking_shows_why_an_application_cannot_be_funded(world, client_for, org):
    call = make_call(org, slug="why", status=CallStatus.UNDER_REVIEW)
    make_application(call, UserFactory(), domain="Falls", leads=INDUSTRY_ALONE)
    make_application(call, UserFactory(), domain="Sepsis")
    html = client_for(world.a.project_manager).get(_url("ranking", call)).content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in html.split('data-testid="rank-row"')[1:]}
    assert 'data-testid="rule-problems"' in rows["Falls"] and "member organisations" in rows["Falls"]
    assert 'data-testid="rule-problems"' not in rows["Sepsis"]


def test_deciding_from_the_page_says_why_it_was_refused(world, client_for, org):
    call = make_call(org, slug="refused", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), domain="Falls", leads=INDUSTRY_ALONE)
    response = client_for(world.a.project_manager).post(
        _url("application_decide", call, application=application.pk), {"decision": "funded"}, follow=True)
    assert "cannot be funded" in response.content.decode()
    with scopes_disabled():
        assert Application.objects.get(pk=application.pk).decision == ""


# --- 5. the manager keeps their place; fewer reviews than required is said --------------------------

def test_recording_a_decision_returns_to_the_same_page_and_row(world, client_for, org):
    call = make_call(org, slug="place", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), domain="Sepsis")
    nxt = _url("ranking", call) + "?page=2&q=seps"
    response = client_for(world.a.project_manager).post(
        _url("application_decide", call, application=application.pk), {"decision": "supported", "next": nxt})
    assert response.status_code == 302
    assert response["Location"] == f"{nxt}#application-{application.pk}"


def test_deciding_never_redirects_off_the_call(world, client_for, org):
    call = make_call(org, slug="offsite", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory())
    for nxt in ("https://example.org/", "//example.org/", f"/{org.slug}/people/", "/\\example.org"):
        response = client_for(world.a.project_manager).post(
            _url("application_decide", call, application=application.pk), {"decision": "supported", "next": nxt})
        assert response["Location"] == _url("ranking", call) + f"#application-{application.pk}"


def test_deciding_with_fewer_reviews_than_required_says_so(world, client_for, org):
    call = make_call(org, slug="short", status=CallStatus.UNDER_REVIEW, reviewers_per_application=2)
    application = make_application(call, UserFactory())
    assign(application, world.a.panel_member, status="submitted")
    client = client_for(world.a.project_manager)
    assert "1 review short of 2" in client.get(_url("ranking", call)).content.decode()
    page = client.post(_url("application_decide", call, application=application.pk), {"decision": "supported"},
                       follow=True).content.decode()
    assert "decided with 1 review fewer than the call requires (1 of 2)" in page


def test_ranking_query_count_is_flat_with_problems_and_reviews(world, client_for, org):
    call = make_call(org, slug="flat", status=CallStatus.UNDER_REVIEW)

    def grow():
        with scopes_disabled():
            criteria = list(call.criteria.all())
        for n in range(4):
            application = make_application(call, UserFactory(), domain=f"Domain {n}",
                                           leads=INDUSTRY_ALONE if n % 2 else None)
            a = assign(application, world.a.panel_member, status="submitted")
            with scopes_disabled():
                for c in criteria:
                    Score.objects.create(organisation=org, assignment=a, criterion=c, value=3)

    grow()
    assert_queries_flat(client_for(world.a.project_manager), _url("ranking", call), grow)


# --- 2 and 5. release: confirmation, letters, communities linked or created --------------------------

def _decided_call(world, org, member_trust=None):
    call = make_call(org, slug="decided", status=CallStatus.UNDER_REVIEW)
    sepsis = CommunityFactory(organisation=org, name="Sepsis", slug="sepsis-of-alpha")
    funded = make_application(call, world.a.member, domain="sepsis", leads=[
        {"name": "Ada Lead", "email": world.a.member.email, "employer": "T", "sector": "nhs"},
        {"name": "Cy Colead", "email": "cy@people.example.org", "employer": "T", "sector": "nhs"}])
    new = make_application(call, UserFactory(), domain="Falls prevention")
    supported = make_application(call, UserFactory(), domain="Delirium")
    with scope(organisation=org):
        for application, decision in ((funded, Decision.FUNDED), (new, Decision.FUNDED),
                                      (supported, Decision.NOT_TAKEN_FORWARD)):
            services.application_decide(organisation=org, by=world.a.project_manager, application=application,
                                        decision=decision)
    return call, sepsis, funded, new


def test_release_page_shows_what_will_be_sent_and_suggests_the_existing_community(world, client_for, org):
    call, sepsis, _funded, _new = _decided_call(world, org)
    client = client_for(world.a.project_manager)
    page = client.get(_url("release", call)).content.decode()
    assert "4 letters will be sent" in page
    assert "3 funded, 0 supported without funding, 0 reserve, 1 not taken forward" in page
    assert re.search(rf'<option value="{sepsis.pk}" selected\s*>Link to the existing community “Sepsis”', page)
    assert re.search(r'<option value="new" selected\s*>Create a new community, “Falls prevention”', page)
    assert not re.search(r'<option value="new" selected\s*>Create a new community, “sepsis”', page)
    with scopes_disabled():
        assert not type(call).objects.get(pk=call.pk).released_at  # a GET changes nothing


def test_release_links_the_existing_community_instead_of_a_second_one(world, client_for, org):
    call, sepsis, funded, new = _decided_call(world, org)
    client = client_for(world.a.project_manager)
    response = client.post(_url("release", call), {"confirm": "yes", f"community_{funded.pk}": str(sepsis.pk),
                                                   f"community_{new.pk}": "new"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Community.objects.filter(organisation=org, name__iexact="sepsis").count() == 1
        assert Application.objects.get(pk=funded.pk).community_id == sepsis.pk
        assert Community.objects.filter(organisation=org, name="Falls prevention").count() == 1
        assert Membership.objects.filter(community=sepsis, user=world.a.member, role="convener").exists()


def test_release_without_confirmation_only_shows_the_summary(world, client_for, org):
    call, *_ = _decided_call(world, org)
    response = client_for(world.a.project_manager).post(_url("release", call), {})
    assert response.status_code == 200 and "letters will be sent" in response.content.decode()
    with scopes_disabled():
        assert not type(call).objects.get(pk=call.pk).released_at


def test_release_refuses_one_community_for_two_applications_and_foreign_ones(world, client_for, org):
    call, sepsis, funded, new = _decided_call(world, org)
    client = client_for(world.a.project_manager)
    page = client.post(_url("release", call), {"confirm": "yes", f"community_{funded.pk}": str(sepsis.pk),
                                               f"community_{new.pk}": str(sepsis.pk)}).content.decode()
    assert "each funded application convenes its own" in page
    page = client.post(_url("release", call), {"confirm": "yes", f"community_{funded.pk}": str(world.b.community.pk),
                                               f"community_{new.pk}": "new"}).content.decode()
    assert "Choose a new community or one of the organisation&#x27;s." in page
    with scopes_disabled():
        assert not type(call).objects.get(pk=call.pk).released_at


def test_release_service_refuses_another_tenants_community(world, org, scoped):
    call, _sepsis, funded, _new = _decided_call(world, org)
    with pytest.raises(ValidationError, match="organisation's communities"):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call,
                                       communities={funded.pk: world.b.community})


def test_undecided_count_reads_in_proper_plurals(world, org, scoped):
    call = make_call(org, slug="plural", status=CallStatus.UNDER_REVIEW)
    make_application(call, UserFactory())
    with pytest.raises(ValidationError, match="^.*1 submitted application has no decision yet"):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    make_application(call, UserFactory(), domain="Falls")
    with pytest.raises(ValidationError, match="2 submitted applications have no decision yet"):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
