"""The core's home page, person page and header are assembled from what the apps register."""

import pytest

from cop_platform import registry


@pytest.fixture
def extra_panel():
    calls = []

    def context(tenant, user):
        calls.append(user.email)
        return {"memberships": []} if user.email.startswith("admin@") else None

    registry.register_home_panel("tests.extra", template="communities/_person_panel.html", context=context, order=1)
    yield calls
    registry.unregister("tests.extra")


def test_a_registered_home_panel_shows_for_whom_its_context_says(world, client_for, extra_panel):
    body = client_for(world.a.admin).get("/tenant-a/").content.decode()
    assert "Not in any community here." in body
    body = client_for(world.a.member).get("/tenant-a/").content.decode()
    assert "Not in any community here." not in body
    assert extra_panel == ["admin@tenant-a.example.org", "member@tenant-a.example.org"]


def test_panels_come_in_their_order(world, client_for, extra_panel):
    body = client_for(world.a.admin).get("/tenant-a/").content.decode()
    assert body.index("Not in any community here.") < body.index("Your communities")


def test_the_apps_register_their_panels_and_navigation():
    keys = [panel.key for panel in registry.panels(registry.HOME)]
    assert keys == ["conveners.calls", "programmes.programmes", "communities.yours", "programmes.lifecycle",
                    "evaluation.values", "programmes.cohort_applications", "programmes.events"]
    assert [panel.key for panel in registry.panels(registry.PERSON)] == ["communities.person"]
    assert [panel.key for panel in registry.panels(registry.MY_WORK)] == [
        "communities.my_work", "programmes.my_work", "conveners.my_work"]
    assert [source.kind for source in registry.calendar_sources()] == [
        "meeting", "programme_event", "programme_session"]
    texts = [item.text for item in registry.navigation_items()]
    assert texts == ["Home", "My work", "Communities", "State of play", "Calls", "Programmes", "Evaluation",
                     "People", "Audit trail", "Settings"]


def _navigation(client):
    response = client.get("/tenant-a/communities/")
    return [(item.text, item.current) for item in response.context["navigation"]]


def test_navigation_follows_each_items_predicate(world, client_for):
    start = [("Home", False), ("My work", False), ("Communities", True)]
    assert _navigation(client_for(world.a.member)) == [*start, ("Calls", False), ("Programmes", False)]
    assert _navigation(client_for(world.a.project_manager)) == [
        *start, ("State of play", False), ("Calls", False), ("Programmes", False), ("Evaluation", False)]
    assert _navigation(client_for(world.a.evaluator)) == [
        *start, ("Calls", False), ("Programmes", False), ("Evaluation", False)]
    assert [text for text, _ in _navigation(client_for(world.a.admin))] == [
        "Home", "My work", "Communities", "State of play", "Calls", "Programmes", "Evaluation", "People",
        "Audit trail", "Settings"]


def test_a_registered_navigation_item_appears_and_can_be_current(world, client_for):
    registry.register_navigation_item("tests.people", text="Everyone", url_name="tenant_people", order=5,
                                      allowed=lambda tenant: tenant.has_role("admin"))
    try:
        client = client_for(world.a.admin)
        items = [(i.text, i.current) for i in client.get("/tenant-a/people/").context["navigation"]]
        assert items[:2] == [("Home", False), ("Everyone", True)]
        assert "Everyone" not in [t for t, _ in _navigation(client_for(world.a.member))]
    finally:
        registry.unregister("tests.people")


def test_an_admin_sees_a_persons_communities_on_their_page(world, client_for):
    from django_scopes import scopes_disabled

    from cop_platform.tenancy.models import OrganisationMember

    with scopes_disabled():
        member = OrganisationMember.objects.get(organisation=world.a.organisation, user=world.a.member)
    body = client_for(world.a.admin).get(f"/tenant-a/people/{member.pk}/").content.decode()
    assert world.a.community.name in body
