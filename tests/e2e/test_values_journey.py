"""Browser journey for the value work: the Sepsis convener opens the community's value page from its
navigation, chooses an indicator of their own, tries to add evidence without a cycle (refused, nothing
lost), then adds it; the evaluator lands on the evaluation home, sees Sepsis with evidence this quarter
and opens its value page, where the evidence and the indicator sit on the ladder."""

from playwright.sync_api import expect

from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
QUOTE = "I used the escalation chart on my night shift and called the outreach team an hour earlier."


def test_convener_records_value_and_the_evaluator_sees_it(page, demo_site, check_a11y, browser):
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS)
    nav = page.get_by_role("navigation", name="In this community")
    nav.get_by_role("link", name="Value").click()
    expect(nav.get_by_role("link", name="Value")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("value-ladder")).to_contain_text("Applied value")
    check_a11y(page)
    fits_a_phone(page)

    page.get_by_role("link", name="Choose the indicators").click()
    own = page.get_by_test_id("own-indicator-form")
    own.get_by_label("Value cycle").select_option(label="Realised value")
    own.get_by_label("Name").fill("Screening within the hour")
    own.get_by_label("How it is measured").fill("From the monthly ward audit")
    own.get_by_label("How often").select_option(label="Every month")
    own.get_by_role("button", name="Add our indicator").click()
    expect(page.get_by_text("The indicator is chosen.")).to_be_visible()
    expect(page.get_by_test_id("community-indicators")).to_contain_text("Screening within the hour")
    check_a11y(page)
    fits_a_phone(page)

    page.goto(demo_site + SEPSIS + "value/evidence/")
    form = page.get_by_test_id("evidence-form")
    form.get_by_label("Kind of evidence").select_option(label="Quote")
    form.get_by_label("Title").fill("A ward nurse on the escalation chart")
    form.get_by_label("Description or quote").fill(QUOTE)
    form.get_by_label("Date", exact=True).fill("2026-11-02")
    form.get_by_role("button", name="Add the evidence").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
    form = page.get_by_test_id("evidence-form")
    expect(form.get_by_label("Description or quote")).to_have_value(QUOTE)
    check_a11y(page)
    form.get_by_label("Applied value").check()
    form.get_by_label("Within the community only").check()
    form.get_by_role("button", name="Add the evidence").click()
    expect(page.get_by_text("is recorded as evidence")).to_be_visible()
    expect(page.get_by_test_id("evidence-list")).to_contain_text("A ward nurse on the escalation chart")
    check_a11y(page)
    fits_a_phone(page)

    evaluator = browser.new_context().new_page()
    try:
        sign_in(evaluator, demo_site, "evaluator@hin.example.org")
        evaluator.goto(demo_site + "/hin-south-london/")
        evaluator.get_by_role("link", name="Evaluation home").click()
        expect(evaluator.get_by_test_id("evidence-per-cycle")).to_contain_text("Applied value")
        communities = evaluator.get_by_test_id("evaluation-communities")
        expect(communities).to_contain_text("Sepsis")
        check_a11y(evaluator)
        fits_a_phone(evaluator)
        communities.get_by_role("link", name="Sepsis", exact=False).first.click()
        expect(evaluator.get_by_test_id("recent-evidence")).to_contain_text("A ward nurse on the escalation chart")
        expect(evaluator.get_by_test_id("value-ladder")).to_contain_text("Screening within the hour")
        check_a11y(evaluator)
        fits_a_phone(evaluator)
    finally:
        evaluator.close()


def test_evaluator_tends_the_library_and_the_convener_records_a_value(page, demo_site, check_a11y, browser):
    """The other value pages, each through the page checks: the cycles, the library of suggested indicators
    and one of them, a community indicator with a value recorded by hand, and the evidence's edit page."""
    sign_in(page, demo_site, "evaluator@hin.example.org")
    page.goto(demo_site + "/hin-south-london/evaluation/cycles/")
    expect(page.get_by_test_id("knowledge-capital")).to_contain_text("Reputational capital")
    check_a11y(page)
    fits_a_phone(page)
    page.goto(demo_site + "/hin-south-london/evaluation/indicators/")
    page.get_by_role("link", name="Meetings worth my time").click()
    page.get_by_label("Retired: no longer offered to communities").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("suggested-indicators")).to_contain_text("Retired")
    check_a11y(page)
    fits_a_phone(page)

    convener = browser.new_context().new_page()
    try:
        sign_in(convener, demo_site, "convener@hin.example.org")
        convener.goto(demo_site + SEPSIS + "value/indicators/")
        choose = convener.get_by_test_id("choose-indicator-form")
        expect(choose.get_by_label("Suggested indicator")).not_to_contain_text("Meetings worth my time")
        choose.get_by_label("Suggested indicator").select_option(label="Applied value: Practice changes tried")
        choose.get_by_role("button", name="Choose this indicator").click()
        convener.get_by_test_id("community-indicators").get_by_role("link", name="Practice changes tried").click()
        form = convener.get_by_test_id("value-form")
        form.get_by_label("Date").fill("2026-11-02")
        form.get_by_label("Value").fill("4")
        form.get_by_label("Note").fill("Four members tried the chart this month")
        form.get_by_role("button", name="Record the value").click()
        expect(convener.get_by_text("The value is recorded.")).to_be_visible()
        expect(convener.get_by_test_id("indicator-values")).to_contain_text("Four members tried the chart")
        check_a11y(convener)
        fits_a_phone(convener)
        convener.goto(demo_site + SEPSIS + "value/evidence/")
        form = convener.get_by_test_id("evidence-form")
        form.get_by_label("Title").fill("Huddle notes")
        form.get_by_label("Date", exact=True).fill("2026-11-03")
        form.get_by_label("Immediate value").check()
        form.get_by_role("button", name="Add the evidence").click()
        convener.get_by_role("link", name="Change or delete Huddle notes", exact=True).click()
        check_a11y(convener)
        fits_a_phone(convener)
        convener.get_by_role("button", name="Delete the evidence").click()
        expect(convener.get_by_text("“Huddle notes” is deleted.")).to_be_visible()
    finally:
        convener.close()
