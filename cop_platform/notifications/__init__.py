"""Notifications: what a person should know about, kept in their inbox (``/<org>/notifications/``).

An app registers each kind of notification it writes in its ``AppConfig.ready()``::

    register_notification_kind("conversations.reply", label="Replies to your threads")

and writes them with :func:`notify`, which records one row per recipient (never the actor themselves,
never twice for the same person in one call). ``essential=True`` marks mail that always goes whatever a
person chose (decisions, security); the rest follows each person's choice for the community concerned.
"""

from dataclasses import dataclass

from django.db import transaction

__all__ = ["NotificationKind", "kind_for", "notification_kinds", "notify", "register_notification_kind"]

MAX_TEXT = 300


@dataclass(frozen=True)
class NotificationKind:
    kind: str
    label: str
    essential: bool = False


_kinds: dict[str, NotificationKind] = {}


def register_notification_kind(kind, *, label, essential=False):
    """Register (or replace) a kind ("app.what")."""
    if not kind or "." not in kind or len(kind) > 80:
        raise ValueError(f"A notification's kind is 'app.what', at most 80 characters: {kind!r}")
    _kinds[kind] = NotificationKind(kind=kind, label=label, essential=essential)


def kind_for(kind):
    return _kinds.get(kind)


def notification_kinds():
    return dict(_kinds)


def _short(text):
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


@transaction.atomic
def notify(*, organisation, recipients, kind, text, url="", actor=None, community_id=None):
    """Write one notification of ``kind`` for each recipient (users), except the actor; returns the rows."""
    from cop_platform.models import Notification

    if kind not in _kinds:
        raise ValueError(f"Unregistered notification kind: {kind!r}")
    seen, rows = set(), []
    actor_id = getattr(actor, "pk", None)
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id:
            continue
        seen.add(user.pk)
        rows.append(Notification(organisation=organisation, recipient=user, actor=actor, kind=kind,
                                 community_id=community_id, text=_short(text), url=url[:500]))
    return Notification.objects.bulk_create(rows)
