"""Browser journey for the readiness questionnaire: the Co-Creation Network's project manager creates the
questionnaire with the booklet's questions (an empty title is refused first), opens it and copies its link;
two people answer it in their own anonymous browsers (one first sends nothing and is told so); the results
show how many chose each opportunity, with shares, and the written answers grouped by question."""

from playwright.sync_api import expect

from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

ORG = "/co-creation-network/"
NETWORKING = "Networking, collaborating and building relationship with other members"
PEER = "Peer-to-peer help in problem solving"
IMPROVEMENT = "What are your main improvement questions or concerns that collaboration would help answer?"
NHS = "What do you imagine could be the benefits of having Communities of Practice? To the NHS as a whole:"


def answer(browser, link, *, improvement, opportunities, nhs="", blank_first=False):
    person = browser.new_context().new_page()
    person.goto(link)
    expect(person.get_by_role("heading", level=1)).to_have_text("Readiness 2026")
    fits_a_phone(person)
    if blank_first:
        person.get_by_role("button", name="Send my answers").click()
        expect(person.get_by_role("alert")).to_contain_text("Answer at least one question before sending.")
    person.get_by_label(IMPROVEMENT).fill(improvement)
    for opportunity in opportunities:
        person.get_by_label(opportunity).check()
    if nhs:
        person.get_by_label(NHS).fill(nhs)
    person.get_by_role("button", name="Send my answers").click()
    expect(person.get_by_test_id("thanks")).to_have_text("Thank you")
    person.context.close()


def test_manager_publishes_two_people_answer_and_the_counts_show(page, browser, demo_site, check_a11y):
    sign_in(page, demo_site, "pm@cocreation.example.org")
    page.goto(demo_site + ORG + "programmes/")  # the host's programme work starts from its programmes
    page.get_by_role("link", name="Readiness questionnaires").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Readiness questionnaires")
    check_a11y(page)
    fits_a_phone(page)

    page.get_by_role("link", name="Create a questionnaire").click()
    page.get_by_role("button", name="Create the questionnaire").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the questionnaire's title.")
    check_a11y(page)
    page.get_by_label("Title").fill("Readiness 2026")
    page.get_by_label("Introduction").fill("Tell us what you hope Communities of Practice could do.")
    page.get_by_role("button", name="Create the questionnaire").click()
    expect(page.get_by_text("The questionnaire is saved as a draft.")).to_be_visible()
    questions = page.get_by_test_id("questions")
    expect(questions).to_contain_text(IMPROVEMENT)
    expect(questions).to_contain_text(NETWORKING)
    check_a11y(page)
    fits_a_phone(page)

    page.get_by_role("button", name="Open for answers").click()
    expect(page.get_by_text("anyone with its link can answer")).to_be_visible()
    link = page.get_by_test_id("public-link").input_value()
    assert "/questionnaires/" in link and len(link.rsplit("/", 2)[-2]) >= 32

    answer(browser, link, improvement="How do we spot sepsis sooner?", opportunities=[NETWORKING, PEER],
           blank_first=True)
    answer(browser, link, improvement="Sharing what works between trusts", opportunities=[NETWORKING],
           nhs="Share what works well.")

    page.reload()
    expect(page.get_by_test_id("response-total")).to_have_text("2 responses")
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_test_id("results-total")).to_have_text("2 responses")
    counts = page.get_by_test_id("choice-counts")
    networking = counts.get_by_role("row").filter(has_text=NETWORKING)
    expect(networking).to_contain_text("2")
    expect(networking).to_contain_text("100%")
    expect(counts.get_by_role("row").filter(has_text=PEER)).to_contain_text("50%")
    written = page.get_by_test_id("text-answers")
    expect(written).to_contain_text("How do we spot sepsis sooner?")
    expect(written).to_contain_text("Share what works well.")
    check_a11y(page)
    fits_a_phone(page)
