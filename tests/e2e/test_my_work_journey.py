"""Browser journey for My work and the calendar feed: a member of two communities opens My work from the
header and sees their coming meeting and an action they own; on their account page they make their
calendar feed address, a calendar client (no session) reads their meetings from it, they make a new
address, and the old one answers 404. Every page passes the page checks (375 px, Nu HTML checker, CSP)."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import expect

from tests.e2e.test_sign_in import sign_in

MEMBER = "member@hin.example.org"


def _calendar_client(url, site):
    """What a calendar application does: a plain GET with no cookies (the address shown names the
    configured SITE_URL; the test's server listens elsewhere)."""
    try:
        with urllib.request.urlopen(site + urlsplit(url).path, timeout=20) as response:  # noqa: S310 (the live test server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_member_sees_my_work_and_subscribes_to_their_calendar(page, demo_site, check_a11y):
    sign_in(page, demo_site, MEMBER)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    meetings = page.get_by_test_id("my-meetings")
    expect(meetings.get_by_role("listitem").first).to_be_visible()
    expect(page.get_by_test_id("my-actions").get_by_role("listitem").first).to_be_visible()
    first_meeting = meetings.get_by_role("link").first.inner_text()
    check_a11y(page)

    page.get_by_role("link", name="subscribe to your calendar feed").click()
    expect(page.get_by_test_id("calendar-feed-off")).to_be_visible()
    page.get_by_role("button", name="Make my feed address").click()
    old = page.get_by_test_id("calendar-feed-url").input_value()
    check_a11y(page)
    status, body = _calendar_client(old, demo_site)
    assert status == 200
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert any(s.endswith(first_meeting) for s in summaries), (first_meeting, summaries)

    page.get_by_role("button", name="Make a new feed address").click()
    new = page.get_by_test_id("calendar-feed-url").input_value()
    assert new != old
    assert _calendar_client(old, demo_site)[0] == 404
    assert _calendar_client(new, demo_site)[0] == 200

    page.goto(demo_site + "/accounts/profile/")
    expect(page.get_by_test_id("calendar-feed-on")).to_be_visible()
    page.get_by_role("button", name="Turn off my calendar feed").click()
    expect(page.get_by_test_id("calendar-feed-off")).to_be_visible()
    assert _calendar_client(new, demo_site)[0] == 404


@pytest.mark.parametrize("email,panel", [("convener@hin.example.org", "my-meetings"),
                                         ("panel@hin.example.org", "my-reviews")])
def test_demo_logins_see_their_work(page, demo_site, email, panel):
    sign_in(page, demo_site, email)
    page.goto(demo_site + "/hin-south-london/my-work/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_test_id(panel).get_by_role("listitem").first).to_be_visible()
