"""Tenant pages kept, rendered, until something they could show changes.

A signed-in person's GET of a page under ``/<org>/`` is kept in the shared cache under a key made of
who asks (person, session and what it holds, CSRF cookie, their standing in the organisation as read for
this very request), what they ask for (host, full path, the htmx headers) and two *change versions*: the
organisation's and the platform's. Any INSERT, UPDATE, DELETE or TRUNCATE the application makes gives a
version a new value — the organisation's when the statement writes a table that belongs to an
organisation inside that organisation's scope, the platform's otherwise (people, sessions aside, work in
the background, anything outside a tenant) — so the next request makes a new key and renders afresh.
Versions move as soon as a statement writes and again when its transaction commits, so a page rendered
from data another request had not committed yet is never kept under the version readers use afterwards.

The tenant query, sign-in, second factor and every permission check of the middleware still run on each
request (the key holds the person's roles and counts as read now); the view alone is skipped. What a page
cannot reflect without a write — time passing ("in 3 days", a call closing) and data changed outside the
application — is bounded by ``CONVENE_PAGE_CACHE_SECONDS`` (0 turns keeping pages off).

Never kept: anything but a 200 ``text/html`` response to GET; a response that sets a cookie, says
``no-store``, or comes with a message to show; a page whose rendering wrote to the database, changed the
session or replaced the CSRF secret; requests without a CSRF cookie yet; and while the request's own
database transaction holds writes not committed yet.
"""

import hashlib
import logging
import os
import re
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.middleware.csrf import get_token

logger = logging.getLogger(__name__)
GLOBAL = "global"
VERSION_PREFIX = "pagecache:v:"
PAGE_PREFIX = "pagecache:p:"
STANDING_PREFIX = "pagecache:t:"
# Tables whose writes change no page: the session store (written after most responses).
IGNORED_TABLES = frozenset({"django_session"})
# Tenant tables whose rows show in other organisations too: memberships of organisations (each
# organisation's header counts the person's organisations).
PLATFORM_WIDE_TABLES = frozenset({"tenancy_organisationmember"})
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+["`]?([\w.]+)',
                    re.IGNORECASE)
_writes = ContextVar("pagecache_writes", default=0)
_tenant_tables = None
HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_TRIGGER", "HTTP_HX_TRIGGER_NAME",
                "HTTP_HX_BOOSTED", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_PROMPT")


def seconds():
    return getattr(settings, "CONVENE_PAGE_CACHE_SECONDS", 0)


# --- Change versions ---------------------------------------------------------------------------------------


def _version_key(scope):
    return f"{VERSION_PREFIX}{scope}"


def org_scope(organisation_id):
    return f"org:{organisation_id}"


def _new_version():
    return os.urandom(6).hex()


def bump(scope):
    """Give ``scope``'s version a new value: every page keyed on the old one is left behind. A cache that
    does not answer never fails the write that asked (what was kept then lives out its seconds)."""
    try:
        cache.set(_version_key(scope), _new_version(), timeout=None)
    except Exception:  # noqa: BLE001 - the database write stands whatever the cache says
        logger.warning("Page cache: the %s version could not be moved", scope, exc_info=True)


def versions(organisation_id):
    """The platform's and the organisation's current versions (one round trip; a missing one is started)."""
    keys = [_version_key(GLOBAL), _version_key(org_scope(organisation_id))]
    found = cache.get_many(keys)
    return _current(found, keys[0]), _current(found, keys[1])


def _current(found, key):
    """A version as read in a batch, or started now when the cache has none."""
    if found.get(key) is None:
        cache.add(key, _new_version(), timeout=None)
        found[key] = cache.get(key)
    return found[key]


# --- Watching writes ---------------------------------------------------------------------------------------


def tenant_tables():
    """Database tables of the models that belong to an organisation (an ``organisation`` foreign key)."""
    global _tenant_tables
    if _tenant_tables is None:
        from django.apps import apps

        tables = set()
        for model in apps.get_models():
            try:
                field = model._meta.get_field("organisation")
            except Exception:  # noqa: BLE001 - no such field
                continue
            if field.is_relation:
                tables.add(model._meta.db_table)
        _tenant_tables = frozenset(tables)
    return _tenant_tables


def written_scope(sql):
    """The scope a statement changes, or ``None`` for a read (or a write no page shows)."""
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    if match is None:
        return None
    table = match.group(1).split(".")[-1].strip('"`').lower()
    if table in IGNORED_TABLES:
        return None
    if table in tenant_tables() and table not in PLATFORM_WIDE_TABLES:
        from django_scopes.state import get_scope

        current = get_scope()
        organisation = current.get("organisation") if current.get("_enabled") else None
        if organisation is not None:
            return org_scope(getattr(organisation, "pk", organisation))
    return GLOBAL


def _scopes_awaiting_commit(connection):
    """The scopes whose commit-time bump the connection's open transaction holds. Kept beside the very list
    of commit callbacks they were read from: Django replaces that list on commit and rollback (and drops a
    rolled-back savepoint's callbacks into a new one), so a replaced list is read again."""
    marks = getattr(connection, "_pagecache_marks", None)
    if marks is None or marks[0] is not connection.run_on_commit:
        scopes = {getattr(callback, "pagecache_scope", None) for _, callback, *_ in connection.run_on_commit}
        scopes.discard(None)
        marks = (connection.run_on_commit, scopes)
        connection._pagecache_marks = marks
    return marks[1]


