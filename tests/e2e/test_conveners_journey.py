"""The convener round, end to end: an applicant drafts and submits with a co-lead (who confirms by the
e-mailed link); two panel members score (one declares a conflict on another application); the manager
decides five funded and one supported and releases; letters are in the outbox; the funded community
exists with its conveners; the honoraria split shows and the finance CSV adds up. Every page is checked
with axe."""

import csv
import io
import re
from urllib.parse import urlparse

from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from cop_platform.models import OutgoingEmail
from cop_platform.tenancy.models import Organisation
from tests.e2e.test_sign_in import sign_in

ORG = "/hin-south-london"
CALL = f"{ORG}/calls/conveners-2026"


def _as(browser, demo_site, email, password=None):
    context = browser.new_context()
    page = context.new_page()
    if password:
        sign_in(page, demo_site, email, password=password)
    else:
        sign_in(page, demo_site, email)
    return page


def _other_applications(organisation, n):
    """Five more submitted applications in the open call (other applicants, set up directly)."""
    from conveners.models import Call
    from tests.conveners.builders import make_application
    from tests.factories import UserFactory

    with scopes_disabled():
        call = Call.objects.get(organisation=organisation, slug="conveners-2026")
    for i in range(n):
        make_application(call, UserFactory(email=f"applicant{i}@people.hin.example.org"), domain=f"Journey domain {i}",
                         leads=[{"name": f"Applicant {i}", "email": f"applicant{i}@people.hin.example.org",
                                 "employer": f"Journey Trust {i}", "sector": "nhs"}],
                         sponsor=f"Journey Trust {i}")


