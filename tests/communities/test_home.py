"""The community home: Domain, Practice, Community and reflection edited in place; the domain's history;
status and visibility; the start-up checklist; the convener's dashboard."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities import selectors, services
from communities.models import Community, DomainVersion, MapEntry, Membership
from cop_platform.models import AuditEvent


def url(tenant, name, community=None, **kwargs):
    community = community or tenant.community
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": community.slug, **kwargs})


def fresh(community):
    with scopes_disabled():
        return Community.objects.get(pk=community.pk)


def test_edit_domain_in_place_with_htmx_returns_the_section(world, client_for):
    client = client_for(world.a.convener)
    form = client.get(url(world.a, "edit", section="domain"), HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and b"<html" not in form.content and b'name="domain_statement"' in form.content
    response = client.post(url(world.a, "edit", section="domain"), {"domain_statement": "Spotting sepsis early."},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"<html" not in response.content
    assert b'id="section-domain"' in response.content and b"Spotting sepsis early." in response.content
    assert fresh(world.a.community).domain_statement == "Spotting sepsis early."


def test_edit_without_htmx_redirects_home(world, client_for):
    response = client_for(world.a.convener).post(url(world.a, "edit", section="practice"),
                                                 {"practice": "Screening\nHandover", "repertoire": "Stories"})
    assert response.status_code == 302
    assert fresh(world.a.community).practice == "Screening\nHandover"


def test_cancel_returns_the_display(world, client_for):
    response = client_for(world.a.convener).get(url(world.a, "edit", section="reflection") + "?cancel=1",
                                                HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b'data-testid="reflection"' in response.content


def test_domain_versions_are_kept(world, client_for):
    client = client_for(world.a.convener)
    for text in ["Version two", "Version three"]:
        client.post(url(world.a, "edit", section="domain"), {"domain_statement": text})
    with scopes_disabled():
        texts = list(DomainVersion.objects.filter(community=world.a.community).values_list("text", flat=True))
    assert texts == ["Version three", "Version two", "What we care about, in a few sentences."]
    page = client_for(world.a.member).get(url(world.a, "domain_history"))
    assert b"Version two" in page.content and b"(first draft)" in page.content


def test_hostile_html_in_the_domain_is_escaped(world, client_for):
    client_for(world.a.convener).post(url(world.a, "edit", section="domain"),
                                      {"domain_statement": '<img src=x onerror="alert(1)">Sepsis'})
    page = client_for(world.a.member).get(url(world.a, "home"))
    assert b"<img src=x" not in page.content and b"&lt;img src=x" in page.content


def test_unknown_status_is_refused_and_nothing_saved(world, client_for):
    response = client_for(world.a.convener).post(url(world.a, "edit", section="settings"),
                                                 {"status": "imaginary", "visibility": "listed"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert fresh(world.a.community).status == "active"


def test_settings_change_is_audited_and_unlisting_hides_the_community(world, client_for):
    client_for(world.a.convener).post(url(world.a, "edit", section="settings"),
                                      {"status": "dormant", "visibility": "unlisted", "open_to_join": ""})
    community = fresh(world.a.community)
    assert (community.status, community.visibility) == ("dormant", "unlisted")
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="community.settings_changed").exists()
    assert client_for(world.a.outsider).get(url(world.a, "home")).status_code == 404
    assert client_for(world.a.member).get(url(world.a, "home")).status_code == 200


def test_unknown_section_is_404(world, client_for):
    assert client_for(world.a.convener).get(url(world.a, "edit", section="nope")).status_code == 404


@pytest.mark.parametrize("section,data", [("domain", {"domain_statement": "Taken over"}),
                                          ("settings", {"status": "closed", "visibility": "unlisted"})])
def test_plain_member_cannot_edit_the_home(world, client_for, section, data):
    response = client_for(world.a.member).post(url(world.a, "edit", section=section), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    community = fresh(world.a.community)
    assert community.domain_statement != "Taken over" and community.status == "active"


def test_member_sees_no_edit_links_or_dashboard(world, client_for):
    page = client_for(world.a.member).get(url(world.a, "home"))
    assert b"data-testid=\"edit-domain\"" not in page.content
    assert b"convener-dashboard" not in page.content and b"startup-checklist" not in page.content


DEVELOPED_DOMAIN = ("Recognising sepsis early in every setting: how wards, emergency departments, ambulance crews "
                    "and care homes screen, escalate and hand over, what the audits tell us, and how patients and "
                    "families can raise the alarm.")


def test_startup_checklist_is_ticked_by_doing_things(world, client_for, django_capture_on_commit_callbacks):
    community = world.a.community
    org = world.a.organisation
    with scope(organisation=org):
        steps = {s["key"]: s["done"] for s in selectors.startup_checklist(community=community)["steps"]}
        assert steps == {"domain": False, "map": False, "invitation": False, "conversation": False,
                         "roles": False, "define": False}  # the statement it was created with is a draft
        MapEntry.objects.create(organisation=org, community=community, name="Someone")
        with django_capture_on_commit_callbacks(execute=True):
            services.invitations_create(organisation=org, by=world.a.convener, community=community,
                                        addresses=["first@example.org"], message="Hi")
        Membership.objects.filter(community=community, user=world.a.member).update(working_role="weaver")
        services.community_update(organisation=org, by=world.a.convener, community=community, section="community",
                                  data={"who_else": "Care homes"})
        services.community_update(organisation=org, by=world.a.convener, community=community, section="domain",
                                  data={"domain_statement": DEVELOPED_DOMAIN})
        steps = {s["key"]: s["done"] for s in selectors.startup_checklist(community=fresh(community))["steps"]}
    assert steps == {"domain": True, "map": True, "invitation": True, "conversation": False, "roles": True,
                     "define": True}
    client = client_for(world.a.convener)
    client.post(url(world.a, "startup_step"), {"step": "conversation", "done": "1"})
    assert fresh(community).startup_ticks == ["conversation"]
    response = client.post(url(world.a, "startup_step"), {"step": "map", "done": "1"})
    assert b"ticked by doing it" in client.get(response["Location"]).content


def test_convener_dashboard_shows_join_requests(world, client_for):
    from communities.models import JoinRequest

    with scopes_disabled():
        JoinRequest.objects.create(organisation=world.a.organisation, community=world.a.community,
                                   user=world.a.outsider)
    page = client_for(world.a.convener).get(url(world.a, "home"))
    assert world.a.outsider.display_name.encode() in page.content
