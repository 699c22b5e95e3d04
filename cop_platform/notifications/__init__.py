"""Notifications: what a person should know about, kept in their inbox (``/<org>/notifications/``).

An app registers each kind of notification it writes in its ``AppConfig.ready()``::

    register_notification_kind("conversations.reply", label="Replies to your threads", default_mode="digest")

and writes them with :func:`notify`, which records one row per recipient (never the actor themselves,
never twice for the same person in one call). ``essential=True`` marks mail that always goes at once
whatever a person chose (decisions, security) and carries no unsubscribe link; the rest follows each
person's choice for the community concerned: ``now`` (one e-mail each), ``digest`` (one daily e-mail
listing them, :mod:`cop_platform.notifications.digest`) or ``none``.

The core knows no feature app: the app that keeps people's choices registers a resolver
(:func:`register_email_mode_resolver`) that answers, for a batch of recipients, the mode each chose (or
``None`` for the kind's default), and an unsubscribe handler (:func:`register_unsubscribe_handler`) that
the one-click unsubscribe link calls.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

__all__ = [
    "EMAIL_MODES", "MODE_DIGEST", "MODE_NONE", "MODE_NOW", "NotificationKind", "email_modes_for", "kind_for",
    "notification_kinds", "notify", "register_email_mode_resolver", "register_notification_kind",
    "register_unsubscribe_handler", "unsubscribe_handler",
]

MAX_TEXT = 300
MODE_NOW, MODE_DIGEST, MODE_NONE = "now", "digest", "none"
EMAIL_MODES = (MODE_NOW, MODE_DIGEST, MODE_NONE)


@dataclass(frozen=True)
class NotificationKind:
    kind: str
    label: str
    essential: bool = False
    default_mode: str = MODE_NOW


_kinds: dict[str, NotificationKind] = {}
_resolvers = []
_unsubscribe_handlers = []


def register_notification_kind(kind, *, label, essential=False, default_mode=MODE_NOW):
    """Register (or replace) a kind ("app.what"); ``default_mode`` applies until a person chooses."""
    if not kind or "." not in kind or len(kind) > 80:
        raise ValueError(f"A notification's kind is 'app.what', at most 80 characters: {kind!r}")
    if default_mode not in EMAIL_MODES:
        raise ValueError(f"A notification's default e-mail mode is one of {EMAIL_MODES}: {default_mode!r}")
    _kinds[kind] = NotificationKind(kind=kind, label=label, essential=essential, default_mode=default_mode)


def kind_for(kind):
    return _kinds.get(kind)


def notification_kinds():
    return dict(_kinds)


def register_email_mode_resolver(fn):
    """``fn(*, organisation, user_ids, community_id, kind) -> {user_id: mode or None}``: each person's
    own choice for that community (``None``: no choice, the kind's default applies). Registered once, by
    the app that keeps the choices, in its ``ready()``."""
    if fn not in _resolvers:
        _resolvers.clear()
        _resolvers.append(fn)


def register_unsubscribe_handler(fn, *, settings_url_name=""):
    """``fn(*, organisation, user, community_id)``: turn that community's non-essential e-mail off for
    ``user`` (``community_id=None``: all of their non-essential e-mail in ``organisation``).
    ``settings_url_name`` names the page (taking ``org``) where a person makes their choices; e-mails link to it."""
    _unsubscribe_handlers[:] = [(fn, settings_url_name)]


def unsubscribe_handler():
    return _unsubscribe_handlers[0][0] if _unsubscribe_handlers else None


def settings_url_name():
    """The URL name of the e-mail settings page, or the inbox's when no app registered one."""
    return (_unsubscribe_handlers[0][1] if _unsubscribe_handlers else "") or "notifications_inbox"


def email_modes_for(*, organisation, user_ids, community_id, kind):
    """The e-mail mode of a ``kind`` notification for each of ``user_ids``: an essential kind always goes
    at once; otherwise the person's choice from the registered resolver, else the kind's default."""
    registered = _kinds[kind]
    if registered.essential:
        return {user_id: MODE_NOW for user_id in user_ids}
    chosen = {}
    if _resolvers and user_ids:
        chosen = _resolvers[0](organisation=organisation, user_ids=list(user_ids), community_id=community_id,
                               kind=kind) or {}
    return {user_id: chosen.get(user_id) if chosen.get(user_id) in EMAIL_MODES else registered.default_mode
            for user_id in user_ids}


def _short(text):
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


@transaction.atomic
def notify(*, organisation, recipients, kind, text, url="", actor=None, community_id=None, email_mode=None):
    """Write one notification of ``kind`` for each recipient (users), except the actor; returns the rows.

    Each row records how it is e-mailed (:func:`email_modes_for`); ``now`` rows are queued in the outbox
    in this transaction (sent once after commit), ``digest`` rows wait for the daily digest.
    ``email_mode="none"`` is for an event whose own e-mail already tells the person (a decision letter):
    the inbox shows it, no second e-mail goes."""
    if kind not in _kinds:
        raise ValueError(f"Unregistered notification kind: {kind!r}")
    if organisation is None or organisation.pk is None:
        raise ValueError("A notification belongs to an organisation.")
    with scope(organisation=organisation):
        return _notify(organisation=organisation, recipients=recipients, kind=kind, text=text, url=url,
                       actor=actor, community_id=community_id, email_mode=email_mode)


def _notify(*, organisation, recipients, kind, text, url, actor, community_id, email_mode):
    from cop_platform.models import Notification

    from .mail import notification_email_queue

    if email_mode is not None and email_mode != MODE_NONE:
        raise ValueError("notify() only takes email_mode='none' (the event's own e-mail tells the person).")
    seen, people = set(), []
    actor_id = getattr(actor, "pk", None)
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id:
            continue
        seen.add(user.pk)
        people.append(user)
    if email_mode is None:
        modes = email_modes_for(organisation=organisation, user_ids=[u.pk for u in people],
                                community_id=community_id, kind=kind)
    else:
        modes = {user.pk: email_mode for user in people}
    now = timezone.now()
    rows = [Notification(organisation=organisation, recipient=user, actor=actor, kind=kind, community_id=community_id,
                         text=_short(text), url=url[:500], email_mode=modes[user.pk],
                         emailed_at=now if modes[user.pk] == MODE_NOW else None)
            for user in people]
    rows = Notification.objects.bulk_create(rows)
    for row in rows:
        if row.email_mode == MODE_NOW:
            notification_email_queue(organisation=organisation, notification=row)
    return rows
