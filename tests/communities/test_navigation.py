"""The community's own navigation at the top of its pages: who sees which link, and which is current."""

import re
from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Meeting
from tests.communities.test_meetings import url


def _nav(response):
    html = response.content.decode()
    match = re.search(r'<nav class="convene-subnav"[^>]*>(.*?)</nav>', html, re.DOTALL)
    assert match, "no community navigation on the page"
    links = re.findall(r'<a class="convene-subnav__link" href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>',
                       match.group(1))
    return html, match.start(), [(label, href, current) for href, current, label in links]


def test_a_member_sees_the_community_pages_but_not_the_conveners_ones(world, client_for):
    _, _, links = _nav(client_for(world.a.member).get(url(world.a, "members")))
    assert [label for label, _, _ in links] == ["Home", "Members", "Meetings", "Conversations", "Momentum plan",
                                                "Library", "Learning journal", "Lifecycle", "Events", "Value"]
    assert links[2][1] == url(world.a, "meetings")


def test_conveners_also_see_the_map_and_invitations(world, client_for):
    _, _, links = _nav(client_for(world.a.convener).get(url(world.a, "home")))
    assert [label for label, _, _ in links][-2:] == ["Community map", "Invitations"]


def test_host_staff_outside_the_community_see_the_conveners_pages_they_may_open(world, client_for):
    client = client_for(world.a.project_manager)
    _, _, links = _nav(client.get(url(world.a, "library")))
    for label, href, _ in links:
        assert client.get(href).status_code == 200, label


def test_the_current_page_is_marked_and_the_nav_comes_before_the_heading(world, client_for):
    html, start, links = _nav(client_for(world.a.member).get(url(world.a, "meetings")))
    assert [(label, current) for label, _, current in links if current] == [("Meetings", "page")]
    assert start < html.index("<h1")
    _, _, links = _nav(client_for(world.a.member).get(url(world.a, "home")))
    assert [(label, current) for label, _, current in links if current] == [("Home", "page")]


def test_a_page_inside_a_section_marks_its_section_but_not_as_the_page(world, client_for):
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="Soon", starts_at=timezone.now() + timedelta(days=1),
                                         ends_at=timezone.now() + timedelta(days=1, hours=1), place="Room")
    _, _, links = _nav(client_for(world.a.member).get(url(world.a, "meeting", meeting_id=meeting.pk)))
    assert [(label, current) for label, _, current in links if current] == [("Meetings", "true")]


def test_the_lifecycle_page_of_another_app_is_marked_current(world, client_for):
    from django.urls import reverse

    address = reverse("programmes:lifecycle", kwargs={"org": world.a.organisation.slug, "slug": world.a.community.slug})
    _, _, links = _nav(client_for(world.a.member).get(address))
    assert [(label, href, current) for label, href, current in links if current] == [("Lifecycle", address, "page")]
