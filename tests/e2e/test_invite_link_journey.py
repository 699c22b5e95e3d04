"""Browser journey: a convener makes an open link (two places, only example.org addresses), a newcomer
opens it, creates an account, confirms their address and joins; the list shows one use; the convener
switches the link off and the next person is refused with a clear page. Every page is checked with axe
and, by the page checks, at 375 px and by the HTML checker."""

import re
import uuid

from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Membership
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
CONFIRM = re.compile(r"https?://[^\s\"]+(/accounts/confirm-email/[^\s\"]+)")


def test_convener_shares_an_open_link_a_newcomer_joins_and_it_is_switched_off(page, browser, demo_site, check_a11y):
    mail.outbox.clear()
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS + "invitations/")
    page.get_by_role("link", name="Open invitation links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open invitation links")
    check_a11y(page)
    page.get_by_role("link", name="Make a new link").click()
    check_a11y(page)
    page.get_by_label("Name of the link").fill("Winter meeting")
    page.get_by_label("Most people who can join through it").fill("2")
    page.get_by_label("Only for e-mail addresses ending (optional)").fill("not a domain")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.get_by_label("Name of the link")).to_have_value("Winter meeting")  # nothing typed is lost
    check_a11y(page)
    page.get_by_label("Only for e-mail addresses ending (optional)").fill("example.org")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your open link")
    check_a11y(page)
    link = page.get_by_test_id("invite-link-url").input_value()
    path = link[link.index("/join/"):]

    # A newcomer opens the link, creates an account, confirms their address and joins.
    newcomer = browser.new_context().new_page()
    newcomer.goto(demo_site + path)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Join Sepsis")
    check_a11y(newcomer)
    newcomer.get_by_role("button", name="Create an account").click()
    expect(newcomer).to_have_url(re.compile(r"/accounts/signup/"))
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Join Sepsis")
    check_a11y(newcomer)
    # A fresh address each run: allauth limits confirmation e-mails per address in the (lasting) cache.
    address = f"sam.{uuid.uuid4().hex[:8]}@example.org"
    newcomer.get_by_label("Email").fill(address)
    newcomer.get_by_label("First name").fill("Sam")
    newcomer.get_by_label("Last name").fill("Newcomer")
    newcomer.get_by_label("Password (required)", exact=True).fill("a-long-new-password-42")
    newcomer.get_by_label("Confirm password").fill("a-long-new-password-42")
    newcomer.get_by_role("button", name="Create my account").click()
    expect(newcomer).to_have_url(re.compile(r"/accounts/confirm-email/"))
    (confirmation,) = [m for m in mail.outbox if m.to == [address]]
    newcomer.goto(demo_site + CONFIRM.search(confirmation.body).group(1))
    newcomer.get_by_role("button", name=re.compile("Confirm")).click()
    expect(newcomer).to_have_url(demo_site + "/join/continue/")
    check_a11y(newcomer)
    newcomer.get_by_role("button", name="Join Sepsis").click()
    expect(newcomer).to_have_url(demo_site + SEPSIS)
    expect(newcomer.get_by_role("status").filter(has_text="Welcome to Sepsis")).to_be_visible()
    with scopes_disabled():
        assert Membership.objects.filter(community__slug="sepsis", user__email=address,
                                         invite_link__label="Winter meeting").exists()

    # The convener sees one use, and switches the link off.
    page.goto(demo_site + SEPSIS + "invitations/links/?q=Winter")
    item = page.get_by_test_id("invite-links").get_by_role("listitem").filter(has_text="Winter meeting")
    expect(item.get_by_test_id("invite-link-uses")).to_have_text("1 of 2")
    item.get_by_role("button", name="Switch off").click()
    expect(page.get_by_role("status")).to_contain_text("is switched off")
    expect(item).to_contain_text("Switched off")
    check_a11y(page)

    # The next person is refused with a clear page.
    late = browser.new_context().new_page()
    late.goto(demo_site + path)
    expect(late.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
    expect(late.get_by_test_id("join-link-reason")).to_contain_text("switched off by the community's conveners")
    check_a11y(late)
