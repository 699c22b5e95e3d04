"""A community's conversations: the list of threads (search, pagination, what is new to you), starting a
thread (about a meeting, if started from its page), a thread with its replies, following and muting,
moderation by the conveners (pin, lock, hide with a reason), editing and deleting your own posts, and the
names offered when you mention someone. Members-only, like the rest of a community's content."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import selectors_conversations as selectors
from .. import services
from ..forms_conversations import HideForm, PostEditForm, ReplyForm, ThreadForm
from ..models import Meeting
from ._common import _ctx, _posted, community_page


def _to_thread(request, community, thread_id, *, last_page=False, post_id=None):
    from django.urls import reverse

    url = reverse("communities:conversation", kwargs={"org": request.organisation.slug, "slug": community.slug,
                                                      "thread_id": thread_id})
    return redirect(url + ("?page=last" if last_page else "") + (f"#post-{post_id}" if post_id else ""))


def _thread_or_404(community, thread_id):
    thread = selectors.thread_in(community, thread_id)
    if thread is None:
        raise Http404("No such conversation.")
    return thread


def _post_or_404(community, post_id):
    post = selectors.post_in(community, post_id)
    if post is None:
        raise Http404("No such post.")
    return post


@community_page(members_only=True, methods=("GET",))
def conversations(request, *, community, membership):
    query = " ".join(request.GET.get("q", "").split())[:200]
    page = paginate(request, selectors.threads_for(community, request.user, query=query))
    return render(request, "communities/conversations/list.html", _ctx(
        request, page=page, query=query, query_string=urlencode({"q": query}),
        follows_new=services.follows_new_threads_of(membership)))


@community_page(members_only=True, methods=("POST",))
def conversations_follow(request, *, community, membership):
    """Be told (or no longer) of every new conversation in the community."""
    if membership is None:
        raise PermissionDenied("Only the community's members are told of its conversations.")
    choice = request.POST.get("follow") == "yes"
    services.conversations_follow_set(organisation=request.organisation, membership=membership, choice=choice)
    messages.success(request, "You will be told of new conversations here." if choice
                     else "You will no longer be told of every new conversation here.")
    return redirect("communities:conversations", org=request.organisation.slug, slug=community.slug)


@community_page(members_only=True)
def conversation_new(request, *, community, membership):
    meeting = None
    meeting_id = request.POST.get("meeting") or request.GET.get("meeting")
    if meeting_id and str(meeting_id).isdigit():
        meeting = Meeting.objects.filter(community=community, pk=int(meeting_id)).first()
    initial = {"title": f"About the meeting “{meeting.title}”"[:200]} if meeting else None
    form = ThreadForm(_posted(request), initial=initial)
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only the community's members start conversations.")
        if form.is_valid():
            try:
                thread = services.thread_start(organisation=request.organisation, by=request.user, community=community,
                                               meeting=meeting, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Your conversation has started.")
                return _to_thread(request, community, thread.pk)
    return render(request, "communities/conversations/new.html", _ctx(request, form=form, meeting=meeting))


def _posts_page(request, thread):
    posts = selectors.thread_posts(thread)
    paginator = Paginator(posts, 25)
    number = paginator.num_pages if request.GET.get("page") == "last" else request.GET.get("page")
    return paginator.get_page(number)


@community_page(members_only=True)
def conversation(request, *, community, membership, thread_id):
    """A thread and its replies; a member replies (quoting a post, if they chose one) unless it is locked.
    Opening it marks what you were shown as read; posts new to you are marked "new"."""
    thread = _thread_or_404(community, thread_id)
    quote_id = request.GET.get("quote")
    form = ReplyForm(_posted(request), initial={"quote": quote_id} if quote_id and quote_id.isdigit() else None)
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only the community's members take part in its conversations.")
        if thread.locked:
            form.add_error(None, "This conversation is locked: the conveners have closed it to replies.")
        elif form.is_valid():
            quote = None
            if form.cleaned_data.get("quote"):
                quote = selectors.post_in(community, form.cleaned_data["quote"])
            try:
                post = services.post_reply(organisation=request.organisation, by=request.user, thread=thread,
                                           body=form.cleaned_data["body"], quote=quote)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Your reply is posted.")
                return _to_thread(request, community, thread.pk, last_page=True, post_id=post.pk)
    last_read = selectors.last_read_at(thread, request.user)
    page = _posts_page(request, thread)
    posts = list(page)
    quoting = None
    if form.initial.get("quote") or (form.is_bound and form.data.get("quote")):
        wanted = str(form.initial.get("quote") or form.data.get("quote"))
        quoting = next((p for p in posts if str(p.pk) == wanted), None) or (
            selectors.post_in(community, int(wanted)) if wanted.isdigit() else None)
        if quoting is not None and (quoting.thread_id != thread.pk or quoting.is_hidden or quoting.is_deleted):
            quoting = None
    for post in posts:
        post.is_new = last_read is None or post.created_at > last_read
        post.is_mine = post.author_id == request.user.pk
    if posts:
        services.thread_mark_read(organisation=request.organisation, user=request.user, thread=thread,
                                  upto=max(p.created_at for p in posts))
    return render(request, "communities/conversations/thread.html", _ctx(
        request, thread=thread, page=page, posts=posts, form=form, quoting=quoting,
        following=selectors.following_choice(thread, request.user) if membership else None,
        opening_id=posts[0].pk if posts and page.number == 1 else None))


@community_page(members_only=True, methods=("POST",))
def conversation_follow(request, *, community, membership, thread_id):
    thread = _thread_or_404(community, thread_id)
    if membership is None:
        raise PermissionDenied("Only the community's members follow its conversations.")
    choice = {"follow": True, "mute": False}.get(request.POST.get("choice"))
    services.thread_follow_set(organisation=request.organisation, by=request.user, thread=thread, following=choice)
    messages.success(request, {True: "You follow this conversation: you will be told of replies.",
                               False: "Muted: you will not be told of replies to this conversation.",
                               None: "You will be told of replies if you wrote in this conversation."}[choice])
    return _to_thread(request, community, thread.pk)


MODERATED = {"pin": "Pinned: it is listed first.", "unpin": "No longer pinned.",
             "lock": "Locked: nobody can reply.", "unlock": "Unlocked: members can reply."}


@community_page(convener=True, members_only=True, methods=("POST",))
def conversation_moderate(request, *, community, membership, thread_id):
    thread = _thread_or_404(community, thread_id)
    action = request.POST.get("action", "")
    try:
        services.thread_moderate(organisation=request.organisation, by=request.user, thread=thread, action=action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, MODERATED[action])
    return _to_thread(request, community, thread.pk)


@community_page(members_only=True)
def conversation_post_edit(request, *, community, membership, post_id):
    post = _post_or_404(community, post_id)
    if post.author_id != request.user.pk or post.is_deleted:
        raise PermissionDenied("Only the person who wrote a post can change it.")
    form = PostEditForm(_posted(request), initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(organisation=request.organisation, by=request.user, post=post,
                               body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your post is changed.")
            return _to_thread(request, community, post.thread_id, post_id=post.pk)
    return render(request, "communities/conversations/post_edit.html", _ctx(request, form=form, post=post))


@community_page(members_only=True)
def conversation_post_delete(request, *, community, membership, post_id):
    post = _post_or_404(community, post_id)
    if post.author_id != request.user.pk or post.is_deleted:
        raise PermissionDenied("Only the person who wrote a post can delete it.")
    if request.method == "POST":
        thread_id = post.thread_id
        kept = services.post_delete(organisation=request.organisation, by=request.user, post=post)
        messages.success(request, "Your post is deleted.")
        if kept is None and not selectors.thread_in(community, thread_id):
            return redirect("communities:conversations", org=request.organisation.slug, slug=community.slug)
        return _to_thread(request, community, thread_id)
    return render(request, "communities/conversations/post_delete.html", _ctx(request, post=post))


@community_page(convener=True, members_only=True)
def conversation_post_hide(request, *, community, membership, post_id):
    """A convener hides a post with a reason (or shows a hidden one again)."""
    post = _post_or_404(community, post_id)
    form = HideForm(_posted(request) if request.POST.get("action") != "show" else None)
    if request.method == "POST":
        if request.POST.get("action") == "show":
            services.post_hide(organisation=request.organisation, by=request.user, post=post, reason="", hide=False)
            messages.success(request, "The post is shown again.")
            return _to_thread(request, community, post.thread_id, post_id=post.pk)
        if form.is_valid():
            try:
                services.post_hide(organisation=request.organisation, by=request.user, post=post,
                                   reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "The post is hidden from members.")
                return _to_thread(request, community, post.thread_id, post_id=post.pk)
    return render(request, "communities/conversations/post_hide.html", _ctx(request, form=form, post=post))


@community_page(members_only=True, methods=("GET",))
def conversation_mentions(request, *, community, membership):
    """The members whose names start with what was typed (at most 10): an htmx fragment under the reply
    box, or a page of its own without JavaScript."""
    query = request.GET.get("name", "")
    names = selectors.mention_suggestions(community, query)
    template = ("communities/conversations/mentions.html#names" if request.htmx
                else "communities/conversations/mentions.html")
    return render(request, template, _ctx(request, names=names, query=query[:60]))
