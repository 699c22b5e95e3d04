"""Links in and out of notifications: the row's own link (untrusted) and the signed unsubscribe link."""

from django.core import signing
from django.urls import reverse

from cop_platform.tokens import absolute_link

UNSUBSCRIBE_SALT = "convene.notifications.unsubscribe"


def safe_path(url):
    """``url`` if it is a path on this site (``/…``, not ``//…`` nor ``/\\…``, no control characters), else
    ``""``: a notification's link is treated as untrusted and can never send a person elsewhere."""
    url = str(url or "")
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return ""
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return ""
    return url


def unsubscribe_token(*, organisation_id, user_id, community_id=None):
    """A signed token naming the person, the organisation and the community whose non-essential e-mail
    it turns off (``community_id=None``: all of it). It holds ids only, and works without signing in."""
    return signing.dumps({"o": organisation_id, "u": user_id, "c": community_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token):
    """``(organisation_id, user_id, community_id)`` from a token, or ``None`` if it was altered or made up."""
    try:
        data = signing.loads(str(token)[:500], salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    organisation_id, user_id, community_id = data.get("o"), data.get("u"), data.get("c")
    if not isinstance(organisation_id, int) or not isinstance(user_id, int):
        return None
    if community_id is not None and not isinstance(community_id, int):
        return None
    return organisation_id, user_id, community_id


def unsubscribe_link(*, organisation_id, user_id, community_id=None):
    token = unsubscribe_token(organisation_id=organisation_id, user_id=user_id, community_id=community_id)
    return absolute_link(reverse("notifications_unsubscribe", kwargs={"token": token}))


def unsubscribe_headers(link):
    """RFC 2369 ``List-Unsubscribe`` with RFC 8058 one-click (a POST to the same https link)."""
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
