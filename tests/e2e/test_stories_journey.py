"""Browser journey for the pulse and stories: the Sepsis convener adds and records a meeting that has just
happened; the convener and a member each give a minute's feedback on a phone (375 px, checked on every
page); the member's plan to try starts a story seed, which they share with consent for reports; the
evaluator completes the story across four cycles, one step corroborated by evidence, re-codes a step
beside the narrator's own cycle, and approves it for reports; then builds the value-cycle report of the
programme Sepsis belongs to and downloads it: its text holds every cycle's section, the story and the charts'
titles (the brochure's page per community is the brochure journey's)."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Community
from cop_platform.accounts.models import User
from evaluation.models import Evidence, ValueCreationStory
from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
TITLE = "Huddle with the ambulance service"
PLAN = "Try the paramedics' escalation chart on ward 4"
EVIDENCE = "Ward 4 screening audit, quarter 3"


def _answer_pulse(page, worth, contribute, *, takeaway=None, connection="", plan="", consent=False):
    page.get_by_role("group", name="This meeting was worth my time").get_by_label(str(worth), exact=True).check()
    page.get_by_role("group", name="I could contribute").get_by_label(str(contribute), exact=True).check()
    if takeaway:
        page.get_by_label(takeaway, exact=True).check()
    if connection:
        page.get_by_label("A useful new connection (optional)").fill(connection)
    if plan:
        page.get_by_label("Something I plan to try (optional)").fill(plan)
    if consent:
        page.get_by_label("You may ask me in about six weeks how it went").check()
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_role("status")).to_contain_text("your feedback is saved")


def _add_step(page, text, cycle, *, evidence=None):
    page.get_by_role("link", name="Add a step").click()
    page.get_by_label("What happened", exact=True).fill(text)
    page.get_by_role("group", name="Which value cycle it tells").get_by_label(cycle).check()
    if evidence:
        page.get_by_label(evidence).check()
        page.get_by_label("Evidence", exact=True).select_option("corroborated")
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_role("status")).to_contain_text("The step is saved")


def test_pulse_after_a_meeting_seeds_a_story_the_evaluator_completes_and_approves(page, browser, demo_site,
                                                                                  check_a11y, monkeypatch):
    with scopes_disabled():
        sepsis = Community.objects.get(organisation__slug="hin-south-london", slug="sepsis")
        Evidence.objects.create(organisation=sepsis.organisation, community=sepsis, title=EVIDENCE,
                                date=timezone.localdate(), cycles=["realised"])
    member = User.objects.get(email="member@hin.example.org")
    convener = User.objects.get(email="convener@hin.example.org")
    yesterday = timezone.localdate() - timedelta(days=1)

    # The convener adds yesterday's meeting and records who came: the pulse is offered.
    sign_in(page, demo_site, "convener@hin.example.org")
    page.goto(demo_site + SEPSIS + "meetings/new/")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date").fill(yesterday.isoformat())
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Ends at").fill("15:00")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Record: {TITLE}")
    page.get_by_label(convener.display_name).check()
    page.get_by_label(member.display_name).check()
    page.get_by_label("Notes").fill("Paramedics showed their escalation chart.")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_test_id("pulse-link")).to_be_visible()
    meeting_url = page.url

    # The convener answers the pulse, on a phone.
    page.get_by_role("link", name="Give a minute's feedback").click()
    check_a11y(page)
    fits_a_phone(page)
    _answer_pulse(page, 5, 4, takeaway="A contact")

    # The member answers too, with something to try: a story seed.
    other = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
    sign_in(other, demo_site, "member@hin.example.org")
    other.goto(meeting_url + "pulse/")
    expect(other.get_by_test_id("pulse-form")).to_be_visible()
    fits_a_phone(other)
    # Without the two scores the form says what is missing and keeps what was typed.
    other.get_by_label("Something I plan to try (optional)").fill(PLAN)
    other.get_by_role("button", name="Send my feedback").click()
    expect(other.get_by_role("alert")).to_contain_text("Choose how far the meeting was worth your time")
    expect(other.get_by_label("Something I plan to try (optional)")).to_have_value(PLAN)
    check_a11y(other)
    _answer_pulse(other, 4, 3, takeaway="A tool", connection="Ambulance service", plan=PLAN, consent=True)

    # The member finds the seed among the community's stories, gives consent for reports and shares it.
    other.goto(demo_site + SEPSIS + "value/stories/")
    check_a11y(other)
    fits_a_phone(other)
    other.get_by_role("link", name=PLAN).click()
    expect(other.get_by_test_id("story-status")).to_have_text("Draft")
    expect(other.get_by_test_id("story-steps")).to_contain_text("Aspiration")
    other.get_by_role("link", name="Change the title or who may read it").click()
    check_a11y(other)
    other.get_by_label("In the organisation's reports").check()
    other.get_by_role("button", name="Save who may read it").click()
    other.get_by_role("button", name="Share with the community").click()
    expect(other.get_by_test_id("story-status")).to_have_text("Shared with the community")
    fits_a_phone(other)

    # The evaluator finds it waiting, completes it across four cycles with evidence, re-codes, approves.
    evaluator = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
    sign_in(evaluator, demo_site, "evaluator@hin.example.org")
    evaluator.goto(demo_site + "/hin-south-london/evaluation/stories/?waiting=on")
    check_a11y(evaluator)
    fits_a_phone(evaluator)
    evaluator.get_by_role("link", name=PLAN).click()
    _add_step(evaluator, "The huddle where paramedics showed their chart", "Immediate value")
    _add_step(evaluator, "A ward version of the chart, agreed with the ambulance service", "Potential value")
    _add_step(evaluator, "Used on every shift on ward 4 since October", "Reframing value")
    _add_step(evaluator, "Screening within the hour rose from 60% to 85%", "Realised value", evidence=EVIDENCE)
    check_a11y(evaluator)
    fits_a_phone(evaluator)
    # The third step is about practice, not success criteria: re-coded, the narrator's tag kept beside it.
    evaluator.get_by_label("Re-code step 4").select_option("applied")
    evaluator.get_by_role("button", name="Re-code step 4").click()
    expect(evaluator.get_by_role("status")).to_contain_text("re-coded")
    step = evaluator.get_by_test_id("story-step").nth(3)
    expect(step.get_by_test_id("step-cycle")).to_have_text("Reframing value")
    expect(step.get_by_test_id("step-recoded")).to_have_text("Applied value")
    expect(evaluator.get_by_test_id("story-steps")).to_contain_text(EVIDENCE)
    expect(evaluator.get_by_test_id("story-furthest")).to_have_text("realised value")
    evaluator.get_by_role("button", name="Approve for reports").click()
    expect(evaluator.get_by_test_id("story-status")).to_have_text("Approved for reports")
    check_a11y(evaluator)
    fits_a_phone(evaluator)

    with scopes_disabled():
        story = ValueCreationStory.objects.get(title=PLAN)
        assert story.narrator == member and story.usable_for("report") and not story.usable_for("public")
        cycles = [s.recoded_cycle or s.cycle for s in story.steps.order_by("position") if not s.aspirational]
        assert cycles == ["immediate", "potential", "applied", "realised"]

    # The evaluator builds the value-cycle report of Sepsis's programme and reads it.
    _build_and_read_the_programme_report(evaluator, demo_site, sepsis, monkeypatch, check_a11y)


CHART_TITLES = ("The cycle ladder: evidence items and story steps per cycle",
                "The value-creation matrix: effect data and stories per cycle", "Value flow: how far",
                "Phase × cycle: evidence items and story steps by lifecycle phase",
                "Participation tiers by quarter: core, active and peripheral members",
                "Boundary crossing: organisations, professions and sectors spanned, month by month",
                "Ties made at meetings in the last year, and those crossing a boundary")


def _build_and_read_the_programme_report(page, demo_site, sepsis, monkeypatch, check_a11y):
    from cop_platform import tasks
    from cop_platform.models import Build, BuildStatus
    from programmes import services as programme_services
    from tests.core.pdf_helpers import embedded_things, pdf_text

    with scopes_disabled():
        programme = sepsis.programmes.order_by("pk").first()
        if programme is None:  # the demo puts it in one; a programme of its own otherwise
            pm = User.objects.get(email="pm@hin.example.org")
            programme = programme_services.programme_create(organisation=sepsis.organisation, by=pm,
                                                            name="Deterioration programme", kind="support")
            programme_services.programme_community_add(organisation=sepsis.organisation, by=pm,
                                                       programme=programme, community=sepsis)
    held = []
    monkeypatch.setattr(tasks.build_file, "apply_async", lambda args=(), kwargs=None, **options: held.append(args))
    page.goto(demo_site + "/hin-south-london/evaluation/views/")
    page.get_by_label("Programme").select_option(label=programme.name)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("views-scope")).to_have_text(programme.name)
    page.get_by_test_id("build-box").get_by_role("button", name="Build the value-cycle report (PDF)").click()
    expect(page.get_by_test_id("build-status")).to_be_visible()
    fits_a_phone(page)
    assert len(held) == 1
    tasks.build_file.run(*held[0])  # the worker
    with scopes_disabled():
        build = Build.objects.get(pk=held[0][1])
    assert build.status == BuildStatus.READY, build.failure_reason
    download_link = page.get_by_test_id("build-download")
    expect(download_link).to_be_visible(timeout=10_000)
    check_a11y(page)
    with page.expect_download() as download_info:
        download_link.click()
    with open(download_info.value.path(), "rb") as handle:
        content = handle.read()
    text = " ".join(pdf_text(content).split())
    for cycle in ("Immediate value", "Potential value", "Applied value", "Realised value", "Reframing value"):
        assert cycle in text, cycle
    assert PLAN in text  # the approved story, with its steps
    assert "Screening within the hour rose from 60% to 85%" in text
    for title in CHART_TITLES:
        assert title in text, title
    assert embedded_things(content) == []
