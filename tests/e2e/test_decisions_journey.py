"""Deciding and releasing the demo's spring round in the browser: the ranking says why the industry
application without a member-organisation co-lead cannot be funded; recording a decision keeps the
manager's place; the release page asks for confirmation, shows the letters to be sent and suggests
linking the funded "Sepsis" to the organisation's existing Sepsis community — and the release links it
instead of creating a second one. Every page is checked with axe."""

import re

from django_scopes import scope
from playwright.sync_api import expect

from communities.models import Community, Membership
from conveners import services
from conveners.models import Application, Decision
from cop_platform.accounts.models import User
from cop_platform.models import OutgoingEmail
from cop_platform.tenancy.models import Organisation
from tests.e2e.test_sign_in import sign_in

ORG = "/hin-south-london"
CALL = f"{ORG}/calls/spring-round"


def _decide_the_rest(organisation, pm_user):
    """Every application but Sepsis and the industry one is decided directly: the journey is about those two."""
    with scope(organisation=organisation):
        for application in Application.objects.filter(call__slug="spring-round", status="submitted"):
            if application.domain in ("Sepsis", "Maternity: postpartum haemorrhage"):
                continue
            services.application_decide(organisation=organisation, by=pm_user, application=application,
                                        decision=Decision.SUPPORTED)


def test_release_links_the_existing_sepsis_community(browser, demo_site, check_a11y):
    organisation = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=organisation):
        existing = Community.objects.get(organisation=organisation, name="Sepsis")
        industry = Application.objects.get(call__slug="spring-round", domain="Maternity: postpartum haemorrhage")
        assert industry.leads.get(is_lead=True).sector == "industry"
        # The demo's industry application obeys the rule; here its co-lead has since left the member
        # organisation, so the ranking must catch what the application no longer meets.
        industry.leads.filter(is_lead=False).update(member_organisation=None)
        industry_people = industry.leads.count()  # one letter each
    page = browser.new_context().new_page()
    sign_in(page, demo_site, "pm@hin.example.org")
    _decide_the_rest(organisation, User.objects.get(email="pm@hin.example.org"))

    # 1. The ranking says why the industry application cannot be funded, and refuses to fund it.
    page.goto(demo_site + CALL + "/ranking/")
    check_a11y(page)
    row = page.get_by_test_id("rank-row").filter(has_text="Maternity: postpartum haemorrhage")
    expect(row.get_by_test_id("rule-problems")).to_contain_text("member organisations")
    row.get_by_role("combobox").select_option("funded")
    row.get_by_role("button", name=re.compile("Record")).click()
    expect(page).to_have_url(re.compile(rf"{CALL}/ranking/#application-{industry.pk}$"))
    expect(page.get_by_text("cannot be funded: it breaks the call's rules.")).to_be_visible()
    row = page.get_by_test_id("rank-row").filter(has_text="Maternity: postpartum haemorrhage")
    row.get_by_role("combobox").select_option("not_taken_forward")
    row.get_by_role("button", name=re.compile("Record")).click()

    # 2. Funding Sepsis keeps the manager's place in the ranking.
    row = page.get_by_test_id("rank-row").filter(has_text=re.compile(r"^\s*Rank\s*\d+\s*Domain\s*Sepsis"))
    row.get_by_role("combobox").select_option("funded")
    row.get_by_role("button", name=re.compile("Record")).click()
    with scope(organisation=organisation):
        sepsis = Application.objects.get(call__slug="spring-round", domain="Sepsis")
    expect(page).to_have_url(re.compile(rf"{CALL}/ranking/#application-{sepsis.pk}$"))
    expect(page.get_by_test_id("decision-counts")).to_contain_text("Funded 1 of 5 places")

    # 3. The release page confirms first: the letters, and Sepsis linked to the existing community.
    page.get_by_role("link", name="Review and release the outcomes").click()
    check_a11y(page)
    with scope(organisation=organisation):
        letters = sum(a.leads.count() for a in Application.objects.filter(call__slug="spring-round")
                      .exclude(status="draft"))
    expect(page.get_by_test_id("release-summary")).to_contain_text(f"{letters} letters will be sent")
    expect(page.get_by_test_id("release-summary")).to_contain_text(f"{industry_people} not taken forward")
    choice = page.get_by_label("Community for “Sepsis”")
    expect(choice).to_have_value(str(existing.pk))
    page.get_by_role("button", name=f"Release the outcomes and send {letters} letters").click()
    expect(page.get_by_test_id("released")).to_be_visible()

    # 4. One Sepsis, now convened by the funded lead; every letter is in the outbox.
    with scope(organisation=organisation):
        assert Community.objects.filter(organisation=organisation, name__iexact="Sepsis").count() == 1
        sepsis.refresh_from_db()
        assert sepsis.community_id == existing.pk
        lead = sepsis.leads.get(is_lead=True)
        assert Membership.objects.filter(community=existing, user=lead.user, role="convener").exists()
        assert OutgoingEmail.objects.filter(key__startswith="decision-letter:",
                                            subject__startswith="Conveners spring round").count() == letters
