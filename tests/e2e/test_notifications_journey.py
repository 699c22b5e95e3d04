"""Journey: the demo convener gets notifications, sees the unread count in the header, opens the inbox,
searches it, marks one and then all read; the daily digest lands once in the outbox, and its one-click
unsubscribe link works without signing in."""

import re
from urllib.parse import urlsplit

from django_scopes import scope
from playwright.sync_api import expect

from communities.models import Community
from cop_platform.accounts.models import User
from cop_platform.notifications import notify
from cop_platform.tasks import send_notification_digests
from cop_platform.tenancy.models import Organisation
from tests.e2e.test_sign_in import sign_in

CONVENER = "convener@hin.example.org"


def _notify_convener():
    hin = Organisation.objects.get(slug="hin-south-london")
    convener = User.objects.get(email=CONVENER)
    with scope(organisation=hin):
        sepsis = Community.objects.get(organisation=hin, slug="sepsis")
        for text in ("Priya Raman replied to your thread “Screening on the wards”",
                     "Tomasz Nowak mentioned you in “Night-shift handover cards”"):
            notify(organisation=hin, recipients=[convener], kind="communities.reply", text=text,
                   url=sepsis.get_absolute_url(), community_id=sepsis.pk)


def test_a_convener_reads_notifications_and_gets_one_digest(page, browser, demo_site, check_a11y, mailoutbox):
    _notify_convener()
    sign_in(page, demo_site, CONVENER)
    count = page.get_by_test_id("unread-count")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    before = int(count.inner_text())
    assert before >= 3  # the demo's request to join, and the two replies
    page.get_by_test_id("header-notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    check_a11y(page)

    page.get_by_label("Search", exact=True).fill("handover cards")
    page.get_by_role("button", name="Search").click()
    rows = page.get_by_test_id("notification")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("button", name=re.compile("Mark as read")).click()
    expect(page.get_by_test_id("unread-count")).to_have_text(str(before - 1))
    expect(page.get_by_test_id("unread-tag")).to_have_count(0)
    check_a11y(page)

    page.get_by_label("Search", exact=True).fill("")
    page.get_by_label("Show", exact=True).select_option("unread")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("notification")).to_have_count(before - 1)
    page.get_by_test_id("mark-all-read").click()
    expect(page.get_by_role("status")).to_contain_text("marked as read")
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    expect(page.get_by_test_id("notification")).to_have_count(0)
    check_a11y(page)

    # The daily digest: the beat runs (twice: a retry, a second scheduler), one e-mail lands.
    send_notification_digests.apply()
    send_notification_digests.apply()
    digests = [m for m in mailoutbox if m.to == [CONVENER] and "daily digest" in m.subject]
    assert len(digests) == 1
    assert "Screening on the wards" in digests[0].body and "Night-shift handover cards" in digests[0].body
    link = re.search(r"(http\S+/unsubscribe/[^/\s]+/)", digests[0].body).group(1)

    page.goto(demo_site + "/hin-south-london/notifications/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    expect(page.get_by_label("E-mails about Sepsis")).to_be_visible()
    check_a11y(page)

    # Unsubscribe from the e-mail, signed out, in another browser.
    stranger = browser.new_context().new_page()
    stranger.goto(demo_site + urlsplit(link).path)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
    check_a11y(stranger)
    stranger.get_by_test_id("unsubscribe-confirm").click()
    expect(stranger.get_by_test_id("unsubscribed")).to_be_visible()
    check_a11y(stranger)
    stranger.context.close()
    page.reload()
    expect(page.get_by_label("E-mail me about activity in my communities (replies, mentions, new threads)")
           ).not_to_be_checked()
