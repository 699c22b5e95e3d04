"""Reads for the inbox and the header's unread count (one query each, whatever the number of rows)."""

UNREAD_CAP = 99


def inbox_for(*, organisation, user, query="", unread_only=False):
    """A person's notifications in ``organisation``, newest first; ``query`` searches their text."""
    from cop_platform.models import Notification

    rows = Notification.objects.filter(organisation=organisation, recipient=user).select_related("actor")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    if query:
        rows = rows.filter(text__icontains=query)
    return rows


def unread_count(*, organisation, user):
    """How many unread notifications ``user`` has in ``organisation``, counted up to ``UNREAD_CAP + 1``
    (the header says "99+"): one bounded query."""
    from cop_platform.models import Notification

    return Notification.objects.filter(organisation=organisation, recipient=user,
                                       read_at__isnull=True)[: UNREAD_CAP + 1].count()


def unread_label(count):
    return f"{UNREAD_CAP}+" if count > UNREAD_CAP else str(count)
