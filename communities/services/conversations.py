"""Services for a community's conversations: threads, replies, mentions, moderation, following and what
each person has read. Notifications are written through :func:`cop_platform.notifications.notify`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.notifications import notify

from .. import rules_conversations as rules
from ..conversation_markup import plain_excerpt, references, render_post
from ..models import LibraryItem, Meeting, Membership, Mention, Post, Thread, ThreadFollow, ThreadRead
from ._common import _check_tenant, _standing

REPLY, MENTION, NEW_THREAD = "communities.reply", "communities.mention", "communities.new_thread"


def thread_url(thread, post=None, *, last_page=False):
    """The thread's address (at ``post``; on its last page for a new reply)."""
    url = reverse("communities:conversation", kwargs={"org": thread.organisation.slug,
                                                      "slug": thread.community.slug, "thread_id": thread.pk})
    if last_page:
        url += "?page=last"
    return f"{url}#post-{post.pk}" if post is not None else url


def _members(community):
    """``{user id: display name}`` of the community's members."""
    return {m.user_id: m.user.display_name
            for m in Membership.objects.filter(community=community).select_related("user")}


def _links(community, text):
    """The ``[library:ID]`` / ``[meeting:ID]`` references of ``text`` that are in ``community``."""
    wanted = references(text)
    org, slug = community.organisation.slug, community.slug
    links = {}
    if wanted["library"]:
        for item in LibraryItem.objects.filter(community=community, pk__in=wanted["library"]):
            url = (item.url if item.kind == "link" else
                   reverse("communities:library_download", kwargs={"org": org, "slug": slug, "item_id": item.pk}))
            links[("library", item.pk)] = (url, item.title)
    if wanted["meeting"]:
        for meeting in Meeting.objects.filter(community=community, pk__in=wanted["meeting"]):
            url = reverse("communities:meeting", kwargs={"org": org, "slug": slug, "meeting_id": meeting.pk})
            links[("meeting", meeting.pk)] = (url, meeting.title)
    return links


def _render(community, body):
    """``(sanitised HTML, {user id: name} mentioned)`` for ``body`` written in ``community``."""
    mentioned = rules.resolve_mentions(body, _members(community))
    return render_post(body, mention_names=mentioned.values(), links=_links(community, body)), mentioned


def _check_body(body, field="body"):
    problem = rules.post_problem(body)
    if problem:
        raise ValidationError({field: problem})
    return body.strip()


def _require_member(community, by, *, locked=False):
    is_member = Membership.objects.filter(community=community, user=by).exists()
    problem = rules.reply_problem(locked=locked, is_member=is_member)
    if problem:
        raise PermissionDenied(problem)


def _require_convening(organisation, community, by):
    role, is_staff = _standing(organisation, community, by)
    if not (is_staff or role in ("convener", "co_convener")):
        raise PermissionDenied("Only the community's conveners can do this.")


def _tell_mentioned(post, mentioned, by, *, last_page=False):
    thread = post.thread
    Mention.objects.bulk_create([Mention(organisation=post.organisation, post=post, user_id=uid) for uid in mentioned],
                                ignore_conflicts=True)
    users = [m.user for m in Membership.objects.filter(community=thread.community, user_id__in=list(mentioned))
             .select_related("user")]
    notify(organisation=post.organisation, recipients=users, kind=MENTION, actor=by, community_id=thread.community_id,
           text=f"{by.display_name} mentioned you in “{thread.title}”",
           url=thread_url(thread, post, last_page=last_page))


