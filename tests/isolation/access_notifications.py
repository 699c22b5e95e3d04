"""The inbox (core): everyone in the organisation has their own. A notification belongs to one person:
marking another person's read is a 404 (``tests/core/test_notification_inbox.py``); the crawler's
notification is the plain member's. The one-click unsubscribe page (``/unsubscribe/<token>/``) is outside
the tenant and needs no sign-in: ``tests/core/test_notification_email.py`` covers its tokens."""

from django_scopes import scopes_disabled

from tests.isolation.access import MEMBER

ACCESS = {
    "notifications_inbox": MEMBER,
    "notifications_read_all": MEMBER,
    "notifications_read": MEMBER,  # POST only; someone else's notification is 404
}


def url_arguments(tenant, *, community):
    from cop_platform.models import Notification

    with scopes_disabled():
        row, _ = Notification.objects.get_or_create(
            organisation=tenant.organisation, recipient=tenant.member, kind="communities.reply",
            text="Crawler notification", defaults={"url": "/", "email_mode": "none"})
    return {"notification_id": row.pk}