def _note_write(connection, scope):
    _writes.set(_writes.get() + 1)
    if not connection.in_atomic_block:
        bump(scope)  # already committed
        return
    awaiting = _scopes_awaiting_commit(connection)
    if scope in awaiting:
        return
    bump(scope)  # now, for readers while the transaction runs ...
    callback = partial(bump, scope)
    callback.pagecache_scope = scope
    transaction.on_commit(callback, using=connection.alias, robust=True)  # ... and again once it is visible
    awaiting.add(scope)


def _pending_writes(connection):
    return connection.in_atomic_block and bool(_scopes_awaiting_commit(connection))


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    scope = written_scope(sql)
    if scope is not None:
        _note_write(context["connection"], scope)
    return result


@receiver(connection_created)
def _install(sender, connection, **kwargs):
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


# --- Keeping a member's standing -----------------------------------------------------------------------


def kept_standing(slug, user_id, compute):
    """A member's standing in the organisation ``slug`` (the tenant query's answer), kept like a page and
    checked against the versions read beside it: the platform's (which organisation the slug names, in two
    round trips with the organisation's version and the standing itself). ``compute()`` when keeping is off
    or what is kept is out of date; a ``None`` (not a member) is never kept. The answer carries the versions
    read (``Tenant.versions``) for :func:`serve`, so a page is checked against the same ones."""
    from dataclasses import replace

    ttl = seconds()
    if not ttl or _pending_writes(connection):
        return compute()
    platform_key, slug_key = _version_key(GLOBAL), f"{STANDING_PREFIX}slug:{slug}"
    found = cache.get_many([platform_key, slug_key])
    platform = _current(found, platform_key)
    mapped = found.get(slug_key)  # (platform version, organisation id) when the slug was last resolved
    organisation = standing_key = None
    if mapped is not None and mapped[0] == platform:
        organisation_key, standing_key = _version_key(org_scope(mapped[1])), f"{STANDING_PREFIX}{mapped[1]}:{user_id}"
        found = cache.get_many([organisation_key, standing_key])
        organisation = _current(found, organisation_key)
        kept = found.get(standing_key)  # (platform version, organisation version, tenant)
        if kept is not None and kept[:2] == (platform, organisation):
            return replace(kept[2], versions=(platform, organisation))
    writes_before = _writes.get()
    tenant = compute()
    if tenant is None or _writes.get() != writes_before:
        return tenant
    if mapped != (platform, tenant.organisation.pk):
        # Which organisation the slug names is kept first; the standing from the next request on, once the
        # organisation's version can be read before the tenant query.
        cache.set(slug_key, (platform, tenant.organisation.pk), timeout=ttl)
        return tenant
    member_user = tenant.member._state.fields_cache.pop("user", None)
    cache.set(standing_key, (platform, organisation, tenant), timeout=ttl)
    if member_user is not None:
        tenant.member.user = member_user
    return replace(tenant, versions=(platform, organisation))


# --- Keeping pages -----------------------------------------------------------------------------------------


def _messages_waiting(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _session_state(session):
    """What the session holds now (a page may show it; session writes move no version)."""
    return hashlib.sha256(repr(sorted(session.items(), key=lambda item: item[0])).encode()).hexdigest()


def page_key(request, tenant):
    """The key of this person's view of this page as things stand, or ``None`` when it may not be kept."""
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if not csrf_cookie or not session_key:
        return None
    member = tenant.member
    platform, organisation = tenant.versions or versions(tenant.organisation.pk)
    parts = [
        platform, organisation, str(request.user.pk), session_key, _session_state(request.session), csrf_cookie,
        ",".join(sorted(tenant.roles)), str(tenant.is_platform_admin), str(tenant.organisation_count),
        str(getattr(member, "unread_notifications", None)), str(getattr(member, "mail_server_down", None)),
        request.scheme, request.get_host(), request.get_full_path(),
        *(request.META.get(name, "") for name in HTMX_HEADERS),
    ]
    return PAGE_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _keepable(response):
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "no-store" not in response.get("Cache-Control", ""))


def serve(request, tenant, render):
    """``render()``'s response, or the one kept for the same key; keeps a fresh one when it may."""
    ttl = seconds()
    if (not ttl or request.method != "GET" or tenant is None or not request.user.is_authenticated
            or _pending_writes(connection) or _messages_waiting(request)):
        return render()
    key = page_key(request, tenant)
    if key is None:
        return render()
    kept = cache.get(key)
    if kept is not None:
        get_token(request)  # what rendering did: the CSRF cookie's expiry renewed, its secret unchanged
        return kept
    writes_before = _writes.get()
    session = getattr(request, "session", None)
    session_modified = getattr(session, "modified", False)
    response = render()
    if (_keepable(response) and _writes.get() == writes_before and not _messages_waiting(request)
            and getattr(session, "modified", False) == session_modified
            and request.META.get("CSRF_COOKIE") == request.COOKIES.get(settings.CSRF_COOKIE_NAME)):
        cache.set(key, response, timeout=ttl)
    return response
