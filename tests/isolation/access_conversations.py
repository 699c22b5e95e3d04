"""Access table for a community's conversations (see tests/isolation/access.py). The crawler's thread is
started by the convener, so the author-only pages (editing and deleting one's own post) use the
``STORY_NARRATOR`` level: the author only, everyone else who may see the community refused with 403."""

from django_scopes import scopes_disabled

from communities.models import Post, Thread
from tests.isolation.access import COMMUNITY_CONVENER, COMMUNITY_MEMBERS, STORY_NARRATOR

POST_AUTHOR = STORY_NARRATOR

ACCESS = {
    "communities:conversations": COMMUNITY_MEMBERS,
    "communities:conversation_new": COMMUNITY_MEMBERS,
    "communities:conversations_follow": COMMUNITY_MEMBERS,
    "communities:conversation_mentions": COMMUNITY_MEMBERS,
    "communities:conversation": COMMUNITY_MEMBERS,
    "communities:conversation_follow": COMMUNITY_MEMBERS,
    "communities:conversation_moderate": COMMUNITY_CONVENER,
    "communities:conversation_post_hide": COMMUNITY_CONVENER,
    "communities:conversation_post_edit": POST_AUTHOR,
    "communities:conversation_post_delete": POST_AUTHOR,
}


def url_arguments(tenant, *, community):
    """A thread in ``community`` started by its convener, and its opening post."""
    from django.utils import timezone

    with scopes_disabled():
        thread = Thread.objects.filter(community=community, title="Crawler thread").first()
        if thread is None:
            thread = Thread.objects.create(organisation=community.organisation, community=community,
                                           title="Crawler thread", author=tenant.convener,
                                           last_post_at=timezone.now())
            Post.objects.create(organisation=community.organisation, thread=thread, author=tenant.convener,
                                body="Hello", body_html="<p>Hello</p>")
        post = Post.objects.filter(thread=thread).order_by("pk").first()
    return {"thread_id": thread.pk, "post_id": post.pk}


def grow(tenant, *, community, n):
    """``n`` more threads in ``community``, each with replies from several people (one mentioning the plain
    member), followed and partly read by the cast; and ``n`` more replies in the crawler's thread."""
    from django.utils import timezone

    from communities.models import Mention, ThreadFollow, ThreadRead
    from tests.factories import people_in

    org = community.organisation
    now = timezone.now()
    people = people_in(org, n, label="poster", community=community)
    with scopes_disabled():
        crawler_thread = Thread.objects.get(community=community, title="Crawler thread")
        threads = Thread.objects.bulk_create(
            Thread(organisation=org, community=community, title=f"Grown thread {i}", author=people[i],
                   last_post_at=now) for i in range(n))
        posts = Post.objects.bulk_create(
            Post(organisation=org, thread=thread, author=author, body="A reply", body_html="<p>A reply</p>")
            for thread in [*threads, crawler_thread] for author in (people[0], people[-1], tenant.convener))
        posts += Post.objects.bulk_create(Post(organisation=org, thread=crawler_thread, author=person,
                                               body="More", body_html="<p>More</p>") for person in people)
        Mention.objects.bulk_create(Mention(organisation=org, post=post, user=tenant.member) for post in posts[:n])
        readers = (tenant.convener, tenant.member)
        ThreadFollow.objects.bulk_create(ThreadFollow(organisation=org, thread=thread, user=user)
                                         for thread in threads for user in readers)
        ThreadRead.objects.bulk_create(ThreadRead(organisation=org, thread=thread, user=tenant.member,
                                                  last_read_at=now) for thread in threads[::2])
