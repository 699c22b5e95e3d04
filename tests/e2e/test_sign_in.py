"""First journeys: each demo login signs in and lands where a person in that role expects; the HIN
project manager browses and searches the communities directory; a wrong password, an empty sign-in
form and an unknown organisation give clear, styled, accessible pages. Every page visited is checked
with axe (``check_a11y``)."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from cop_platform.management.commands.seed_demo import DEFAULT_PASSWORD, DEMO_LOGINS

HIN_NAME = "Health Innovation Network South London"
COCREATION_NAME = "Yorkshire & Humber Co-Creation Network"
HIN_COMMUNITIES = [
    "Medicines Safety",
    "Maternity",
    "Duty of Candour",
    "Medicines Optimisation",
    "Sepsis",
    "Acute Deterioration",
    "Delirium",
]


@dataclass(frozen=True)
class Landing:
    path: str
    organisations: tuple = ()  # on "Your organisations"
    roles: tuple = ()  # "Your roles here"
    communities: tuple = ()  # (community name, membership role) under "Your communities"
    community_total: int | None = None  # "Communities of the organisation" summary, for host staff


LANDINGS = {
    "admin@example.org": Landing("/", organisations=(HIN_NAME, COCREATION_NAME)),
    "admin@hin.example.org": Landing("/hin-south-london/", roles=("Administrator",), community_total=7),
    "pm@hin.example.org": Landing("/hin-south-london/", roles=("Project manager",), community_total=7),
    "panel@hin.example.org": Landing("/hin-south-london/", roles=("Review panel member",)),
    "evaluator@hin.example.org": Landing("/hin-south-london/", roles=("Evaluator",)),
    "convener@hin.example.org": Landing("/hin-south-london/", communities=(("Sepsis", "Convener"),)),
    "member@hin.example.org": Landing("/hin-south-london/",
                                      communities=(("Sepsis", "Member"), ("Delirium", "Member"))),
    "pm@cocreation.example.org": Landing("/co-creation-network/", roles=("Project manager",)),
    "convener@cocreation.example.org": Landing("/co-creation-network/",
                                               communities=(("Mindfulness", "Convener"),)),
    "both@example.org": Landing("/", organisations=(HIN_NAME, COCREATION_NAME)),
}


def test_every_demo_login_has_a_journey():
    assert set(LANDINGS) == {login.email for login in DEMO_LOGINS}


def sign_in(page, base_url, email, password=DEFAULT_PASSWORD, start="/"):
    """Open ``start`` signed out, follow the redirect to the sign-in page and sign in."""
    page.goto(base_url + start)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Convene")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


@pytest.mark.parametrize("email", list(LANDINGS))
def test_sign_in_lands_where_the_role_expects(page, demo_site, check_a11y, email):
    landing = LANDINGS[email]
    sign_in(page, demo_site, email)

    expect(page).to_have_url(demo_site + landing.path)
    main = page.get_by_role("main")
    if landing.organisations:
        expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
        for name in landing.organisations:
            expect(main.get_by_role("link", name=name, exact=True)).to_be_visible()
    else:
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    for role in landing.roles:
        expect(page.get_by_test_id("roles")).to_contain_text(role)
    if landing.community_total is not None:
        expect(main.get_by_role("heading", name="Communities of the organisation")).to_be_visible()
        summary = page.get_by_test_id("community-status-counts")
        total = summary.locator(".nhsuk-summary-list__row").filter(has_text="All communities")
        expect(total.locator("dd")).to_have_text(str(landing.community_total))
    if landing.communities:
        expect(main.get_by_role("heading", name="Your communities")).to_be_visible()
        yours = page.get_by_test_id("your-communities").get_by_role("listitem")
        expect(yours).to_have_count(len(landing.communities))
        for name, role in landing.communities:
            item = yours.filter(has=page.get_by_role("link", name=name, exact=True))
            expect(item).to_contain_text(role)
    check_a11y(page)


def test_project_manager_searches_the_communities_directory(page, demo_site, check_a11y):
    sign_in(page, demo_site, "pm@hin.example.org")
    expect(page).to_have_url(demo_site + "/hin-south-london/")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Communities").click()
    expect(page).to_have_url(demo_site + "/hin-south-london/communities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Communities of practice")
    cards = page.get_by_test_id("community-list").get_by_role("heading", level=2)
    expect(cards).to_have_count(len(HIN_COMMUNITIES))
    for name in HIN_COMMUNITIES:
        expect(cards.filter(has_text=name)).to_have_count(1)
    expect(page.get_by_test_id("community-count")).to_have_text("7 communities")
    check_a11y(page)

    # htmx swaps the results in place: the page itself is not reloaded.
    page.evaluate("window.__convene_same_page = true")
    page.get_by_role("textbox", name="Search communities").fill("sepsis")
    page.get_by_role("search", name="Search communities").get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("community-count")).to_have_text("1 community matching “sepsis”")
    expect(cards).to_have_count(1)
    expect(cards).to_have_text("Sepsis")
    expect(page).to_have_url(re.compile(r"/hin-south-london/communities/\?q=sepsis"))
    assert page.evaluate("window.__convene_same_page === true"), "the search reloaded the whole page"
    check_a11y(page)

    page.get_by_role("link", name="Sepsis", exact=True).click()
    expect(page).to_have_url(demo_site + "/hin-south-london/communities/sepsis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sepsis")
    expect(page.get_by_role("heading", name="Domain")).to_be_visible()
    expect(page.get_by_test_id("domain-statement")).to_contain_text("Sepsis affects many patients")
    check_a11y(page)


def test_wrong_password_shows_an_error(page, demo_site, check_a11y):
    sign_in(page, demo_site, "pm@hin.example.org", password="not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("not correct")
    expect(page.get_by_label("Email")).to_have_value("pm@hin.example.org")
    check_a11y(page)


def test_empty_sign_in_form_points_at_each_field(page, demo_site, check_a11y):
    sign_in(page, demo_site, "", password="")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    for label in ("Email", "Password"):
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile("This field is required"))
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Email", exact=True)).to_be_focused()
    check_a11y(page)


def assert_styled_404(page, response):
    assert response.status == 404
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Page not found")
    expect(page.get_by_role("banner")).to_contain_text("Convene")
    expect(page.get_by_role("main").get_by_role("link", name="Go to your organisations")).to_be_visible()
    # The NHS.UK stylesheet applies: the design system's fallback typeface (its web font is remote) and
    # heading size.
    style = heading.evaluate(
        "el => { const s = getComputedStyle(el); return [s.fontFamily, parseFloat(s.fontSize)]; }")
    assert style[0].startswith("arial") and style[1] >= 24, style


def test_unknown_organisation_is_a_styled_404(page, demo_site, check_a11y):
    assert_styled_404(page, page.goto(demo_site + "/no-such-organisation/"))  # signed out: nothing leaks
    check_a11y(page)

    sign_in(page, demo_site, "pm@hin.example.org")
    expect(page).to_have_url(demo_site + "/hin-south-london/")
    assert_styled_404(page, page.goto(demo_site + "/no-such-organisation/"))
    check_a11y(page)
