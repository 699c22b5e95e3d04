"""A person marks their own notifications read."""

from django.http import Http404
from django.utils import timezone


def notification_mark_read(*, organisation, by, notification_id, now=None):
    """Mark one of ``by``'s notifications read. Another person's (or another organisation's) does not
    exist for them: 404, as a missing one."""
    from cop_platform.models import Notification

    row = Notification.objects.filter(organisation=organisation, recipient=by, pk=notification_id).first()
    if row is None:
        raise Http404("No such notification.")
    if row.read_at is None:
        Notification.objects.filter(pk=row.pk, read_at__isnull=True).update(read_at=now or timezone.now())
    return row


def notifications_mark_all_read(*, organisation, by, now=None):
    """Mark every unread notification of ``by`` in ``organisation`` read; returns how many."""
    from cop_platform.models import Notification

    return Notification.objects.filter(organisation=organisation, recipient=by, read_at__isnull=True).update(
        read_at=now or timezone.now())
