"""Reads for a community's conversations, shaped so a page's query count does not grow with the data:
the thread list counts replies and what is new to the reader in the same query (annotations), a thread's
page loads its posts with their authors, quotes and moderators in one."""

from datetime import UTC, datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Membership, Post, Thread, ThreadFollow, ThreadRead
from .rules_conversations import matching_names

_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def _visible_posts(**conditions):
    """The number of visible posts of the outer thread (meeting ``conditions``), as a subquery."""
    counted = (Post.objects.filter(thread=OuterRef("pk"), deleted_at__isnull=True, hidden_at__isnull=True,
                                   **conditions)
               .order_by().values("thread").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def threads_for(community, user, *, query=""):
    """The threads of ``community``, pinned first then the liveliest, each with ``post_count`` (visible
    posts), ``new_count`` (visible posts after ``user`` last read it; all of them if never read) and
    ``last_read``. ``query`` searches titles and the text of visible posts."""
    last_read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_at")[:1]
    # Counted per thread shown (correlated subqueries), not by grouping every post of the community before
    # the page is cut: the list's time stays flat however many posts the community has.
    qs = (Thread.objects.filter(community=community)
          .select_related("author", "meeting")
          .annotate(last_read=Subquery(last_read))
          .annotate(post_count=_visible_posts(), new_count=_visible_posts(
              created_at__gt=Coalesce(OuterRef("last_read"), Value(_NEVER)))))
    query = " ".join((query or "").split())[:200]
    if query:
        matching_post = Post.objects.filter(thread=OuterRef("pk"), body__icontains=query, deleted_at__isnull=True,
                                            hidden_at__isnull=True)
        qs = qs.filter(Q(title__icontains=query) | Exists(matching_post))
    return qs.order_by("-pinned", "-last_post_at", "-pk")


def thread_in(community, thread_id):
    """The thread ``thread_id`` of ``community``, or None (another community's thread is "not found")."""
    return (Thread.objects.filter(community=community, pk=thread_id)
            .select_related("author", "meeting", "community", "organisation").first())


def post_in(community, post_id):
    return (Post.objects.filter(thread__community=community, pk=post_id)
            .select_related("thread", "thread__community", "thread__organisation", "author").first())


def thread_posts(thread):
    """The posts of ``thread`` in order, with everything their display needs."""
    return (Post.objects.filter(thread=thread)
            .select_related("author", "hidden_by", "quote", "quote__author")
            .annotate(reply_count=Count("quoted_by"))
            .order_by("created_at", "pk"))


def following_choice(thread, user):
    """``True`` (follows), ``False`` (muted) or ``None`` (the default)."""
    return ThreadFollow.objects.filter(thread=thread, user=user).values_list("following", flat=True).first()


def last_read_at(thread, user):
    return ThreadRead.objects.filter(thread=thread, user=user).values_list("last_read_at", flat=True).first()


def member_names(community):
    return list(Membership.objects.filter(community=community).values_list("user__first_name", "user__last_name",
                                                                          "user__email"))


def mention_suggestions(community, prefix, limit=10):
    """Up to ``limit`` display names of the community's members matching ``prefix`` (for ``@`` mentions)."""
    prefix = " ".join((prefix or "").lstrip("@").split())[:60]
    if not prefix:
        return []
    first = prefix.split()[0]
    rows = (Membership.objects.filter(community=community)
            .filter(Q(user__first_name__istartswith=first) | Q(user__last_name__istartswith=first)
                    | Q(user__email__istartswith=first))
            .select_related("user")[:200])
    return matching_names([m.user.display_name for m in rows], prefix, limit=limit)