@transaction.atomic
def thread_start(*, organisation, by, community, title, body, meeting=None):
    """Start a conversation in ``community`` (optionally about one of its meetings); members are told as
    :func:`communities.rules_conversations.follows_new_threads` says, those mentioned are told so."""
    _check_tenant(organisation, community, meeting)
    if meeting is not None and meeting.community_id != community.pk:
        raise ValidationError("That meeting belongs to another community.")
    _require_member(community, by)
    errors = {}
    if problem := rules.title_problem(title):
        errors["title"] = problem
    if problem := rules.post_problem(body):
        errors["body"] = problem
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    thread = Thread.objects.create(organisation=organisation, community=community, title=title.strip(), author=by,
                                   meeting=meeting, last_post_at=now)
    html, mentioned = _render(community, body)
    post = Post.objects.create(organisation=organisation, thread=thread, author=by, body=body.strip(), body_html=html)
    ThreadRead.objects.create(organisation=organisation, thread=thread, user=by, last_read_at=post.created_at)
    if mentioned:
        _tell_mentioned(post, mentioned, by)
    told = [m.user for m in Membership.objects.filter(community=community).exclude(user_id__in=list(mentioned))
            .select_related("user")
            if rules.follows_new_threads(role_is_convening=m.is_convening, choice=m.follows_conversations)]
    notify(organisation=organisation, recipients=told, kind=NEW_THREAD, actor=by, community_id=community.pk,
           text=f"{by.display_name} started “{thread.title}” in {community.name}", url=thread_url(thread))
    return thread


@transaction.atomic
def post_reply(*, organisation, by, thread, body, quote=None):
    """Reply to ``thread`` (optionally quoting one of its posts). Refused on a locked thread; followers
    are told (see :func:`communities.rules_conversations.reply_recipients`), the mentioned told apart."""
    _check_tenant(organisation, thread, quote)
    thread = Thread.objects.select_for_update().select_related("community", "organisation").get(pk=thread.pk)
    _require_member(thread.community, by, locked=thread.locked)
    body = _check_body(body)
    if quote is not None and (quote.thread_id != thread.pk or quote.is_deleted or quote.is_hidden):
        quote = None
    html, mentioned = _render(thread.community, body)
    post = Post.objects.create(organisation=organisation, thread=thread, author=by, quote=quote, body=body,
                               body_html=html)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    ThreadRead.objects.update_or_create(organisation=organisation, thread=thread, user=by,
                                        defaults={"last_read_at": post.created_at})
    if mentioned:
        _tell_mentioned(post, mentioned, by, last_page=True)
    participants = set(Post.objects.filter(thread=thread, author__isnull=False).values_list("author_id", flat=True))
    participants.add(thread.author_id)
    choices = dict(ThreadFollow.objects.filter(thread=thread).values_list("user_id", "following"))
    wanted = rules.reply_recipients(participants=participants, choices=choices, actor_id=by.pk,
                                    mentioned_ids=mentioned)
    users = [m.user for m in Membership.objects.filter(community=thread.community, user_id__in=wanted)
             .select_related("user")]
    notify(organisation=organisation, recipients=users, kind=REPLY, actor=by, community_id=thread.community_id,
           text=f"{by.display_name} replied to “{thread.title}”: {plain_excerpt(body, 120)}",
           url=thread_url(thread, post, last_page=True))
    return post


def _own_post(organisation, by, post):
    _check_tenant(organisation, post)
    if not rules.may_change_post(is_author=post.author_id == getattr(by, "pk", None), deleted=post.is_deleted):
        raise PermissionDenied("Only the person who wrote a post can change or delete it.")


@transaction.atomic
def post_edit(*, organisation, by, post, body):
    """The author rewrites their post ("edited" is shown with the time); newly mentioned members are told."""
    _own_post(organisation, by, post)
    body = _check_body(body)
    community = post.thread.community
    before = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    post.body_html, mentioned = _render(community, body)
    post.body, post.edited_at = body, timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    Mention.objects.filter(post=post).exclude(user_id__in=list(mentioned)).delete()
    new = {uid: name for uid, name in mentioned.items() if uid not in before}
    if new:
        _tell_mentioned(post, new, by)
    return post


