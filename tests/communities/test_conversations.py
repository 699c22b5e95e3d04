"""Conversations through their pages and services: threads, replies, mentions and the notification rows
they write, hostile and huge posts, locked threads, conveners' moderation, own posts edited and deleted,
unread markers, search, other communities and tenants."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import LibraryItem, Meeting, Post, Thread
from cop_platform.models import AuditEvent, Notification
from tests.factories import member_of


def url(tenant, name, community=None, **kwargs):
    community = community or tenant.community
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": community.slug, **kwargs})


def notifications(kind=None, **filters):
    with scopes_disabled():
        qs = Notification.objects.filter(**filters)
        if kind:
            qs = qs.filter(kind=kind)
        return list(qs.select_related("recipient"))


def start(tenant, by, title="Night-time escalation", body="How do you escalate at night?", community=None):
    with scope(organisation=tenant.organisation):
        return services.thread_start(organisation=tenant.organisation, by=by, community=community or tenant.community,
                                     title=title, body=body)


def reply(tenant, by, thread, body="We use a call-out rota."):
    with scope(organisation=tenant.organisation):
        return services.post_reply(organisation=tenant.organisation, by=by, thread=thread, body=body)


@pytest.fixture
def asha(world):
    return member_of(world.a.community, first_name="Asha", last_name="Patel", email="asha@example.org")


def test_member_starts_a_thread_convener_is_told_members_are_not_by_default(world, client_for, asha):
    client = client_for(world.a.member)
    response = client.post(url(world.a, "conversation_new"), {"title": "Night escalation", "body": "Ideas?"})
    assert response.status_code == 302
    with scopes_disabled():
        thread = Thread.objects.get(title="Night escalation")
    assert response["Location"] == url(world.a, "conversation", thread_id=thread.pk)
    told = {n.recipient for n in notifications("communities.new_thread")}
    assert told == {world.a.convener}
    assert client.get(url(world.a, "conversations")).status_code == 200


def test_member_who_follows_the_community_is_told_of_new_threads(world, client_for, asha):
    client_for(asha).post(url(world.a, "conversations_follow"), {"follow": "yes"})
    start(world.a, world.a.member)
    assert {n.recipient for n in notifications("communities.new_thread")} == {world.a.convener, asha}


def test_mention_notifies_the_member_and_not_someone_outside_the_community(world, client_for, asha):
    with scopes_disabled():
        world.a.outsider.first_name, world.a.outsider.last_name = "Olu", "Outside"
        world.a.outsider.save()
    client = client_for(world.a.member)
    client.post(url(world.a, "conversation_new"), {"title": "Audit", "body": "@Asha Patel and @Olu Outside, thoughts?"})
    mentions = notifications("communities.mention")
    assert [n.recipient for n in mentions] == [asha]
    assert mentions[0].url.startswith(url(world.a, "conversations"))
    with scopes_disabled():
        post = Post.objects.get()
    assert "<strong>@Asha Patel</strong>" in post.body_html
    assert "<strong>@Olu Outside" not in post.body_html


def test_reply_tells_the_author_and_participants_not_the_muted(world, client_for, asha):
    thread = start(world.a, world.a.member)
    reply(world.a, asha, thread, "First answer")
    client_for(asha).post(url(world.a, "conversation_follow", thread_id=thread.pk), {"choice": "mute"})
    before = len(notifications("communities.reply"))
    response = client_for(world.a.convener).post(url(world.a, "conversation", thread_id=thread.pk),
                                                 {"body": "Convener's answer"})
    assert response.status_code == 302
    new = notifications("communities.reply")[: len(notifications("communities.reply")) - before]
    assert {n.recipient for n in new} == {world.a.member}
    assert "Convener's answer" in new[0].text


def test_hostile_html_in_a_post_is_shown_as_text(world, client_for):
    client = client_for(world.a.member)
    body = ('<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">go</a> '
            '<iframe src="https://evil.example.org"></iframe> <style>*{}</style> **bold**')
    client.post(url(world.a, "conversation_new"), {"title": "<b>Title</b>", "body": body})
    with scopes_disabled():
        thread = Thread.objects.get()
    page = client.get(url(world.a, "conversation", thread_id=thread.pk)).content.decode()
    for bad in ("<script>alert", "<img src", "<iframe", "<style>", "<a href=\"javascript", "<b>Title</b>"):
        assert bad not in page
    assert "&lt;script&gt;" in page and "<strong>bold</strong>" in page and "&lt;b&gt;Title&lt;/b&gt;" in page


def test_a_one_megabyte_post_is_refused_clearly_and_nothing_is_lost(world, client_for):
    client = client_for(world.a.member)
    thread = start(world.a, world.a.member)
    huge = "Long story. " * 90_000
    response = client.post(url(world.a, "conversation", thread_id=thread.pk), {"body": huge})
    assert response.status_code == 200
    assert "Your message is too long: 1,079,999 characters, the most is 20,000." in response.content.decode()
    assert huge.strip()[:2000] in response.content.decode()
    with scopes_disabled():
        assert Post.objects.filter(thread=thread).count() == 1
    response = client.post(url(world.a, "conversation_new"), {"title": "Huge", "body": huge})
    assert "Your message is too long" in response.content.decode()


def test_empty_reply_and_empty_title_say_what_is_wrong(world, client_for):
    client = client_for(world.a.member)
    response = client.post(url(world.a, "conversation_new"), {"title": "", "body": " "})
    text = response.content.decode()
    assert "Enter a title for the conversation." in text and "Write your message." in text


def test_replies_to_a_locked_thread_are_refused(world, client_for):
    thread = start(world.a, world.a.member)
    convener = client_for(world.a.convener)
    moderate = url(world.a, "conversation_moderate", thread_id=thread.pk)
    assert convener.post(moderate, {"action": "lock"}).status_code == 302
    member = client_for(world.a.member)
    response = member.post(url(world.a, "conversation", thread_id=thread.pk), {"body": "Still here"})
    assert "This conversation is locked" in response.content.decode()
    with pytest.raises(PermissionDenied):
        reply(world.a, world.a.member, thread)
    with scopes_disabled():
        assert Post.objects.filter(thread=thread).count() == 1
        assert AuditEvent.objects.filter(action="conversation.locked").count() == 1
    # A plain member cannot lock or unlock.
    assert member.post(moderate, {"action": "unlock"}).status_code == 403


def test_hidden_post_is_gone_for_members_and_kept_with_the_reason_for_conveners(world, client_for):
    thread = start(world.a, world.a.member)
    post = reply(world.a, world.a.member, thread, "Something unkind")
    convener = client_for(world.a.convener)
    response = convener.post(url(world.a, "conversation_post_hide", post_id=post.pk), {"reason": ""})
    assert "Say why the post is hidden." in response.content.decode()
    convener.post(url(world.a, "conversation_post_hide", post_id=post.pk), {"reason": "Not kind to a colleague"})
    page = convener.get(url(world.a, "conversation", thread_id=thread.pk)).content.decode()
    assert "Something unkind" in page and "Not kind to a colleague" in page
    page = client_for(world.a.member).get(url(world.a, "conversation", thread_id=thread.pk)).content.decode()
    assert "Something unkind" not in page and "Not kind to a colleague" not in page
    assert "A post was hidden." in page
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="conversation.post_hidden").count() == 1
    assert client_for(world.a.member).post(url(world.a, "conversation_post_hide", post_id=post.pk),
                                           {"action": "show"}).status_code == 403


def test_author_edits_with_edited_shown_others_cannot(world, client_for):
    thread = start(world.a, world.a.member)
    with scopes_disabled():
        post = Post.objects.get(thread=thread)
    client = client_for(world.a.member)
    response = client.post(url(world.a, "conversation_post_edit", post_id=post.pk), {"body": "Better words"})
    assert response.status_code == 302
    page = client.get(url(world.a, "conversation", thread_id=thread.pk)).content.decode()
    assert "Better words" in page and "edited" in page
    assert client_for(world.a.convener).post(url(world.a, "conversation_post_edit", post_id=post.pk),
                                             {"body": "Rewritten"}).status_code == 403
    with scopes_disabled():
        assert Post.objects.get(pk=post.pk).body == "Better words"


def test_delete_leaves_a_placeholder_when_it_opens_a_thread_with_replies(world, client_for):
    thread = start(world.a, world.a.member)
    answer = reply(world.a, world.a.convener, thread, "An answer")
    with scopes_disabled():
        opening = Post.objects.filter(thread=thread).first()
    client = client_for(world.a.member)
    client.post(url(world.a, "conversation_post_delete", post_id=opening.pk))
    page = client.get(url(world.a, "conversation", thread_id=thread.pk)).content.decode()
    assert "This post was deleted by its author." in page and "How do you escalate" not in page
    client_for(world.a.convener).post(url(world.a, "conversation_post_delete", post_id=answer.pk))
    with scopes_disabled():
        assert not Post.objects.filter(pk=answer.pk).exists()  # nobody quoted it: gone


def test_unread_markers_count_new_posts_until_read(world, client_for):
    thread = start(world.a, world.a.convener)
    member = client_for(world.a.member)
    listed = member.get(url(world.a, "conversations")).context["page"]
    assert listed[0].new_count == 1
    member.get(url(world.a, "conversation", thread_id=thread.pk))
    assert member.get(url(world.a, "conversations")).context["page"][0].new_count == 0
    reply(world.a, world.a.convener, thread, "One")
    reply(world.a, world.a.convener, thread, "Two")
    assert member.get(url(world.a, "conversations")).context["page"][0].new_count == 2
    page = member.get(url(world.a, "conversation", thread_id=thread.pk)).content.decode()
    assert page.count('data-testid="post-new"') == 2


def test_search_finds_titles_and_text_of_visible_posts(world, client_for):
    start(world.a, world.a.member, title="Sepsis screening", body="About tools")
    thread = start(world.a, world.a.member, title="Another", body="Lactate meters")
    reply(world.a, world.a.member, thread, "A secret word")
    client = client_for(world.a.member)
    assert client.get(url(world.a, "conversations"), {"q": "screening"}).context["page"].paginator.count == 1
    assert client.get(url(world.a, "conversations"), {"q": "lactate"}).context["page"].paginator.count == 1
    assert client.get(url(world.a, "conversations"), {"q": "secret"}).context["page"].paginator.count == 1
    assert client.get(url(world.a, "conversations"), {"q": "nothing"}).context["page"].paginator.count == 0


def test_library_and_meeting_links_resolve_only_in_the_same_community(world):
    from django.utils import timezone

    with scopes_disabled():
        item = LibraryItem.objects.create(organisation=world.a.organisation, community=world.a.community,
                                          kind="link", title="NEWS2 chart", url="https://example.org/news2")
        other = LibraryItem.objects.create(organisation=world.a.organisation, community=world.a.unlisted,
                                           kind="link", title="Private", url="https://example.org/private")
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="June meeting", starts_at=timezone.now(),
                                         ends_at=timezone.now() + timezone.timedelta(hours=1))
    thread = start(world.a, world.a.member,
                   body=f"See [library:{item.pk}], [library:{other.pk}] and [meeting:{meeting.pk}]")
    with scopes_disabled():
        html = Post.objects.get(thread=thread).body_html
    assert ">NEWS2 chart</a>" in html and f"[library:{other.pk}]" in html and "Private" not in html
    assert f'href="{url(world.a, "meeting", meeting_id=meeting.pk)}"' in html


def test_thread_started_from_a_meeting_is_linked_to_it(world, client_for):
    from django.utils import timezone

    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="June meeting", starts_at=timezone.now(),
                                         ends_at=timezone.now() + timezone.timedelta(hours=1))
    client = client_for(world.a.member)
    page = client.get(url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert "Start a conversation about this meeting" in page
    form = client.get(url(world.a, "conversation_new"), {"meeting": meeting.pk})
    assert form.context["meeting"] == meeting
    client.post(url(world.a, "conversation_new") + f"?meeting={meeting.pk}", {"title": "After June", "body": "Notes?"})
    with scopes_disabled():
        assert Thread.objects.get(title="After June").meeting == meeting


def test_threads_of_another_community_or_tenant_are_not_found(world, client_for):
    theirs = start(world.b, world.b.member)
    unlisted = start(world.a, world.a.convener, community=world.a.unlisted)
    client = client_for(world.a.member)
    assert client.get(url(world.a, "conversation", thread_id=theirs.pk)).status_code == 404
    assert client.get(url(world.a, "conversation", thread_id=unlisted.pk)).status_code == 404
    in_unlisted = url(world.a, "conversation", community=world.a.unlisted, thread_id=unlisted.pk)
    assert client.get(in_unlisted).status_code == 404
    assert client_for(world.a.outsider).get(url(world.a, "conversations")).status_code == 403
    with pytest.raises(Exception):  # noqa: B017  the service refuses a record of another tenant
        reply(world.a, world.a.member, theirs)


def test_mention_suggestions_offer_at_most_ten_members_of_this_community(world, client_for):
    for i in range(12):
        member_of(world.a.community, first_name="Sam", last_name=f"Lee{i:02d}")
    member_of(world.b.community, first_name="Sam", last_name="Elsewhere")
    response = client_for(world.a.member).get(url(world.a, "conversation_mentions"), {"name": "sam"},
                                              HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert text.count("<li>") == 10 and "Elsewhere" not in text and "<html" not in text
    assert client_for(world.a.outsider).get(url(world.a, "conversation_mentions"), {"name": "sam"}).status_code == 403


def test_a_reader_who_is_not_a_member_cannot_post(world, client_for):
    thread = start(world.a, world.a.member)
    assert client_for(world.a.evaluator).post(url(world.a, "conversation", thread_id=thread.pk),
                                              {"body": "Hi"}).status_code == 403
    with scopes_disabled():
        assert Post.objects.filter(thread=thread).count() == 1
