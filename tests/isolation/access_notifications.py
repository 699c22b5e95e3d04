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


def grow(tenant, *, community, n):
    """``n`` more notifications, half unread, for each person of the crawler's cast."""
    from django.utils import timezone

    from cop_platform.models import Notification
    from tests.isolation.cast import cast_of

    extra = cast_of(tenant)
    people = [tenant.admin, tenant.project_manager, tenant.panel_member, tenant.evaluator, tenant.convener,
              tenant.member, tenant.outsider, extra.core_group, extra.applicant]
    with scopes_disabled():
        Notification.objects.bulk_create(
            Notification(organisation=tenant.organisation, recipient=person, actor=tenant.convener,
                         kind="communities.reply", community_id=community.pk, text=f"Grown notification {i}",
                         url="/", email_mode="none", read_at=None if i % 2 else timezone.now())
            for person in people for i in range(n))
