"""Meeting and arrival e-mails are non-essential: each carries a one-click unsubscribe (RFC 8058) that
works without signing in and stops them."""

import re

from django.test import Client
from django_scopes import scopes_disabled

from communities.models import NotificationPreference
from tests.communities.test_meetings import schedule_data, url

LINK = re.compile(r"one click: (\S+/unsubscribe/[^/\s]+/)")


def test_a_meeting_email_unsubscribes_in_one_click(world, client_for, django_capture_on_commit_callbacks,
                                                    mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.a.convener).post(url(world.a, "meeting_new"), schedule_data())
    (mail,) = [m for m in mailoutbox if m.to == [world.a.member.email]]
    link = LINK.search(mail.body).group(1)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A mail client's one-click POST: no session, no CSRF token.
    path = "/" + link.split("/", 3)[3]
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    with scopes_disabled():
        assert NotificationPreference.objects.get(user=world.a.member).meeting_emails is False
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.a.convener).post(url(world.a, "meeting_new"), schedule_data(title="Next one"))
    assert world.a.member.email not in [m.to[0] for m in mailoutbox]


def test_an_arrival_email_carries_the_one_click_unsubscribe(world, client_for, django_capture_on_commit_callbacks,
                                                             mailoutbox):
    with scopes_disabled():
        community = world.a.community
        community.open_to_join = True
        community.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.a.outsider).post(url(world.a, "join"), {"message": "Hello <b>there</b>"})
    assert response.status_code in (200, 302)
    (mail,) = [m for m in mailoutbox if m.to == [world.a.convener.email]]
    link = LINK.search(mail.body).group(1)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"
