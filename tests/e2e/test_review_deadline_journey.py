"""The manager sets the spring round's review deadline and reminders in the browser (wrong steps and a
deadline before the call closed are refused, by the field, in words), then sees each reviewer's count of
reviews done on the assignments page and each application's total and reviews in on the ranking; the
reviewer sees how many days are left. Every page is checked with axe."""

import re
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scope
from playwright.sync_api import expect

from conveners.models import Assignment, Call
from cop_platform.tenancy.models import Organisation
from tests.e2e.test_sign_in import sign_in

ORG = "/hin-south-london"
CALL = f"{ORG}/calls/spring-round"


def test_manager_sets_the_review_deadline_and_sees_progress_and_totals(browser, demo_site, check_a11y):
    organisation = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=organisation):
        call = Call.objects.get(slug="spring-round")
        closed_on = timezone.localtime(call.closes_at).date()
        progress = list(Assignment.objects.filter(call=call, conflict="").values("reviewer__email")
                        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status="submitted")))
                        .values_list("n", "done"))
    page = browser.new_context().new_page()
    sign_in(page, demo_site, "pm@hin.example.org")

    # 1. Wrong steps and a deadline before the call closed are refused, each by its field.
    page.goto(demo_site + CALL + "/edit/")
    check_a11y(page)
    page.get_by_label("Reviews due by").fill((closed_on - timedelta(days=1)).isoformat())
    page.get_by_label("Remind reviewers this many days before the review deadline").fill("a,b")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_review_deadline_error")).to_contain_text(
        f"The review deadline must be after the call closes ({closed_on:%-d %B %Y})")
    expect(page.locator("#id_review_reminder_days_error")).to_contain_text("“a” is not a whole number of days.")
    expect(page.get_by_role("link", name=re.compile("is not a whole number"))).to_be_visible()  # the summary
    check_a11y(page)

    # 2. A deadline a fortnight away, reminders a week and a day before.
    deadline = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Reviews due by").fill(deadline.isoformat())
    page.get_by_label("Remind reviewers this many days before the review deadline").fill("1, 7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Call saved.")).to_be_visible()
    with scope(organisation=organisation):
        call.refresh_from_db()
        assert (call.review_deadline, call.review_reminder_days) == (deadline, "7,1")

    # 3. Each reviewer's count of reviews done, beside the deadline.
    page.goto(demo_site + CALL + "/assign/")
    check_a11y(page)
    expect(page.get_by_test_id("review-deadline")).to_contain_text(
        f"Reviews due by {deadline:%-d %B %Y}: 14 days left")
    expect(page.get_by_test_id("review-deadline")).to_contain_text("reminded 7 and 1 days before")
    rows = page.get_by_test_id("reviewer-row")
    expect(rows).to_have_count(len(progress))
    for assigned, done in progress:
        expect(page.get_by_test_id("reviewer-progress")).to_contain_text(f"{done} of {assigned}")

    # 4. The ranking: each application's total and its reviews in, beside the weighted mean.
    page.goto(demo_site + CALL + "/ranking/")
    check_a11y(page)
    first = page.get_by_test_id("rank-row").first
    expect(first.get_by_test_id("total")).to_have_text(re.compile(r"^Total \d+ of \d+ points$"))
    expect(first.get_by_test_id("reviews-in")).to_have_text(re.compile(r"^\d+ of \d+ reviews? in$"))

    # 5. The reviewer sees the deadline in words.
    reviewer = browser.new_context().new_page()
    sign_in(reviewer, demo_site, "panel@hin.example.org")
    reviewer.goto(demo_site + CALL + "/review/")
    check_a11y(reviewer)
    expect(reviewer.get_by_test_id("review-deadline")).to_contain_text(
        f"Reviews due by {deadline:%-d %B %Y}: 14 days left.")
