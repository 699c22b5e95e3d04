"""Counts per hour in the cache (Redis in production, so every web process shares them), for refusing a
client that does something too often: answers to a public questionnaire, guesses at open invitation links.
A client's address is hashed into the key, so the cache holds no one's IP address."""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 3600


def hourly_key(prefix, address):
    """The cache key counting ``address``'s events of ``prefix`` (an address only as a keyed hash)."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"{prefix}:{digest}"


def hourly_count(key):
    """How many times ``key`` was counted in its hour (0 when never, or when the hour has passed)."""
    return cache.get(key) or 0


def hourly_hit(key):
    """Count one more event for ``key``; its hour starts at the first."""
    if cache.add(key, 1, timeout=HOUR):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=HOUR)
