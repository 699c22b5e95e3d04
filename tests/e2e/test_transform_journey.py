"""Browser journey for Transform: the Sepsis convener moves Sepsis to Transform, tries to record a split
into one name only (refused, nothing lost), splits it into two new communities, opens one ("split from
Sepsis"), takes it to Transform and merges it into Delirium (refused first without a target); then a member
reads the pages: Sepsis's home says "split into", the merged one is closed and "merged into Delirium", and
Delirium's home names the community that joined it. Every page passes the page checks at 375 px."""

from playwright.sync_api import expect

from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

ORG = "/hin-south-london"
SEPSIS = f"{ORG}/communities/sepsis/"


def _move_to_transform(page, reason):
    move = page.get_by_test_id("move-form")
    move.get_by_label("5. Transform").check()
    move.get_by_label("Why").fill(reason)
    move.get_by_role("button", name="Move the phase").click()
    expect(page.get_by_test_id("current-phase")).to_contain_text("Phase 5: Transform")


def test_convener_splits_sepsis_then_merges_a_new_community_into_delirium(page, demo_site, check_a11y):
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS + "lifecycle/")
    _move_to_transform(page, "Our work has grown two distinct practices: hospital wards and the community.")
    expect(page.get_by_test_id("advice")).to_contain_text("In Transform: record what becomes of the community")
    check_a11y(page)
    fits_a_phone(page)

    # A split into one name only is refused; what was typed stays.
    form = page.get_by_test_id("outcome-form")
    form.get_by_label("Split into new communities").check()
    form.get_by_label("Why", exact=True).fill("Two practices, two communities")
    form.get_by_label("Names of the new communities (for a split)").fill("Sepsis in hospital")
    form.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("alert")).to_contain_text("Name at least 2 new communities")
    form = page.get_by_test_id("outcome-form")
    expect(form.get_by_label("Names of the new communities (for a split)")).to_have_value("Sepsis in hospital")
    check_a11y(page)

    form.get_by_label("Names of the new communities (for a split)").fill("Sepsis in hospital\nSepsis at home")
    form.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("Recorded for Sepsis: split into new communities.")).to_be_visible()
    links = page.get_by_test_id("transform-links")
    expect(links).to_contain_text("Split into Sepsis at home, Sepsis in hospital")
    expect(page.get_by_test_id("outcomes")).to_contain_text("Two practices, two communities")
    check_a11y(page)
    fits_a_phone(page)

    # The new community says where it came from; its convener takes it to Transform and merges it.
    links.get_by_role("link", name="Sepsis in hospital").click()
    expect(page.get_by_test_id("transform-links")).to_contain_text("Split from Sepsis")
    expect(page.get_by_test_id("community-phase")).to_contain_text("Phase 1: Discover")
    check_a11y(page)
    fits_a_phone(page)
    page.get_by_test_id("community-phase").get_by_role("link", name="Discover").click()
    _move_to_transform(page, "The hospital work is the same as Delirium's: one community is stronger.")
    form = page.get_by_test_id("outcome-form")
    form.get_by_label("Merged with another community").check()
    form.get_by_label("Why", exact=True).fill("Same wards, same people")
    form.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the community it merged with.")
    form = page.get_by_test_id("outcome-form")
    form.get_by_label("The community it merged with (for a merge)").select_option(label="Delirium")
    form.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_test_id("transform-links")).to_contain_text("Merged into Delirium")
    expect(page.get_by_test_id("withdraw-form")).to_be_visible()
    check_a11y(page)
    fits_a_phone(page)

    # A member reads the pages: the history stays, the links lead on.
    page.context.clear_cookies()
    sign_in(page, demo_site, "member@hin.example.org")
    page.goto(demo_site + SEPSIS)
    expect(page.get_by_test_id("transform-links")).to_contain_text("Split into Sepsis at home, Sepsis in hospital")
    expect(page.get_by_test_id("community-phase")).to_contain_text("Phase 5: Transform")
    page.get_by_test_id("transform-links").get_by_role("link", name="Sepsis in hospital").click()
    expect(page.get_by_test_id("community-settings")).to_contain_text("Closed")
    expect(page.get_by_test_id("transform-links")).to_contain_text("Merged into Delirium")
    check_a11y(page)
    fits_a_phone(page)
    page.get_by_test_id("transform-links").get_by_role("link", name="Delirium").click()
    expect(page.get_by_test_id("transform-links")).to_contain_text("Joined by Sepsis in hospital")
    check_a11y(page)
    fits_a_phone(page)
    page.goto(demo_site + SEPSIS + "lifecycle/")
    expect(page.get_by_test_id("timeline")).to_contain_text("→ Transform")
    expect(page.get_by_test_id("outcomes")).to_contain_text("Split into new communities")
    check_a11y(page)

    # The project manager follows the phase counts on the home page to the state of play and the directory.
    page.context.clear_cookies()
    sign_in(page, demo_site, "pm@hin.example.org")
    counts = page.get_by_test_id("phase-counts")
    expect(counts).to_contain_text("5. Transform")
    check_a11y(page)
    fits_a_phone(page)
    counts.get_by_role("link", name="2 communities in Transform").click()
    table = page.get_by_test_id("state-of-play")
    expect(table).to_contain_text("Sepsis in hospital")
    expect(table).to_contain_text("5: Transform")
    expect(page.get_by_test_id("state-count")).to_have_text("2 communities")
    check_a11y(page)
    fits_a_phone(page)
    page.goto(demo_site + ORG + "/communities/?phase=discover")
    expect(page.get_by_test_id("community-list")).to_contain_text("Sepsis at home")
    expect(page.get_by_test_id("community-list")).not_to_contain_text("Sepsis in hospital")
    check_a11y(page)
    fits_a_phone(page)
