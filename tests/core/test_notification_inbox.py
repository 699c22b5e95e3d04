"""The inbox: a person's own notifications in this organisation, searchable, unread only on request,
paginated; marking read; the header's unread count; a query count that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from cop_platform.models import Notification
from cop_platform.notifications import notify
from tests.helpers import assert_queries_flat

pytestmark = pytest.mark.django_db


def _tell(tenant, user, text="Ada replied to your thread", url="/tenant-a/communities/sepsis/"):
    return notify(organisation=tenant.organisation, recipients=[user], kind="communities.reply", text=text, url=url,
                  community_id=tenant.community.pk)[0]


def _inbox(tenant):
    return f"/{tenant.organisation.slug}/notifications/"


def test_the_inbox_lists_only_my_notifications_in_this_organisation(world, client_for):
    a, b = world.a, world.b
    _tell(a, a.member, "Mine in Alpha")
    _tell(a, a.convener, "For the convener in Alpha")
    _tell(b, a.member, "Should never show")  # another tenant (a.member is not in it, but the row says so)
    body = client_for(a.member).get(_inbox(a)).content.decode()
    assert "Mine in Alpha" in body
    assert "For the convener in Alpha" not in body and "Should never show" not in body


def test_marking_another_persons_or_tenants_notification_is_404_and_changes_nothing(world, client_for):
    a, b = world.a, world.b
    theirs = _tell(a, a.convener)
    other_tenant = _tell(b, b.member)
    client = client_for(a.member)
    assert client.post(f"{_inbox(a)}{theirs.pk}/read/").status_code == 404
    assert client.post(f"{_inbox(a)}{other_tenant.pk}/read/").status_code == 404
    assert client.post(f"{_inbox(a)}99999999/read/").status_code == 404
    with scopes_disabled():
        assert Notification.objects.filter(read_at__isnull=False).count() == 0


def test_mark_one_and_all_read_and_the_unread_filter(world, client_for):
    a = world.a
    first, second, third = (_tell(a, a.member, f"Note {n}") for n in (1, 2, 3))
    client = client_for(a.member)
    assert 'data-testid="unread-count">3<' in client.get(_inbox(a)).content.decode()
    assert client.get(f"{_inbox(a)}{first.pk}/read/").status_code == 405  # GET changes nothing
    response = client.post(f"{_inbox(a)}{first.pk}/read/", {"next": f"{_inbox(a)}?show=unread"})
    assert response.status_code == 302 and response["Location"] == f"{_inbox(a)}?show=unread"
    unread = client.get(_inbox(a), {"show": "unread"}).content.decode()
    assert "Note 2" in unread and "Note 3" in unread and "Note 1" not in unread
    assert 'data-testid="unread-count">2<' in unread
    response = client.post(f"{_inbox(a)}read-all/", {"next": "//evil.example.org/"})
    assert response["Location"] == _inbox(a)  # never sent elsewhere
    with scopes_disabled():
        assert not Notification.objects.filter(recipient=a.member, read_at__isnull=True).exists()
        assert Notification.objects.get(pk=second.pk).read_at is not None
    assert 'data-testid="unread-count"' not in client.get(_inbox(a)).content.decode()


def test_search_finds_by_text_and_survives_hostile_input(world, client_for):
    a = world.a
    _tell(a, a.member, "Ada replied about sepsis")
    _tell(a, a.member, "Bo mentioned you")
    client = client_for(a.member)
    body = client.get(_inbox(a), {"q": "sepsis"}).content.decode()
    assert "Ada replied about sepsis" in body and "Bo mentioned you" not in body
    for query in ("", "x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", "%00"):
        response = client.get(_inbox(a), {"q": query, "show": "nonsense", "page": "-3"})
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content


def test_hostile_text_is_escaped_and_untrusted_links_are_not_linked(world, client_for):
    a = world.a
    _tell(a, a.member, '<img src=x onerror="alert(1)"> replied', url="javascript:alert(1)")
    _tell(a, a.member, "Protocol-relative", url="//evil.example.org/")
    _tell(a, a.member, "Backslash", url="/\\evil.example.org/")
    _tell(a, a.member, "Good link", url="/tenant-a/communities/sepsis/")
    body = client_for(a.member).get(_inbox(a)).content.decode()
    assert '<img src=x onerror="alert(1)">' not in body and "&lt;img src=x onerror=" in body
    assert "javascript:alert" not in body and "evil.example.org" not in body
    assert '<a href="/tenant-a/communities/sepsis/">Good link</a>' in body


def test_the_unread_count_is_capped(world, client_for):
    a = world.a
    with scopes_disabled():
        Notification.objects.bulk_create(
            Notification(organisation=a.organisation, recipient=a.member, kind="communities.reply", text=f"N{n}",
                         email_mode="none") for n in range(120))
    body = client_for(a.member).get(f"/{a.organisation.slug}/").content.decode()
    assert 'data-testid="unread-count">99+<' in body


def test_the_inbox_query_count_is_the_same_with_2_and_1000_notifications(world, client_for):
    a = world.a
    _tell(a, a.member, "One")
    _tell(a, a.member, "Two")

    def grow():
        with scopes_disabled():
            Notification.objects.bulk_create(
                Notification(organisation=a.organisation, recipient=a.member, actor=a.convener,
                             kind="communities.reply", text=f"Note {n}", url="/tenant-a/", email_mode="none")
                for n in range(998))

    before, after = assert_queries_flat(client_for(a.member), _inbox(a), grow)
    assert before <= 15


def test_pages_for_nobody_signed_in_never_count_notifications(client, world):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/accounts/login/").status_code == 200
        assert client.get(f"/unsubscribe/{'x' * 20}/").status_code == 404
    assert not [q for q in queries.captured_queries if "cop_platform_notification" in q["sql"]]


def test_the_header_count_is_one_query_on_a_page(world, client_for):
    a = world.a
    _tell(a, a.member)
    client = client_for(a.member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/{a.organisation.slug}/communities/").status_code == 200
    counted = [q for q in queries.captured_queries if "cop_platform_notification" in q["sql"]]
    assert len(counted) == 1
