"""Browser journey: a newcomer follows an invitation link, signs up in one step (the page names the
community and asks organisation, profession and sector), lands on the community home as a member, and the
convener's dashboard lists the arrival (the convener is e-mailed too). Every page is checked with axe; the
invitations list, the invitation and the sign-up pages at 375 px wide."""

import re

from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Membership
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
LINK = re.compile(r"http://[^\s\"]+(/invitations/[A-Za-z0-9_-]+/)")
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_newcomer_signs_up_in_one_step_and_the_convener_sees_it(page, browser, demo_site, check_a11y):
    mail.outbox.clear()
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS + "invitations/new/")
    page.get_by_label("E-mail addresses").fill("rafa.newcomer@example.org")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_role("status").filter(has_text="1 invitation will be sent.")).to_be_visible()
    expect(page.get_by_test_id("invitation-rafa.newcomer@example.org")).to_contain_text("Sent")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)  # the invitations list, with its actions, fits a phone
    check_a11y(page)
    (invitation,) = [m for m in mail.outbox if m.to == ["rafa.newcomer@example.org"]]
    link = LINK.search(invitation.body).group(1)

    newcomer = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    newcomer.goto(demo_site + link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("You are invited to join Sepsis")
    assert newcomer.evaluate(NO_SIDEWAYS_SCROLL)
    check_a11y(newcomer)
    newcomer.get_by_role("button", name="Create my account").click()
    expect(newcomer).to_have_url(re.compile(r"/accounts/signup/"))
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Join Sepsis")
    expect(newcomer.get_by_test_id("signup-lead")).to_contain_text("You are invited to join Sepsis as member")
    expect(newcomer.get_by_label("Email")).to_have_value("rafa.newcomer@example.org")
    for label in ("First name (required)", "Your organisation (required)", "Profession (required)",
                  "Sector (required)", "Role title (optional)"):
        expect(newcomer.get_by_label(label, exact=True)).to_be_visible()
    assert newcomer.evaluate(NO_SIDEWAYS_SCROLL)
    check_a11y(newcomer)

    # Missing answers: clear errors, nothing typed is lost.
    newcomer.get_by_label("First name").fill("Rafa")
    newcomer.get_by_label("Last name").fill("Newcomer")
    newcomer.get_by_label("Profession").fill("Occupational therapist")
    newcomer.get_by_label("Password (required)", exact=True).fill("a-long-new-password-42")
    newcomer.get_by_label("Confirm password").fill("a-long-new-password-42")
    newcomer.get_by_role("button", name="Create my account and join Sepsis").click()
    expect(newcomer.get_by_role("alert")).to_contain_text("There is a problem")
    expect(newcomer.get_by_label("First name")).to_have_value("Rafa")
    expect(newcomer.get_by_label("Profession")).to_have_value("Occupational therapist")
    assert newcomer.evaluate(NO_SIDEWAYS_SCROLL)
    check_a11y(newcomer)

    newcomer.get_by_label("Your organisation").fill("Riverside Community Health")
    newcomer.get_by_label("Sector").select_option(label="NHS community and mental health")
    newcomer.get_by_label("Password (required)", exact=True).fill("a-long-new-password-42")
    newcomer.get_by_label("Confirm password").fill("a-long-new-password-42")
    newcomer.get_by_role("button", name="Create my account and join Sepsis").click()
    expect(newcomer).to_have_url(demo_site + SEPSIS)
    expect(newcomer.get_by_role("status").filter(has_text="Welcome to Sepsis")).to_be_visible()
    check_a11y(newcomer)
    with scopes_disabled():
        membership = Membership.objects.get(community__slug="sepsis", user__email="rafa.newcomer@example.org")
    assert (membership.employer, membership.profession, membership.sector) == (
        "Riverside Community Health", "Occupational therapist", "nhs_community")

    # The convener is told: an e-mail, and the list on their dashboard.
    told = [m for m in mail.outbox if m.to == ["convener@hin.example.org"]]
    assert any("Rafa Newcomer joined Sepsis" in m.subject for m in told)
    page.goto(demo_site + SEPSIS)
    arrivals = page.get_by_test_id("dashboard-arrivals")
    expect(arrivals).to_contain_text("Rafa Newcomer accepted the invitation")
    check_a11y(page)
