"""Browser journey for the lifecycle: the Sepsis convener opens its lifecycle page from the community
navigation, records a check-in on the four reflective questions, tries to move the phase without a reason
(refused, nothing lost), then moves Sepsis from Discover to Unite with a reason, and the timeline shows it."""

from playwright.sync_api import expect

from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
REASON = "Two huddles held; ward nurses and paramedics now share near misses openly."


def test_convener_checks_in_and_moves_sepsis_from_discover_to_unite(page, demo_site, check_a11y):
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS)
    nav = page.get_by_role("navigation", name="In this community")
    nav.get_by_role("link", name="Lifecycle").click()
    expect(nav.get_by_role("link", name="Lifecycle")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("current-phase")).to_contain_text("Phase 1: Discover")
    check_a11y(page)
    fits_a_phone(page)

    # A check-in on the four questions.
    form = page.get_by_test_id("checkin-form")
    form.get_by_label("What are we trying to do?").fill("Spot sepsis sooner across the region")
    form.get_by_label("How do we need to do it?").fill("Monthly huddles and a shared escalation chart")
    form.get_by_label("Who needs to do it?").fill("Ward nurses, paramedics and GPs")
    form.get_by_label("How will we know we are doing it?").fill("Time to antibiotics falls")
    form.get_by_role("button", name="Record the check-in").click()
    expect(page.get_by_text("The check-in is recorded.")).to_be_visible()
    expect(page.get_by_test_id("latest-checkin")).to_contain_text("Time to antibiotics falls")
    fits_a_phone(page)

    # A move without a reason is refused with a clear message and keeps the choice.
    move = page.get_by_test_id("move-form")
    move.get_by_label("2. Unite").check()
    move.get_by_role("button", name="Move the phase").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why the community is moving")
    move = page.get_by_test_id("move-form")
    expect(move.get_by_label("2. Unite")).to_be_checked()
    expect(page.get_by_test_id("current-phase")).to_contain_text("Phase 1: Discover")
    check_a11y(page)

    move.get_by_label("Why").fill(REASON)
    move.get_by_role("button", name="Move the phase").click()
    expect(page.get_by_text("Sepsis is now in Unite.")).to_be_visible()
    expect(page.get_by_test_id("current-phase")).to_contain_text("Phase 2: Unite")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("Discover → Unite")
    expect(timeline).to_contain_text(REASON)
    expect(page.get_by_test_id("latest-checkin")).to_contain_text("Spot sepsis sooner across the region")
    check_a11y(page)
    fits_a_phone(page)
