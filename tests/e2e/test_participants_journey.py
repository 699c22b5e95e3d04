"""Browser journey for applying to a cohort programme, on a phone: a person applies (an incomplete form is
refused with its messages and nothing typed is lost), asks their line manager and employer sponsor to
confirm, submits; both supporters confirm from their e-mailed links without an account (a reused link shows
a clear page); the manager finds the application at the top of the list and selects it; the person appears
among the participants with their commitment to convene, and sees they are selected."""

import re
from datetime import date, timedelta
from urllib.parse import urlparse

from django.core import mail
from django.utils import timezone
from django_scopes import scope
from playwright.sync_api import expect

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import Organisation
from programmes import services
from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

PHONE = {"width": 375, "height": 740}
ORG = "hin-south-london"
MANAGER_EMAIL = "lee.manager@people.example.org"
SPONSOR_EMAIL = "sam.director@people.example.org"


def _cohort():
    organisation = Organisation.objects.get(slug=ORG)
    pm = User.objects.get(email="pm@hin.example.org")
    with scope(organisation=organisation):
        programme = services.programme_create(
            organisation=organisation, by=pm, name="CoP Leadership Development Programme 2026–27",
            kind="cohort", places=28, starts_on=date(2026, 9, 1), ends_on=date(2027, 7, 31))
        services.cohort_applications_window_set(organisation=organisation, by=pm, programme=programme,
                                                open_until=timezone.localdate() + timedelta(days=14))
    return programme


def _link(to):
    (body,) = [m.body for m in mail.outbox if m.to == [to]]
    return urlparse(re.search(r"https?://\S+/programme-confirmations/\S+/", body).group(0)).path


def test_a_person_applies_supporters_confirm_and_the_manager_selects_them(browser, demo_site, check_a11y):
    programme = _cohort()
    base = f"/{ORG}/programmes/{programme.slug}/"
    mail.outbox.clear()

    page = browser.new_context(viewport=PHONE).new_page()
    sign_in(page, demo_site, "member@hin.example.org")
    page.goto(demo_site + base + "apply/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Apply to CoP Leadership Development Programme")
    check_a11y(page)
    fits_a_phone(page)

    # Incomplete: refused with clear messages, what was typed is kept.
    page.get_by_label("Your Community of Practice: its title").fill("Frailty at home")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the organisation you work for.")
    expect(page.get_by_role("alert")).to_contain_text("tick to confirm you will")
    expect(page.get_by_label("Your Community of Practice: its title")).to_have_value("Frailty at home")
    check_a11y(page)
    fits_a_phone(page)

    page.get_by_label("Your employer").fill("Example Community Health Trust")
    page.get_by_label("Your role").fill("Frailty nurse consultant")
    page.get_by_label("Your Community of Practice idea").fill("Everyone who cares for frail older people at home.")
    page.locator("#id_spans_organisations_0").check()
    page.get_by_label("How it spans organisations").fill("Hospital, primary care and the council.")
    page.locator("#id_spans_professions_0").check()
    page.get_by_label("How it spans professions").fill("Nurses, GPs, pharmacists and social workers.")
    page.get_by_label("Line manager's name").fill("Lee Manager")
    page.get_by_label("Line manager's e-mail").fill(MANAGER_EMAIL)
    page.get_by_label("Employer sponsor's name").fill("Sam Director")
    page.get_by_label("Employer sponsor's e-mail").fill(SPONSOR_EMAIL)
    page.get_by_label("I commit to convening three or four meetings").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    expect(page.get_by_test_id("application-status")).to_contain_text("Draft")
    application_url = page.url
    check_a11y(page)
    fits_a_phone(page)

    page.get_by_role("button", name="E-mail my line manager and sponsor to confirm").click()
    expect(page.get_by_text("We are e-mailing your line manager and employer sponsor")).to_be_visible()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_test_id("application-status")).to_contain_text("Submitted")
    expect(page.get_by_text("You can be selected once your line manager")).to_be_visible()
    assert any("We have received your application" in m.subject for m in mail.outbox
               if m.to == ["member@hin.example.org"])

    # The supporters answer from their links, without an account.
    supporter = browser.new_context(viewport=PHONE).new_page()
    for to in (MANAGER_EMAIL, SPONSOR_EMAIL):
        path = _link(to)
        supporter.goto(demo_site + path)
        expect(supporter.get_by_role("heading", level=1)).to_have_text("Do you support this application?")
        expect(supporter.locator("main")).to_contain_text("Frailty at home")
        check_a11y(supporter)
        fits_a_phone(supporter)
        supporter.get_by_role("button", name="I support this application").click()
        expect(supporter.get_by_test_id("confirmed")).to_be_visible()
    supporter.goto(demo_site + path)  # used up
    expect(supporter.get_by_test_id("confirmation-reason")).to_contain_text("not valid")
    check_a11y(supporter)

    page.reload()
    expect(page.get_by_test_id("confirmed-line_manager")).to_be_visible()
    expect(page.get_by_test_id("confirmed-sponsor")).to_be_visible()

    # The manager selects them from the top of the list.
    manager = browser.new_context(viewport=PHONE).new_page()
    sign_in(manager, demo_site, "pm@hin.example.org")
    manager.goto(demo_site + base + "applications/")
    expect(manager.get_by_test_id("places-left")).to_contain_text("28 places left")
    check_a11y(manager)
    fits_a_phone(manager)
    manager.get_by_test_id("applications").get_by_role("link").first.click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Frailty at home")
    check_a11y(manager)
    fits_a_phone(manager)
    manager.get_by_role("button", name="Select", exact=True).click()
    expect(manager.get_by_text("is selected and now takes part")).to_be_visible()
    expect(manager.get_by_test_id("places-left")).to_contain_text("27 places left")
    manager.get_by_role("link", name="Participants and their meetings").click()
    expect(manager.get_by_test_id("participants")).to_contain_text("0 of 3 meetings convened")
    check_a11y(manager)
    fits_a_phone(manager)
    assert any("You have a place" in m.subject for m in mail.outbox if m.to == ["member@hin.example.org"])

    page.goto(application_url)
    expect(page.get_by_test_id("application-status")).to_contain_text("Selected")
    expect(page.get_by_test_id("commitment")).to_contain_text("0 of 3 meetings convened")
    check_a11y(page)
    fits_a_phone(page)
