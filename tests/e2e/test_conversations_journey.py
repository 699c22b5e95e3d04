"""Browser journey for conversations: in the Sepsis community a member starts a conversation that
mentions the convener (who gets a notification row), the convener sees it marked new, replies quoting it
and mentions the member back, who finds it in their inbox and gets one e-mail (the day's digest); the
member's off-topic reply is hidden by the convener with a reason: gone for members (a placeholder), kept
and marked for the conveners. Every page is checked with axe, at a phone's width, for valid HTML and a
clean Content-Security-Policy."""

import re

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cop_platform.accounts.models import User
from cop_platform.models import Notification
from cop_platform.tasks import send_notification_digests
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"
TITLE = "Lactate at the front door"


def _rows(kind, user):
    with scopes_disabled():
        return list(Notification.objects.filter(kind=kind, recipient=user).values_list("text", flat=True))


def test_two_members_talk_with_a_mention_and_a_reply_and_a_post_is_hidden(page, browser, demo_site, check_a11y,
                                                                         mailoutbox):
    convener = User.objects.get(email="convener@hin.example.org")
    member = User.objects.get(email="member@hin.example.org")

    # The member starts a conversation that mentions the convener.
    sign_in(page, demo_site, "member@hin.example.org")
    page.goto(demo_site + SEPSIS)
    nav = page.get_by_role("navigation", name="In this community")
    nav.get_by_role("link", name="Conversations").click()
    expect(nav.get_by_role("link", name="Conversations")).to_have_attribute("aria-current", "page")
    check_a11y(page)
    page.get_by_role("link", name="Start a conversation").click()
    page.get_by_role("button", name="Start the conversation").click()  # empty: refused, clearly
    expect(page.get_by_role("alert")).to_contain_text("Enter a title for the conversation.")
    check_a11y(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your message").fill(
        f"Do you measure lactate at triage?\n\n- which wards\n- **who** acts on it\n\n@{convener.display_name}, "
        "what did the audit show? <script>alert('x')</script>")
    page.get_by_role("button", name="Start the conversation").click()
    expect(page.get_by_test_id("thread-title")).to_have_text(TITLE)
    body = page.get_by_test_id("post-body").first
    expect(body.locator("li")).to_have_count(2)
    expect(body.locator("strong").first).to_have_text("who")
    expect(body).to_contain_text("<script>alert('x')</script>")  # shown as text, never run
    check_a11y(page)
    thread_url = page.url
    assert any(TITLE in text for text in _rows("communities.mention", convener))

    # The mention finder offers members' names (htmx fragment under the form).
    page.get_by_label("Find a member to mention").fill(convener.first_name[:3])
    expect(page.get_by_test_id("mention-suggestions")).to_contain_text(convener.display_name)
    page.get_by_role("button", name=f"Mention {convener.display_name} in your message").click()
    expect(page.get_by_label("Your reply")).to_have_value(f"@{convener.display_name} ")

    # The convener sees it marked new, replies quoting it and mentions the member.
    other = browser.new_context().new_page()
    sign_in(other, demo_site, "convener@hin.example.org")
    other.goto(demo_site + SEPSIS + "conversations/")
    thread = other.get_by_test_id("thread").filter(has_text=TITLE)
    expect(thread.get_by_test_id("thread-new")).to_have_text("1 new")
    check_a11y(other)
    thread.get_by_role("link", name=TITLE).click()
    expect(other.get_by_test_id("post-new")).to_have_count(1)
    other.get_by_role("link", name="Quote this post in a reply").first.click()
    expect(other.get_by_test_id("quoting")).to_contain_text("Do you measure lactate")
    other.get_by_label("Your reply").fill(f"Yes, since March. @{member.display_name}, the audit is in the library.")
    other.get_by_role("button", name="Post the reply").click()
    expect(other.get_by_role("status")).to_contain_text("Your reply is posted")
    expect(other.get_by_test_id("post-quote")).to_contain_text("Do you measure lactate")
    check_a11y(other)
    assert any(TITLE in text for text in _rows("communities.mention", member))

    # The member sees the mention in their inbox (the header's count) and gets one e-mail for it: the day's
    # digest, sent once however often the beat fires.
    page.goto(demo_site + "/hin-south-london/")
    expect(page.get_by_test_id("unread-count")).to_have_text(re.compile(r"^\d+$"))
    page.get_by_test_id("header-notifications").click()
    expect(page.get_by_test_id("notification-list")).to_contain_text(TITLE)
    check_a11y(page)
    send_notification_digests.apply()
    send_notification_digests.apply()
    mail = [m for m in mailoutbox if m.to == [member.email] and TITLE in m.body]
    assert len(mail) == 1 and "digest" in mail[0].subject, [m.subject for m in mail]

    # The member's reply is hidden by the convener, with a reason.
    page.goto(thread_url)
    page.get_by_label("Your reply").fill("Completely unrelated: anyone selling a bike?")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply is posted")
    assert any(TITLE in text for text in _rows("communities.reply", convener))
    other.reload()
    hide = other.get_by_test_id("post").filter(has_text="anyone selling a bike").get_by_role("link", name="Hide")
    hide.click()
    other.get_by_role("button", name="Hide the post").click()
    expect(other.get_by_role("alert")).to_contain_text("Say why the post is hidden.")
    check_a11y(other)
    other.get_by_label("Why is this post hidden?").fill("Off topic for the community")
    other.get_by_role("button", name="Hide the post").click()
    expect(other.get_by_test_id("post-hidden-reason")).to_contain_text("Off topic for the community")
    expect(other.get_by_test_id("posts")).to_contain_text("anyone selling a bike")
    check_a11y(other)

    page.reload()
    expect(page.get_by_test_id("post-hidden")).to_have_text("A post was hidden.")
    expect(page.get_by_test_id("posts")).not_to_contain_text("anyone selling a bike")
    expect(page.get_by_test_id("posts")).not_to_contain_text("Off topic for the community")
    check_a11y(page)

    # The author edits their opening post: "edited" shows.
    page.get_by_role("link", name="Edit your post").first.click()
    page.get_by_label("Your message").fill("Do you measure lactate at triage? (Asked again, more clearly.)")
    page.get_by_role("button", name="Save the post").click()
    expect(page.get_by_test_id("post-edited").first).to_contain_text("edited")
    check_a11y(page)
