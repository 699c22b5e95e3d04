"""Journey: the platform admin adds a person to HIN with roles, then changes them."""

from playwright.sync_api import expect

from tests.e2e.test_sign_in import sign_in


def test_admin_adds_a_person_and_changes_their_roles(page, demo_site, check_a11y, mailoutbox):
    sign_in(page, demo_site, "admin@example.org")
    page.goto(demo_site + "/hin-south-london/people/")
    check_a11y(page)
    page.get_by_role("link", name="Add a person").click()
    check_a11y(page)

    page.get_by_role("button", name="Add person").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    check_a11y(page)

    page.get_by_label("E-mail address").fill("new.evaluator@example.org")
    page.get_by_label("First name").fill("Rowan")
    page.get_by_label("Last name").fill("Ellery")
    page.get_by_label("Member organisation", exact=True).select_option(
        label="King's College Hospital NHS Foundation Trust")
    page.get_by_label("Evaluator").check()
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("status")).to_contain_text("Rowan Ellery has been added")
    assert any(m.to == ["new.evaluator@example.org"] for m in mailoutbox)

    page.get_by_label("Name or e-mail").fill("ellery")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Rowan Ellery").click()
    expect(page.get_by_text("King's College Hospital NHS Foundation Trust")).to_be_visible()
    expect(page.get_by_label("Evaluator")).to_be_checked()
    check_a11y(page)
    page.get_by_label("Review panel member").check()
    page.get_by_role("button", name="Save roles").click()
    expect(page.get_by_role("status")).to_contain_text("Roles of Rowan Ellery saved")
    expect(page.get_by_label("Review panel member")).to_be_checked()


def test_admin_reads_the_audit_trail_older_and_newer(page, demo_site, check_a11y):
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from cop_platform.models import AuditEvent
    from cop_platform.tenancy.models import Organisation

    with scopes_disabled():
        org = Organisation.objects.get(slug="hin-south-london")
        events = AuditEvent.objects.bulk_create(
            AuditEvent(organisation=org, action="community.status_changed", target_label=f"Trail record {i:03d}",
                       summary="Status changed") for i in range(60))
        future = timezone.now() + timedelta(days=1)  # newer than anything the demo recorded
        for i, event in enumerate(events):
            event.created_at = future + timedelta(minutes=i)
        AuditEvent.objects.bulk_update(events, ["created_at"])

    sign_in(page, demo_site, "admin@example.org")
    page.goto(demo_site + "/hin-south-london/audit/")
    check_a11y(page)
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("Trail record 059")
    expect(page.get_by_role("link", name="Newer events")).to_have_count(0)
    page.get_by_role("link", name="Older events").click()
    expect(rows.first).to_contain_text("Trail record 009")
    expect(page.get_by_text("Trail record 010")).to_have_count(0)
    check_a11y(page)
    page.get_by_role("link", name="Newer events").click()
    expect(rows.first).to_contain_text("Trail record 059")