@transaction.atomic
def post_delete(*, organisation, by, post):
    """The author deletes their post: gone, or a "deleted" placeholder when it opens its thread or was
    quoted in a reply. Deleting the opening post of a thread nobody answered removes the thread."""
    _own_post(organisation, by, post)
    thread = post.thread
    first = Post.objects.filter(thread=thread).order_by("created_at", "id").values_list("pk", flat=True).first()
    if first == post.pk and not Post.objects.filter(thread=thread).exclude(pk=post.pk).exists():
        thread.delete()
        return None
    if rules.keeps_placeholder(has_replies=first == post.pk or post.quoted_by.exists()):
        post.body, post.body_html, post.deleted_at = "", "", timezone.now()
        post.save(update_fields=["body", "body_html", "deleted_at"])
        Mention.objects.filter(post=post).delete()
        return post
    post.delete()
    return None


@transaction.atomic
def post_hide(*, organisation, by, post, reason, hide=True):
    """A convener hides a post (members see "A post was hidden"; conveners see it with the reason) or
    shows it again. Audited."""
    _check_tenant(organisation, post)
    community = post.thread.community
    _require_convening(organisation, community, by)
    if hide:
        if problem := rules.hide_reason_problem(reason):
            raise ValidationError({"reason": problem})
        post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), by, reason.strip()
    else:
        post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(organisation=organisation, actor=by, action="conversation.post_hidden" if hide
                 else "conversation.post_shown", target=post.thread,
                 summary=(f"Post {post.pk} hidden: {post.hidden_reason}" if hide else f"Post {post.pk} shown again"))
    return post


# action -> (field, value, audited as)
MODERATION = {"pin": ("pinned", True, "conversation.pinned"), "unpin": ("pinned", False, "conversation.unpinned"),
              "lock": ("locked", True, "conversation.locked"), "unlock": ("locked", False, "conversation.unlocked")}


@transaction.atomic
def thread_moderate(*, organisation, by, thread, action):
    """A convener pins or unpins, locks or unlocks a thread. Audited."""
    _check_tenant(organisation, thread)
    if action not in MODERATION:
        raise ValidationError("Choose pin, unpin, lock or unlock.")
    _require_convening(organisation, thread.community, by)
    field, value, audited = MODERATION[action]
    if getattr(thread, field) != value:
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        audit_record(organisation=organisation, actor=by, action=audited,
                     target=thread, changes={field: [not value, value]})
    return thread


@transaction.atomic
def thread_follow_set(*, organisation, by, thread, following):
    """Follow (True), mute (False) or go back to the default (None: told if you wrote in it)."""
    _check_tenant(organisation, thread)
    _require_member(thread.community, by)
    if following is None:
        ThreadFollow.objects.filter(thread=thread, user=by).delete()
    else:
        ThreadFollow.objects.update_or_create(organisation=organisation, thread=thread, user=by,
                                              defaults={"following": following})


def thread_mark_read(*, organisation, user, thread, upto):
    """Record that ``user`` has read ``thread`` up to ``upto`` (the newest post they were shown); never
    moves the marker back (reading page 1 again after the last page). Always the same two statements, so
    a thread's page makes as many queries whatever was read before."""
    _check_tenant(organisation, thread)
    if upto is None or not getattr(user, "is_authenticated", False):
        return
    ThreadRead.objects.filter(thread=thread, user=user, last_read_at__lt=upto).update(last_read_at=upto)
    ThreadRead.objects.bulk_create([ThreadRead(organisation=organisation, thread=thread, user=user,
                                               last_read_at=upto)], ignore_conflicts=True)


def follows_new_threads_of(membership):
    """Is this member told of new threads (their choice, or their role's default)? False for non-members."""
    if membership is None:
        return False
    return rules.follows_new_threads(role_is_convening=membership.is_convening,
                                     choice=membership.follows_conversations)


def conversations_follow_set(*, organisation, membership, choice):
    """A member's choice to be told of every new thread in their community (True/False)."""
    _check_tenant(organisation, membership)
    membership.follows_conversations = bool(choice)
    membership.save(update_fields=["follows_conversations"])
    return membership
