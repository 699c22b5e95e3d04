"""Secret tokens in links (invitations, confirmations): only their hash is ever stored."""

import hashlib
import secrets


def token_new():
    """A fresh URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token):
    """The SHA-256 hex digest stored in place of ``token`` (and looked up when a link is opened)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
