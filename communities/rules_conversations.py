"""The rules of a community's conversations, as pure functions (the issue "Conversations in each
community": members-only, edit and delete your own posts, conveners pin, lock and hide with a reason,
followers told of replies, mentions only of the community's members)."""

MAX_TITLE_CHARS = 200
MAX_POST_CHARS = 20_000  # about ten pages of text: a long post, never a pasted document
MAX_HIDE_REASON_CHARS = 300


def title_problem(title):
    """What is wrong with a thread's title, or None."""
    title = (title or "").strip()
    if not title:
        return "Enter a title for the conversation."
    if len(title) > MAX_TITLE_CHARS:
        return f"The title must be {MAX_TITLE_CHARS} characters or fewer (it is {len(title)})."
    return None


def post_problem(body):
    """What is wrong with a post's text, or None: not empty, at most :data:`MAX_POST_CHARS`."""
    body = (body or "").strip()
    if not body:
        return "Write your message."
    if len(body) > MAX_POST_CHARS:
        return (f"Your message is too long: {len(body):,} characters, the most is {MAX_POST_CHARS:,}. "
                "Shorten it, or add the document to the library and link to it.")
    return None


def hide_reason_problem(reason):
    reason = (reason or "").strip()
    if not reason:
        return "Say why the post is hidden: the conveners see the reason."
    if len(reason) > MAX_HIDE_REASON_CHARS:
        return f"The reason must be {MAX_HIDE_REASON_CHARS} characters or fewer."
    return None


def reply_problem(*, locked, is_member):
    """Why a person may not reply to a thread, or None. Only members post; a locked thread takes no
    replies, not even from its conveners (they unlock it first)."""
    if not is_member:
        return "Only the community's members take part in its conversations."
    if locked:
        return "This conversation is locked: the conveners have closed it to replies."
    return None


def may_change_post(*, is_author, deleted):
    """Editing and deleting a post: its author only, and not once it is deleted. Conveners moderate by
    hiding (with a reason), never by rewriting someone's words."""
    return is_author and not deleted


def keeps_placeholder(*, has_replies):
    """A deleted post that others replied to (quoted) or that opens a thread stays as "deleted", so the
    conversation still reads; any other is removed."""
    return has_replies


def follows_new_threads(*, role_is_convening, choice):
    """Is a member told of new threads? Their own choice when they made one (``choice`` True/False);
    otherwise conveners are and other members are not."""
    return choice if choice is not None else role_is_convening


def reply_recipients(*, participants, choices, actor_id, mentioned_ids):
    """Who hears of a reply (``communities.reply``): the thread's author and everyone who posted in it
    (``participants``), plus those who chose to follow, minus those who muted (``choices``: user id ->
    following?), never the person replying, and not those the reply mentions (they hear of the mention)."""
    wanted = {uid for uid in participants if choices.get(uid, True)}
    wanted |= {uid for uid, following in choices.items() if following}
    return wanted - {actor_id} - set(mentioned_ids)


def resolve_mentions(text, members):
    """The members named with ``@Name`` in ``text``: ``members`` maps user id -> display name (the
    community's members only, so nobody outside is ever named). A name two members share names neither
    (it is ambiguous). Case-insensitive; a name must end at a word's end (``@Ann`` is not ``@Anna``)."""
    import re

    lowered = (text or "").lower()
    by_name = {}
    for user_id, name in members.items():
        key = " ".join((name or "").split()).lower()
        if key:
            by_name.setdefault(key, []).append(user_id)
    found = {}
    for key, ids in by_name.items():
        if len(ids) == 1 and re.search(r"@" + re.escape(key) + r"(?!\w)", lowered):
            found[ids[0]] = members[ids[0]]
    return found


def matching_names(names, prefix, limit=10):
    """The suggestion list: up to ``limit`` names that start with ``prefix`` (or whose surname does),
    in alphabetical order."""
    prefix = " ".join((prefix or "").lstrip("@").split()).lower()
    if not prefix:
        return []
    hits = sorted({n for n in names if n and (n.lower().startswith(prefix)
                                              or any(part.lower().startswith(prefix) for part in n.split()))},
                  key=str.lower)
    return hits[:limit]
