"""Browser journeys for communities: the Sepsis convener invites two people; the e-mails arrive; one
newcomer creates an account, joins and appears in the member directory with their organisation; the
other link expires; a used link admits nobody. Every page visited is checked with axe."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Invitation
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
LINK = re.compile(r"http://[^\s\"]+(/invitations/[A-Za-z0-9_-]+/)")


def _link(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return LINK.search(message.body).group(1)


def test_convener_invites_two_people_one_joins_one_link_expires(page, browser, demo_site, check_a11y):
    mail.outbox.clear()
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS)
    expect(page.get_by_test_id("convener-dashboard")).to_be_visible()
    check_a11y(page)

    page.get_by_test_id("convener-dashboard").get_by_role("link", name="Invite people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite people to Sepsis")
    # Bad input first: nothing is saved, the error says what is wrong.
    page.get_by_label("E-mail addresses").fill("ines.newcomer@example.org\nnot an address")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_role("alert")).to_contain_text("These are not e-mail addresses: not an address")
    check_a11y(page)
    page.get_by_label("E-mail addresses").fill("ines.newcomer@example.org, otto.late@example.org")
    expect(page.get_by_label("Your message")).to_contain_text("Sepsis community of practice")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_role("status").filter(has_text="2 invitations will be sent.")).to_be_visible()
    expect(page.get_by_test_id("invitation-ines.newcomer@example.org")).to_contain_text("Sent")
    expect(page.get_by_test_id("invitation-otto.late@example.org")).to_contain_text("Sent")
    check_a11y(page)

    # Both e-mails arrived in the outbox, each with its own link.
    assert sorted(m.to[0] for m in mail.outbox) == ["ines.newcomer@example.org", "otto.late@example.org"]
    ines_link, otto_link = _link("ines.newcomer@example.org"), _link("otto.late@example.org")
    assert ines_link != otto_link

    # The newcomer opens the link in their own browser, creates an account and joins.
    newcomer = browser.new_context().new_page()
    newcomer.goto(demo_site + ines_link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("You are invited to join Sepsis")
    check_a11y(newcomer)
    newcomer.get_by_role("button", name="Create my account").click()
    expect(newcomer).to_have_url(re.compile(r"/accounts/signup/"))
    expect(newcomer.get_by_label("Email")).to_have_value("ines.newcomer@example.org")
    newcomer.get_by_label("First name").fill("Ines")
    newcomer.get_by_label("Last name").fill("Newcomer")
    newcomer.get_by_label("Your organisation").fill("Southbridge Ambulance Service")
    newcomer.get_by_label("Profession").fill("Paramedic")
    newcomer.get_by_label("Sector").select_option(label="NHS community and mental health")
    newcomer.get_by_label("Password (required)", exact=True).fill("a-long-new-password-42")
    newcomer.get_by_label("Confirm password").fill("a-long-new-password-42")
    check_a11y(newcomer)
    newcomer.get_by_role("button", name="Create my account and join Sepsis").click()
    expect(newcomer).to_have_url(demo_site + SEPSIS)
    expect(newcomer.get_by_role("status").filter(has_text="Welcome to Sepsis")).to_be_visible()
    check_a11y(newcomer)

    # The used link admits nobody.
    newcomer.goto(demo_site + ines_link)
    expect(newcomer.get_by_test_id("invitation-reason")).to_contain_text("already been accepted")
    check_a11y(newcomer)

    # The convener finds the newcomer in the member directory, with their organisation.
    page.goto(demo_site + SEPSIS + "members/")
    page.get_by_role("textbox", name="Search members").fill("Newcomer")
    page.get_by_role("search", name="Search members").get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("member-count")).to_have_text("1 member matching “Newcomer”")
    row = page.get_by_test_id("member-list").get_by_role("row").filter(has_text="Ines Newcomer")
    expect(row).to_contain_text("Southbridge Ambulance Service")
    expect(row).to_contain_text("Paramedic")
    check_a11y(page)

    # The other link expires unanswered.
    with scopes_disabled():
        Invitation.objects.filter(email="otto.late@example.org").update(expires_at=timezone.now() - timedelta(hours=1))
    late = browser.new_context().new_page()
    late.goto(demo_site + otto_link)
    expect(late.get_by_test_id("invitation-reason")).to_contain_text("expired")
    check_a11y(late)


def test_convener_schedules_a_meeting_records_an_exchange_and_an_action(page, demo_site, check_a11y):
    mail.outbox.clear()
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS + "meetings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    check_a11y(page)
    page.get_by_role("link", name="Schedule a meeting").click()
    check_a11y(page)

    # A meeting that ends before it starts cannot be scheduled: clear message, nothing saved.
    page.get_by_label("Title").fill("Practice exchange: night-time screening")
    page.get_by_label("Date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Ends at").fill("13:30")
    page.get_by_label("Call link").fill("https://meet.example.org/sepsis-night")
    page.get_by_label("Agenda").fill("1. Welcome\n2. Practice exchange\n3. Next steps")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("The meeting must end after it starts")
    check_a11y(page)

    page.get_by_label("Ends at").fill("15:30")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice exchange: night-time screening")
    expect(page.get_by_role("status")).to_contain_text("The meeting is scheduled")
    check_a11y(page)
    assert any("night-time screening" in m.subject for m in mail.outbox)
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to your calendar (.ics file)").click()
    assert download.value.suggested_filename.endswith(".ics")

    # The meeting happens (we move it into the past), then the record is written.
    from communities.models import Meeting

    with scopes_disabled():
        meeting = Meeting.objects.get(title="Practice exchange: night-time screening")
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=3),
                                                     ends_at=timezone.now() - timedelta(hours=2))
    page.reload()
    page.get_by_role("link", name="Record a practice exchange").click()
    page.get_by_label("What was shared").fill("Screening on night shifts with two nurses")
    page.get_by_label("Cultural aspects").fill("Night staff felt judged by day audits")
    page.get_by_label("How barriers were overcome").fill("A huddle at 2am, led by the night matron")
    page.get_by_label("Help needed").fill("Someone to pull the audit data monthly")
    check_a11y(page)
    page.get_by_role("button", name="Save the practice exchange").click()
    expect(page.get_by_test_id("practice-exchange")).to_contain_text("A huddle at 2am")

    page.get_by_role("link", name="Add an action to the momentum plan").click()
    page.get_by_label("Action").fill("Pilot the 2am huddle on two more wards")
    page.get_by_label("Owner").select_option(label="Corinne Ashby")
    check_a11y(page)
    page.get_by_role("button", name="Add to the momentum plan").click()
    expect(page.get_by_test_id("meeting-actions")).to_contain_text("Pilot the 2am huddle")

    page.goto(demo_site + SEPSIS + "plan/")
    expect(page.get_by_test_id("momentum-plan")).to_contain_text("Pilot the 2am huddle on two more wards")
    expect(page.get_by_test_id("momentum-plan")).to_contain_text("Corinne Ashby")
    check_a11y(page)
    page.goto(demo_site + SEPSIS)
    expect(page.get_by_test_id("next-steps")).to_contain_text("Pilot the 2am huddle")


PAGES_AS_CONVENER = [
    ("", "Sepsis"),
    ("members/", "Members"),
    ("profile/", "Your profile in Sepsis"),
    ("map/", "Community map"),
    ("invitations/", "Invitations and join requests"),
    ("meetings/", "Meetings"),
    ("meetings/?when=past", "Meetings"),
    ("plan/", "Momentum plan"),
    ("library/", "Library"),
    ("journal/", "Learning journal"),
    ("domain/history/", "How the domain has changed"),
    ("edit/domain/", "Edit the domain"),
    ("edit/settings/", "Edit status and visibility"),
    ("leave/", "Leave Sepsis?"),
]


def test_every_community_page_is_accessible_and_shows_demo_work(page, demo_site, check_a11y):
    sign_in(page, demo_site, "convener@hin.example.org")
    for path, heading in PAGES_AS_CONVENER:
        page.goto(demo_site + SEPSIS + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check_a11y(page)
    # The demo shows real work on first sign-in.
    page.goto(demo_site + SEPSIS)
    expect(page.get_by_test_id("next-meeting")).to_contain_text("what the audit tells us")
    expect(page.get_by_test_id("dashboard-join-requests")).to_contain_text("Saoirse Delahunt")
    expect(page.get_by_test_id("next-steps").get_by_role("listitem").first).not_to_have_text(
        "No open actions in the momentum plan.")
    page.goto(demo_site + SEPSIS + "meetings/?when=past")
    page.get_by_test_id("meeting-list").get_by_role("link").first.click()
    expect(page.get_by_test_id("practice-exchange").first).to_be_visible()
    check_a11y(page)


def test_convener_edits_the_domain_in_place(page, demo_site, check_a11y):
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS)
    page.evaluate("window.__same_page = true")
    page.get_by_test_id("edit-domain").click()
    form = page.get_by_test_id("edit-form-domain")
    expect(form).to_be_visible()
    form.get_by_role("textbox").fill("Recognising sepsis early, <b>together</b>, across every setting.")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("domain-statement")).to_have_text(
        "Recognising sepsis early, <b>together</b>, across every setting.")
    assert page.evaluate("window.__same_page === true"), "the edit reloaded the page"
    check_a11y(page)
    page.get_by_role("link", name="How the domain has changed").click()
    expect(page.get_by_test_id("domain-versions").get_by_role("listitem")).to_have_count(2)
    check_a11y(page)


def test_project_manager_reads_the_state_of_play(page, demo_site, check_a11y):
    sign_in(page, demo_site, "pm@hin.example.org")
    page.goto(demo_site + "/hin-south-london/state-of-play/")
    expect(page.get_by_role("heading", level=1)).to_have_text("State of play")
    expect(page.get_by_test_id("state-count")).to_have_text("7 communities")
    check_a11y(page)
    # On a phone the column headings are hidden (each cell names its column): sort with the form.
    page.get_by_label("Sort by").select_option("-members")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"sort=-members"))
    expect(page.get_by_test_id("state-of-play").get_by_role("row").nth(1)).to_be_visible()
    check_a11y(page)
    page.goto(demo_site + "/hin-south-london/notifications/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    check_a11y(page)
