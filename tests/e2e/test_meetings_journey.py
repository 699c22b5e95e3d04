"""Browser journey for meetings: the Sepsis convener schedules a meeting (after a wrong end time), a member
says they are coming, the convener sees who is coming, reschedules the meeting and then cancels it; the
update and the cancellation reach the outbox with their calendar files. Every page is checked with axe
and for sideways scrolling on a 375-pixel phone."""

import re
from datetime import timedelta

import icalendar
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Meeting
from cop_platform.accounts.models import User
from cop_platform.models import OutgoingEmail
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
TITLE = "Practice exchange: escalation at night"


def fits_a_phone(page):
    """At 375 px wide (every journey runs at a phone's width) the page does not scroll sideways: the
    community navigation wraps."""
    assert page.viewport_size["width"] == 375
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at 375px"


def _calendar_methods(messages):
    """(METHOD, SEQUENCE) of the calendar file attached to each message."""
    found = []
    for message in messages:
        (name, content, mimetype), = message.attachments
        assert name.endswith(".ics") and mimetype.startswith("text/calendar")
        cal = icalendar.Calendar.from_ical(content)
        found.append((str(cal["METHOD"]), int(cal.walk("VEVENT")[0]["SEQUENCE"])))
    return set(found)


def test_convener_schedules_member_says_yes_convener_reschedules_then_cancels(page, browser, demo_site,
                                                                              check_a11y):
    mail.outbox.clear()
    day = timezone.localdate() + timedelta(days=20)
    later = day + timedelta(days=7)
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS)
    nav = page.get_by_role("navigation", name="In this community")
    nav.get_by_role("link", name="Meetings").click()
    expect(nav.get_by_role("link", name="Meetings")).to_have_attribute("aria-current", "page")
    check_a11y(page)
    fits_a_phone(page)

    # Schedule: a wrong end time first is refused with a clear message and loses nothing typed.
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Ends at").fill("13:00")
    page.get_by_label("Place").fill("Seminar room 3")
    page.get_by_label("Agenda").fill("1. Welcome\n\n2. The night-shift huddle")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("must end after it starts")
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    check_a11y(page)
    page.get_by_label("Ends at").fill("15:30")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_test_id("meeting-agenda").locator("p")).to_have_count(2)
    check_a11y(page)
    fits_a_phone(page)
    meeting_url = page.url
    member = User.objects.get(email="member@hin.example.org")
    assert any(m.to == [member.email] and TITLE in m.subject for m in mail.outbox)

    # A member says they are coming, and can see their answer.
    other = browser.new_context().new_page()
    sign_in(other, demo_site, "member@hin.example.org")
    other.goto(meeting_url)
    other.get_by_label("Yes, I am coming").check()
    other.get_by_role("button", name="Save my answer").click()
    expect(other.get_by_test_id("my-response")).to_contain_text("Yes, I am coming")
    expect(other.get_by_test_id("response-counts")).to_contain_text("1 coming")
    check_a11y(other)
    fits_a_phone(other)

    # The convener sees who is coming, then reschedules.
    page.reload()
    expect(page.get_by_test_id("response-names")).to_contain_text(member.display_name)
    page.get_by_role("link", name="Change or reschedule").click()
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    check_a11y(page)
    page.get_by_label("Date").fill(later.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("11:30")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("status")).to_contain_text("The meeting is changed")
    expect(page.get_by_test_id("meeting-details")).to_contain_text("10:00 to 11:30")

    # ... and cancels it, after a confirmation that says who will be told.
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Cancel {TITLE}?")
    expect(page.get_by_text("who said they are coming")).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.get_by_test_id("meeting-cancelled")).to_have_text("Cancelled")
    check_a11y(page)

    with scopes_disabled():
        meeting = Meeting.objects.get(title=TITLE)
        rows = {kind: OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:{kind}:")
                for kind in ("scheduled", "updated", "cancelled")}
        assert member.email in {row.to for row in rows["updated"]} & {row.to for row in rows["cancelled"]}
        assert all(row.subject.startswith("Changed: ") for row in rows["updated"])
        assert all(row.subject.startswith("Cancelled: ") for row in rows["cancelled"])
    to_member = [m for m in mail.outbox if m.to == [member.email] and TITLE in m.subject]
    assert len(to_member) == 3
    assert _calendar_methods(to_member) == {("REQUEST", 0), ("REQUEST", 1), ("CANCEL", 2)}
    other.goto(meeting_url)
    expect(other.get_by_test_id("meeting-cancelled")).to_be_visible()
    expect(other.get_by_role("button", name="Save my answer")).to_have_count(0)
    assert re.search(r"/meetings/\d+/$", meeting_url)