def test_conveners_round_from_application_to_honoraria(browser, demo_site, check_a11y):
    organisation = Organisation.objects.get(slug="hin-south-london")

    # 1. The applicant drafts with a co-lead, asks for confirmation, and submits.
    page = _as(browser, demo_site, "convener@hin.example.org")
    page.goto(demo_site + CALL + "/")
    check_a11y(page)
    expect(page.get_by_test_id("honorarium-policy")).to_contain_text("redistributed")
    page.get_by_role("link", name="Start an application").click()
    check_a11y(page)
    page.get_by_label("The domain you would convene").fill("Patient safety in frailty")
    page.get_by_label("Your passion for this practice").fill("Frail patients fall between services. <b>Really</b>.")
    page.get_by_label("The initial core group you would invite").fill("Geriatricians, GPs, care home managers.")
    page.get_by_label("How you would work together").fill("Monthly practice exchanges.")
    page.get_by_label("Full name", exact=True).fill("Corinne Ashby")
    page.get_by_label("Employer", exact=True).fill("King's College Hospital NHS Foundation Trust")
    page.get_by_label("Sector", exact=True).select_option("nhs")
    page.get_by_label("Co-lead: Full name").fill("Marcus Bell")
    page.get_by_label("Co-lead: E-mail").fill("member@hin.example.org")
    page.get_by_label("Co-lead: Employer", exact=True).fill("Croydon Health Services NHS Trust")
    page.get_by_label("Co-lead: Sector").select_option("nhs")
    page.get_by_label("Sponsoring organisation").fill("King's College Hospital NHS Foundation Trust")
    page.get_by_label("Sponsor contact's name").fill("Dr Jo Sponsor")
    page.get_by_label("Sponsor contact's e-mail").fill("sponsor@people.hin.example.org")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("problems")).to_contain_text("Marcus Bell")
    check_a11y(page)
    page.get_by_role("button", name="E-mail co-leads and sponsor to confirm").click()
    from django.core import mail  # the link is minted when the e-mail is sent: read it from the mail

    (body,) = [m.body for m in mail.outbox if m.to == ["member@hin.example.org"] and "/confirmations/" in m.body]
    link = re.search(r"https?://\S+/confirmations/\S+/", body).group(0)
    colead = _as(browser, demo_site, "member@hin.example.org")
    colead.goto(demo_site + urlparse(link).path)
    check_a11y(colead)
    colead.get_by_role("button", name="Confirm").click()
    expect(colead.get_by_test_id("confirmed")).to_be_visible()
    page.reload()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_test_id("application-status")).to_contain_text("Submitted")
    expect(page.get_by_test_id("statement-passion")).to_contain_text("<b>Really</b>")

    # 2. The manager closes the call, starts the review, chooses two panel members and assigns.
    _other_applications(organisation, 5)
    from cop_platform.accounts.models import User

    second = User.objects.get(email="quentin.marsh@people.hin.example.org")
    second.set_password("a-journey-password-1")
    second.save()
    pm = _as(browser, demo_site, "pm@hin.example.org")
    pm.goto(demo_site + CALL + "/")
    pm.get_by_role("button", name="Close the call").click()
    check_a11y(pm)  # closing before the deadline asks first, saying what will happen
    expect(pm.get_by_test_id("close-early")).to_be_visible()
    pm.get_by_role("button", name="Close the call now").click()
    pm.get_by_role("button", name="Start the review").click()
    pm.get_by_role("link", name="The panel").click()
    check_a11y(pm)
    pm.get_by_label(re.compile("Patrick Nolan")).check()
    pm.get_by_label(re.compile("Quentin Marsh")).check()
    pm.get_by_role("button", name="Save the panel").click()
    pm.goto(demo_site + CALL + "/assign/")
    pm.get_by_role("button", name="Assign reviewers").click()
    expect(pm.get_by_text("12 assignments made.")).to_be_visible()
    check_a11y(pm)

    # 3. Two panel members score; one declares a conflict on another application.
    for email, password, conflict in (("panel@hin.example.org", None, True),
                                      ("quentin.marsh@people.hin.example.org", "a-journey-password-1", False)):
        reviewer = _as(browser, demo_site, email, password)
        reviewer.goto(demo_site + CALL + "/review/")
        check_a11y(reviewer)
        links = reviewer.get_by_test_id("my-assignments").get_by_role("link")
        names = links.all_text_contents()
        for n, name in enumerate(names):
            reviewer.goto(demo_site + CALL + "/review/")
            reviewer.get_by_test_id("my-assignments").get_by_role("link", name=name, exact=True).click()
            if conflict and n == len(names) - 1:
                reviewer.get_by_label("Yes, I have a conflict of interest").check()
                reviewer.get_by_label("If so, what is the conflict of interest?").fill("I manage one of the leads.")
                reviewer.get_by_role("button", name="Continue").click()
                expect(reviewer.get_by_test_id("my-assignments")).to_contain_text("Conflict of interest")
                continue
            if n == 0:
                check_a11y(reviewer)
            reviewer.get_by_label("No, I have no conflict of interest").check()
            reviewer.get_by_role("button", name="Continue").click()
            for i, field in enumerate(reviewer.get_by_label(re.compile(r"\(0 to 5, weight")).all()):
                field.fill(str((n + i) % 6))
            if n == 0:
                check_a11y(reviewer)
            reviewer.get_by_role("button", name="Submit scores").click()
            expect(reviewer.get_by_text("Scores submitted.")).to_be_visible()
        reviewer.context.close()

    # 4. The manager decides five funded and one supported, and releases the outcomes.
    pm.goto(demo_site + CALL + "/ranking/")
    check_a11y(pm)
    rows = pm.get_by_test_id("rank-row")
    expect(rows).to_have_count(6)
    others = 0
    for index in range(6):
        row = pm.get_by_test_id("rank-row").nth(index)
        if "Patient safety in frailty" in row.inner_text():
            decision = "funded"
        else:
            decision = "funded" if others < 4 else "supported"
            others += 1
        row.get_by_role("combobox").select_option(decision)
        row.get_by_role("button", name=re.compile("Record")).click()
    expect(pm.get_by_test_id("decision-counts")).to_contain_text("Funded 5 of 5 places · supported 1")
    pm.get_by_role("link", name="Review and release the outcomes").click()
    check_a11y(pm)
    expect(pm.get_by_test_id("release-summary")).to_contain_text("7 letters will be sent")
    pm.get_by_role("button", name="Release the outcomes and send 7 letters").click()
    expect(pm.get_by_test_id("released")).to_be_visible()

    # 5. Letters are in the outbox; the funded community exists with its conveners.
    from communities.models import Membership
    from conveners.models import Application

    with scope(organisation=organisation):
        letters = OutgoingEmail.objects.filter(key__startswith="decision-letter:",
                                               subject__startswith="Patient safety conveners 2026")
        assert letters.count() == 7  # six applications, one with a co-lead
        mine = Application.objects.get(domain="Patient safety in frailty")
        roles = dict(Membership.objects.filter(community=mine.community).values_list("user__email", "role"))
        assert mine.decision == "funded"
        assert roles == {"convener@hin.example.org": "convener", "member@hin.example.org": "co_convener"}
        assert "chosen your application for funding" in letters.get(to="member@hin.example.org").body_text
        assert "£2,500.00" in letters.get(to="member@hin.example.org").body_text

    # 6. The honoraria split shows and the finance CSV adds up.
    pm.goto(demo_site + CALL + "/honoraria/")
    check_a11y(pm)
    expect(pm.get_by_test_id("honoraria-totals")).to_contain_text("£25,000.00")
    response = pm.request.get(demo_site + CALL + "/honoraria.csv")
    rows = list(csv.reader(io.StringIO(response.text())))
    amounts = [int(r[5]) for r in rows[1:] if r and r[0] and r[1]]
    totals = {r[0]: int(r[5]) for r in rows if r and r[0] in ("Total approved", "Withheld (policy)", "Awarded")}
    assert sum(amounts) == totals["Total approved"] == 500000 * 5
    assert totals["Total approved"] + totals["Withheld (policy)"] == totals["Awarded"]
    page.goto(demo_site + f"{CALL}/")
    page.get_by_test_id("my-applications").get_by_role("link").first.click()
    check_a11y(page)
