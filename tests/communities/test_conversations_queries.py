"""Query counts of the conversation pages stay flat as threads and replies grow (2 vs 20, and a thread of
500 replies, paginated)."""

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import Post, Thread
from tests.factories import member_of
from tests.helpers import assert_queries_flat


def _url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


def _replies(thread, authors, n, *, hidden_every=5):
    now = timezone.now()
    with scopes_disabled():
        posts = Post.objects.bulk_create([
            Post(organisation=thread.organisation, thread=thread, author=authors[i % len(authors)],
                 body=f"Reply {i}", body_html=f"<p>Reply {i}</p>",
                 hidden_at=now if i % hidden_every == 0 else None,
                 hidden_by=authors[0] if i % hidden_every == 0 else None,
                 hidden_reason="Off topic" if i % hidden_every == 0 else "")
            for i in range(n)])
        # some replies quote earlier ones, some were edited
        for i, post in enumerate(posts[1:], start=1):
            if i % 3 == 0:
                post.quote, post.edited_at = posts[i - 1], now
        Post.objects.bulk_update(posts, ["quote", "edited_at"])


def _thread(tenant, by, title="A thread"):
    with scope(organisation=tenant.organisation):
        return services.thread_start(organisation=tenant.organisation, by=by, community=tenant.community,
                                     title=title, body="Opening")


def test_thread_page_queries_stay_flat_from_2_to_20_replies(world, client_for):
    authors = [world.a.convener, world.a.member] + [member_of(world.a.community) for _ in range(3)]
    thread = _thread(world.a, world.a.convener)
    _replies(thread, authors, 2)
    for person in (world.a.member, world.a.convener):
        client = client_for(person)
        client.get(_url(world.a, "conversation", thread_id=thread.pk))  # the first visit writes the "read" row
        before, _ = assert_queries_flat(client, _url(world.a, "conversation", thread_id=thread.pk),
                                        lambda: _replies(thread, authors, 18))
        assert before <= 20


def test_thread_with_500_replies_is_paginated_with_the_same_queries(world, client_for):
    authors = [world.a.convener, world.a.member]
    thread = _thread(world.a, world.a.convener)
    _replies(thread, authors, 30)
    client = client_for(world.a.member)
    url = _url(world.a, "conversation", thread_id=thread.pk) + "?page=last"
    client.get(url)
    assert_queries_flat(client, url, lambda: _replies(thread, authors, 470))
    response = client.get(url)
    assert len(response.context["posts"]) <= 25 and response.context["page"].paginator.num_pages == 21


def test_thread_list_queries_stay_flat_from_2_to_20_threads(world, client_for):
    def grow(n, start):
        for i in range(n):
            thread = _thread(world.a, world.a.convener if i % 2 else world.a.member, title=f"Thread {start + i}")
            _replies(thread, [world.a.convener, world.a.member], 3)
            if i % 4 == 0:
                with scopes_disabled():
                    Thread.objects.filter(pk=thread.pk).update(pinned=True, locked=True)

    grow(2, 0)
    client = client_for(world.a.member)
    before, _ = assert_queries_flat(client, _url(world.a, "conversations"), lambda: grow(18, 2))
    assert before <= 15
    before_search, _ = assert_queries_flat(client, _url(world.a, "conversations") + "?q=thread",
                                           lambda: grow(5, 40))
    assert before_search == before
