"""The six start-up steps link to where each is done; "Develop the domain" needs a domain written in the
community, not the statement carried over from the convener's application."""

import re

import pytest
from django_scopes import scope, scopes_disabled

from communities import rules, selectors, services
from tests.communities.test_home import DEVELOPED_DOMAIN
from tests.communities.test_meetings import url
from tests.factories import member_of


def _steps(community):
    with scope(organisation=community.organisation):
        return {s["key"]: s["done"] for s in selectors.startup_checklist(community=community)["steps"]}


@pytest.fixture
def funded(world):
    """A community as funding a call creates it: its domain is the applicant's one-line statement."""
    with scope(organisation=world.a.organisation):
        community = services.community_create(organisation=world.a.organisation, name="Falls Prevention",
                                              domain_statement="I care about preventing falls.")
    member_of(community, user=world.a.convener, role="convener")
    return community


def test_the_applicants_statement_does_not_tick_develop_the_domain(world, funded):
    assert _steps(funded)["domain"] is False


def test_a_domain_written_in_the_community_ticks_it(world, client_for, funded):
    client = client_for(world.a.convener)
    response = client.post(url(world.a, "edit", community=funded, section="domain"),
                           {"domain_statement": DEVELOPED_DOMAIN})
    assert response.status_code in (200, 302)
    with scopes_disabled():
        funded.refresh_from_db()
    assert funded.domain_statement == DEVELOPED_DOMAIN
    assert _steps(funded)["domain"] is True


def test_a_one_line_domain_written_in_the_community_does_not_tick_it(world, client_for, funded):
    client_for(world.a.convener).post(url(world.a, "edit", community=funded, section="domain"),
                                      {"domain_statement": "Falls, mostly at night."})
    assert _steps(funded)["domain"] is False


@pytest.mark.parametrize("statement,written,done", [
    ("", True, False),
    ("word " * (rules.DOMAIN_MIN_WORDS - 1), True, False),
    ("word " * rules.DOMAIN_MIN_WORDS, True, True),
    ("word " * 500, False, False),
])
def test_domain_is_developed_rule(statement, written, done):
    assert rules.domain_is_developed(statement=statement, written_in_community=written) is done


def test_each_step_links_to_the_page_where_it_is_done(world, client_for, funded):
    client = client_for(world.a.convener)
    page = client.get(url(world.a, "home", community=funded)).content.decode()
    expected = {
        "domain": url(world.a, "edit", community=funded, section="domain"),
        "map": url(world.a, "map", community=funded),
        "invitation": url(world.a, "invite", community=funded),
        "conversation": url(world.a, "meeting_new", community=funded),
        "roles": url(world.a, "members", community=funded),
        "define": url(world.a, "edit", community=funded, section="community"),
    }
    for key, href in expected.items():
        item = re.search(rf'data-testid="step-{key}">(.*?)</li>', page, re.DOTALL).group(1)
        assert f'href="{href}"' in item, key
        assert client.get(href).status_code == 200, key
