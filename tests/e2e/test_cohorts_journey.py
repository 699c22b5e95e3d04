"""Browser journey for a cohort programme: the HIN project manager creates the leadership cohort, adds a
session (an end before the start is refused, nothing lost), the participants are added (selection is
another journey's: here through ``participant_add``), forms co-consulting groups from the app's proposal,
and uploads the session's slides; a participant opens the portal, sees their group and downloads the slides.
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

HIN = "/hin-south-london/"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _add_participants(name):
    from cop_platform.accounts.models import User
    from cop_platform.tenancy.models import Organisation
    from programmes import services
    from programmes.models import Programme

    employers = ["Example Valley NHS Foundation Trust", "Riverside Borough Council", "Northgate University"]
    with scopes_disabled():
        organisation = Organisation.objects.get(slug="hin-south-london")
        programme = Programme.objects.get(organisation=organisation, name=name)
        pm = User.objects.get(email="pm@hin.example.org")
        people = [User.objects.get(email="member@hin.example.org"),
                  *User.objects.filter(email__endswith="@people.hin.example.org").order_by("pk")[:8]]
        for i, user in enumerate(people):
            services.participant_add(organisation=organisation, by=pm, programme=programme, user=user,
                                     employer=employers[i % 3], role_title=["Pharmacist", "Nurse"][i % 2])


def test_manager_runs_a_cohort_and_a_participant_downloads_the_slides(page, browser, demo_site, check_a11y):
    name = "CoP Leadership Development Programme 2026–27"
    sign_in(page, demo_site, "pm@hin.example.org")
    page.goto(demo_site + HIN + "programmes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes")
    check_a11y(page)
    page.get_by_role("link", name="Create a programme").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Cohort programme", exact=False).check()
    page.get_by_label("Summary").fill("Free, for 28 aspiring conveners.")
    page.get_by_label("Places").fill("28")
    check_a11y(page)
    page.get_by_role("button", name="Save the programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    programme_url = page.url
    check_a11y(page)
    fits_a_phone(page)

    # A session that ends before it starts is refused, with what was typed kept.
    page.get_by_role("link", name="Add a session").click()
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    page.get_by_label("Kind").select_option(label="Module session")
    page.get_by_label("Module number").fill("1")
    page.get_by_label("Module title").fill("Planning and Launching CoPs")
    page.get_by_label("Part", exact=True).select_option(label="Part 1")
    page.get_by_label("Date").fill(day)
    page.get_by_label("Starts at").fill("12:30")
    page.get_by_label("Ends at").fill("09:30")
    page.get_by_label("Online link").fill("https://meet.example.org/ldp-m1")
    page.get_by_label("Facilitators").fill("Ada Example")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_role("alert")).to_contain_text("The session must end after it starts.")
    expect(page.get_by_label("Module title")).to_have_value("Planning and Launching CoPs")
    check_a11y(page)
    page.get_by_label("Starts at").fill("09:30")
    page.get_by_label("Ends at").fill("12:30")
    page.get_by_role("button", name="Save the session").click()
    sessions = page.get_by_test_id("sessions")
    expect(sessions).to_contain_text("Module 1: Planning and Launching CoPs (part 1)")
    check_a11y(page)
    fits_a_phone(page)

    # The participants are selected (another journey's work), then the manager forms the groups.
    _add_participants(name)
    page.get_by_role("link", name="Co-consulting groups").click()
    page.get_by_label("People per group").fill("3")
    page.get_by_role("button", name="Propose groups").click()
    expect(page.get_by_test_id("proposed")).to_be_visible()
    expect(page.get_by_test_id("groups")).to_contain_text("Group 3")
    check_a11y(page)
    fits_a_phone(page)
    page.get_by_role("button", name="Save the groups").click()
    expect(page.get_by_role("status")).to_contain_text("The co-consulting groups are saved")
    check_a11y(page)

    # The slides go on the session, in the portal.
    page.goto(page.url.replace("groups/", "portal/"))
    page.get_by_test_id("sessions").get_by_role("link", name="Module 1").click()
    upload = page.locator("form").filter(has=page.get_by_role("button", name="Upload the file"))
    upload.get_by_label("Title").fill("Module 1 slides")
    upload.get_by_label("File").set_input_files({"name": "module-1.pdf", "mimeType": "application/pdf",
                                                 "buffer": PDF})
    upload.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_test_id("materials")).to_contain_text("Module 1 slides")
    check_a11y(page)
    fits_a_phone(page)

    # Attendance at the session, then each participant's count.
    page.get_by_role("link", name="Record attendance").click()
    boxes = page.get_by_test_id("attendance").get_by_role("checkbox")
    boxes.nth(0).check()
    boxes.nth(1).check()
    check_a11y(page)
    fits_a_phone(page)
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_role("status")).to_contain_text("Attendance is recorded: 2 of 9 attended.")
    page.goto(programme_url)
    page.get_by_role("link", name="Participants and attendance").click()
    expect(page.get_by_test_id("participants")).to_contain_text("1 of 1 sessions")
    expect(page.get_by_test_id("participants")).to_contain_text("0 of 1 sessions")
    check_a11y(page)
    fits_a_phone(page)
    page.goto(programme_url)
    page.get_by_role("link", name="Delete the programme").click()
    expect(page.get_by_test_id("what-goes")).to_contain_text("9 participants")
    check_a11y(page)
    page.get_by_role("link", name="Cancel, keep it").click()

    # A participant, in their own browser, sees their group and downloads the slides.
    participant = browser.new_context().new_page()
    sign_in(participant, demo_site, "member@hin.example.org")
    participant.goto(demo_site + HIN + "programmes/")
    participant.get_by_role("link", name=name).click()
    participant.get_by_role("link", name="Open the programme's portal").click()
    expect(participant.get_by_test_id("my-group")).to_contain_text("(you)")
    check_a11y(participant)
    fits_a_phone(participant)
    participant.get_by_test_id("sessions").get_by_role("link", name="Module 1").click()
    with participant.expect_download() as download:
        participant.get_by_role("link", name="Module 1 slides").click()
    assert download.value.suggested_filename == "module-1.pdf"
    check_a11y(participant)
