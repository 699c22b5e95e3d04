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
