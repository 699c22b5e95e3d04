"""A second factor for staff, in the browser, with enforcement on (as in any deployment with DEBUG off):

1. The HIN review panel member signs in with their password to open the call, is told they must set up a
   second way to sign in first, sets up an authenticator app (the code is computed from the key shown),
   is shown their recovery codes once, and then reaches the call.
2. The HIN project manager adds a passkey (Chromium's virtual authenticator), signs out, and signs in again
   with the passkey alone.

Every page is checked with axe, the Nu HTML checker, at 375 px and against the CSP (page_checks).
"""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from cop_platform.management.commands.seed_demo import DEFAULT_PASSWORD
from tests.e2e.test_sign_in import sign_in

ORG = "/hin-south-london"


@pytest.fixture
def staff_mfa_required(settings):
    settings.CONVENE_REQUIRE_STAFF_MFA = True


def confirm_password(page):
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def test_panel_member_sets_up_an_authenticator_app_before_seeing_the_call(page, demo_site, check_a11y,
                                                                          staff_mfa_required):
    page.goto(demo_site + "/accounts/login/")
    expect(page.get_by_text("In this demo, staff are not asked for a second factor")).to_have_count(0)

    sign_in(page, demo_site, "panel@hin.example.org", start=f"{ORG}/calls/")
    expect(page).to_have_url(demo_site + "/accounts/2fa/required/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a second way to sign in")
    check_a11y(page)
    page.goto(demo_site + f"{ORG}/calls/")  # no way round it
    expect(page).to_have_url(demo_site + "/accounts/2fa/required/")

    page.get_by_role("link", name="Set up an authenticator app").click()
    confirm_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    check_a11y(page)
    page.get_by_label("Authenticator code").fill("123")
    page.get_by_role("button", name="Turn on").click()
    expect(page.locator(".nhsuk-error-message")).to_contain_text("Incorrect code")
    secret = page.get_by_test_id("totp-secret").input_value()
    page.get_by_label("Authenticator code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    check_a11y(page)
    recovery_code = page.get_by_test_id("recovery-codes").locator("li").first.inner_text().strip()
    page.get_by_role("link", name="I have saved my codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second ways to sign in")
    check_a11y(page)

    page.goto(demo_site + f"{ORG}/calls/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Calls for conveners")

    page.goto(demo_site + "/accounts/2fa/recovery-codes/")  # shown once only
    expect(page.get_by_test_id("recovery-codes")).to_have_count(0)

    # Next time: the password, then the second step (a recovery code here: the app's code was just used).
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, demo_site, "panel@hin.example.org", start=f"{ORG}/calls/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    check_a11y(page)
    page.get_by_label("Code").fill("not-a-code")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-message")).to_contain_text("Incorrect code")
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calls for conveners")


def test_project_manager_adds_a_passkey_and_signs_in_with_it(page, demo_site, check_a11y, staff_mfa_required):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True}})["authenticatorId"]

    sign_in(page, demo_site, "pm@hin.example.org", start=f"{ORG}/")
    expect(page).to_have_url(demo_site + "/accounts/2fa/required/")
    page.get_by_role("link", name="Add a passkey").click()
    confirm_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey")
    check_a11y(page)
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    page.goto(demo_site + f"{ORG}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    page.get_by_role("button", name="Sign out").click()
    page.goto(demo_site + "/accounts/login/")
    check_a11y(page)
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page).to_have_url(demo_site + f"{ORG}/")

    page.goto(demo_site + "/accounts/2fa/webauthn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your passkeys")
    expect(page.get_by_text("Passkey (can sign you in on its own)")).to_be_visible()
    check_a11y(page)

