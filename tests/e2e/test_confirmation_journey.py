"""A co-lead answers from the e-mailed link on a phone: the page names the application, they decline, and
the applicant sees the decline on their application. Forged and expired links show a readable page.
Every page is checked with axe and for sideways scrolling at 375 px."""

import re
from datetime import timedelta
from urllib.parse import urlparse

from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from conveners import services
from conveners.models import Call, Lead
from cop_platform.accounts.models import User
from cop_platform.tenancy.models import Organisation
from tests.e2e.test_sign_in import sign_in

PHONE = {"width": 375, "height": 740}


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _phone(browser):
    return browser.new_context(viewport=PHONE).new_page()


def test_a_colead_declines_on_a_phone_and_the_applicant_sees_it(browser, demo_site, check_a11y):
    organisation = Organisation.objects.get(slug="hin-south-london")
    applicant = User.objects.get(email="convener@hin.example.org")
    with scope(organisation=organisation):
        call = Call.objects.get(slug="conveners-2026")
        application = services.application_create(
            organisation=organisation, by=applicant, call=call, domain="Falls in hospital wards",
            lead={"name": "Corinne Ashby", "email": applicant.email, "employer": "Example NHS Trust", "sector": "nhs"},
            co_leads=[{"name": "Dev Okafor", "email": "dev.okafor@people.example.org",
                       "employer": "Example Community Trust", "sector": "nhs"}],
            passion="Fewer falls.", core_group="Ward teams.", ways_of_working="Monthly.",
            sponsor_organisation="Example NHS Trust", sponsor_name="Dr Jo Sponsor",
            sponsor_email="jo.sponsor@people.example.org")
    mail.outbox.clear()

    page = _phone(browser)
    sign_in(page, demo_site, applicant.email)
    page.goto(demo_site + application.get_absolute_url())
    page.get_by_role("button", name="E-mail co-leads and sponsor to confirm").click()
    (body,) = [m.body for m in mail.outbox if m.to == ["dev.okafor@people.example.org"]]
    path = urlparse(re.search(r"https?://\S+/confirmations/\S+/", body).group(0)).path

    colead = _phone(browser)  # no account, not signed in
    colead.goto(demo_site + path)
    expect(colead.get_by_role("heading", level=1)).to_have_text("Do you co-lead this application?")
    expect(colead.locator("main")).to_contain_text("Falls in hospital wards")
    check_a11y(colead)
    _no_sideways_scroll(colead)
    colead.get_by_role("button", name="Decline").click()
    expect(colead.get_by_test_id("declined")).to_be_visible()
    check_a11y(colead)
    _no_sideways_scroll(colead)

    colead.goto(demo_site + path)  # the link is used up
    expect(colead.get_by_test_id("confirmation-reason")).to_contain_text("not valid")
    check_a11y(colead)
    _no_sideways_scroll(colead)

    page.reload()
    expect(page.get_by_test_id("leads")).to_contain_text("Declined to co-lead")
    expect(page.get_by_test_id("problems")).to_contain_text("Dev Okafor")
    _no_sideways_scroll(page)
    assert any("Dev Okafor has declined" in m.subject for m in mail.outbox if m.to == [applicant.email])

    # An expired link (the sponsor's, here) says so and how to get another.
    (body,) = [m.body for m in mail.outbox if m.to == ["jo.sponsor@people.example.org"]]
    path = urlparse(re.search(r"https?://\S+/confirmations/\S+/", body).group(0)).path
    with scopes_disabled():
        type(application).objects.filter(pk=application.pk).update(
            sponsor_token_expires_at=timezone.now() - timedelta(minutes=1))
        assert Lead.objects.get(email="dev.okafor@people.example.org").declined_at is not None
    colead.goto(demo_site + path)
    expect(colead.get_by_role("heading", level=1)).to_have_text("This link has expired")
    check_a11y(colead)
    _no_sideways_scroll(colead)
