"""Secret tokens in links (invitations, confirmations): only their hash is ever stored.

Shared by every e-mailed confirmation link (conveners' co-leads and sponsors, a cohort programme's line
managers and employer sponsors): the link is minted when its e-mail is sent (:func:`token_pair`), only the
hash is stored with an expiry (:func:`confirmation_expiry`), and it is written as an absolute link
(:func:`absolute_link`)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def token_new():
    """A fresh URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token):
    """The SHA-256 hex digest stored in place of ``token`` (and looked up when a link is opened)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_pair():
    """A fresh token and its hash: the token goes into the e-mail, only the hash into the database."""
    token = token_new()
    return token, token_hash(token)


def confirmation_days():
    """How long an e-mailed confirmation link works (``CONVENE_CONFIRMATION_DAYS``, 14 by default)."""
    return int(getattr(settings, "CONVENE_CONFIRMATION_DAYS", 14))


def confirmation_expiry(now=None):
    """When a confirmation link minted ``now`` stops working."""
    return (now or timezone.now()) + timedelta(days=confirmation_days())


def absolute_link(path):
    """``path`` as a link that works from an e-mail (``SITE_URL`` in front)."""
    return f"{settings.SITE_URL}{path}"
