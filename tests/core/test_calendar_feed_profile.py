"""The calendar feed from the account page: made, shown once, regenerated, turned off."""

import re
from urllib.parse import urlsplit

from cop_platform.accounts.models import CalendarFeed

URL = re.compile(r'value="(http://[^"]+/calendar/[A-Za-z0-9_-]+\.ics)"')
COMMUNITY_URL = re.compile(r'value="http://[^"]+(/calendar/[A-Za-z0-9_-]+/communities/\d+\.ics)"')


def _path(url):
    return urlsplit(url).path


def test_profile_makes_shows_once_regenerates_and_turns_off_the_feed(world, client_for):
    client = client_for(world.a.member)
    assert "You have no calendar feed." in client.get("/accounts/profile/").content.decode()
    made = client.post("/accounts/profile/calendar/", {"action": "issue"})
    assert made.status_code == 200
    first = URL.search(made.content.decode()).group(1)
    assert client.get(_path(first)).status_code == 200
    communities = COMMUNITY_URL.findall(made.content.decode())
    assert len(communities) == 1  # the member's one community
    assert client.get(communities[0]).status_code == 200
    page = client.get("/accounts/profile/").content.decode()
    assert "Your calendar feed is on." in page
    assert _path(first) not in page  # never shown again
    second = URL.search(client.post("/accounts/profile/calendar/", {"action": "issue"}).content.decode()).group(1)
    assert second != first
    assert client.get(_path(first)).status_code == 404
    assert client.get(_path(second)).status_code == 200
    turned_off = client.post("/accounts/profile/calendar/", {"action": "revoke"})
    assert turned_off.status_code == 302
    assert client.get(_path(second)).status_code == 404
    assert not CalendarFeed.objects.filter(user=world.a.member).exists()


def test_feed_page_needs_sign_in_and_a_post(world, client, client_for):
    assert client.post("/accounts/profile/calendar/", {"action": "issue"}).status_code == 302
    assert not CalendarFeed.objects.exists()
    assert client_for(world.a.member).get("/accounts/profile/calendar/").status_code == 405


def test_revoking_without_a_feed_is_harmless(world, client_for):
    response = client_for(world.a.member).post("/accounts/profile/calendar/", {"action": "revoke"})
    assert response.status_code == 302
