"""Browser journey for cross-community events: the HIN's project manager creates a Basecamp for Sepsis and
Delirium (a wrong end time first is refused, nothing typed lost); a member of both communities is invited
once and answers yes on the event's page; once the day has come, the project manager records attendance
and notes; the Sepsis community's Events page lists the Basecamp. Every page is checked with axe, the Nu
HTML Checker and for sideways scrolling on a 375-pixel phone (``page_checks``)."""

import re
from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cop_platform.accounts.models import User
from cop_platform.models import OutgoingEmail
from programmes.models import Event
from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

EVENTS = "/hin-south-london/events/"
SEPSIS = "/hin-south-london/communities/sepsis/"
TITLE = "HIN Summer Basecamp"


def test_staff_create_a_basecamp_member_answers_staff_record_it_and_the_community_lists_it(
        page, browser, demo_site, check_a11y):
    day = timezone.localdate() + timedelta(days=20)
    sign_in(page, demo_site, "pm@hin.example.org")
    page.goto(demo_site + EVENTS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    check_a11y(page)
    fits_a_phone(page)

    # Create: a wrong end time first is refused with a clear message and loses nothing typed.
    page.get_by_role("link", name="Create an event").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Sepsis").check()
    page.get_by_label("Delirium").check()
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("09:00")
    page.get_by_label("Place").fill("Croydon University Hospital")
    page.get_by_label("Description").fill("Bring one story of practice you changed.\n\nAnd one question.")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("alert")).to_contain_text("must end after it starts")
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Delirium")).to_be_checked()
    check_a11y(page)
    fits_a_phone(page)
    page.get_by_label("Ends at").fill("16:00")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_test_id("event-communities")).to_contain_text("Delirium")
    expect(page.get_by_test_id("event-description").locator("p")).to_have_count(2)
    check_a11y(page)
    fits_a_phone(page)
    event_url = page.url
    assert re.search(r"/events/\d+/$", event_url)

    # Marcus is in both communities: invited once.
    member = User.objects.get(email="member@hin.example.org")
    with scopes_disabled():
        event = Event.objects.get(title=TITLE)
        invitations = OutgoingEmail.objects.filter(key__startswith=f"event:{event.pk}:invited:")
        assert invitations.filter(to=member.email).count() == 1
        assert invitations.count() == len(set(invitations.values_list("to", flat=True)))

    # The member answers yes on the event's page.
    other = browser.new_context().new_page()
    sign_in(other, demo_site, "member@hin.example.org")
    other.goto(event_url)
    other.get_by_label("Yes, I am coming").check()
    other.get_by_role("button", name="Save my answer").click()
    expect(other.get_by_test_id("my-response")).to_contain_text("Yes, I am coming")
    expect(other.get_by_test_id("response-counts")).to_contain_text("1 coming")
    check_a11y(other)
    fits_a_phone(other)

    # The day comes (moved here rather than waited for) and the project manager records it.
    with scopes_disabled():
        starts_at = timezone.now() - timedelta(hours=7)
        Event.objects.filter(pk=event.pk).update(starts_at=starts_at, ends_at=starts_at + timedelta(hours=6))
    page.goto(event_url)
    expect(page.get_by_test_id("response-counts")).to_contain_text("1 coming")
    page.get_by_role("link", name="Record attendance and notes").click()
    check_a11y(page)
    fits_a_phone(page)
    page.get_by_label(member.display_name, exact=True).check()
    page.get_by_label("Notes").fill("Case clinics in the morning.\n\nSepsis and Delirium agreed a joint huddle.")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("status")).to_contain_text("The record of the event is saved")
    expect(page.get_by_test_id("attendance-count")).to_contain_text("1 person came")
    expect(page.get_by_test_id("event-notes").locator("p")).to_have_count(2)
    check_a11y(page)
    fits_a_phone(page)

    # The Sepsis community's Events page lists it.
    other.goto(demo_site + SEPSIS)
    nav = other.get_by_role("navigation", name="In this community")
    nav.get_by_role("link", name="Events").click()
    expect(nav.get_by_role("link", name="Events")).to_have_attribute("aria-current", "page")
    expect(other.get_by_test_id("community-event-list")).to_contain_text(TITLE)
    expect(other.get_by_test_id("community-event-list")).to_contain_text("With Delirium")
    check_a11y(other)
    fits_a_phone(other)
