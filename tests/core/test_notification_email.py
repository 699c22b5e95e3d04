"""Notifications by e-mail: each person's choice per community decides it when the row is written; "now"
rows go once through the outbox, "digest" rows go in ONE daily e-mail (never empty, never twice); every
non-essential e-mail carries a one-click unsubscribe link that works without signing in; essential mail
always goes."""

import re

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from communities import services as community_services
from communities.models import EmailMode, Membership, NotificationPreference
from cop_platform.models import Notification, OutgoingEmail
from cop_platform.notifications import email_modes_for, notify
from cop_platform.notifications.links import unsubscribe_read, unsubscribe_token
from cop_platform.notifications.mail import digest_send
from cop_platform.tasks import send_notification_digests, sweep_pending_email

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = re.compile(r"(http\S+/unsubscribe/[^/\s]+/)")


def _tell(tenant, people, *, kind="communities.reply", text="Ada replied to your thread", community=None):
    community = community or tenant.community
    return notify(organisation=tenant.organisation, recipients=people, kind=kind, text=text,
                  url=f"/{tenant.organisation.slug}/communities/{community.slug}/", community_id=community.pk)


def _choose(tenant, user, mode, community=None):
    with scopes_disabled():
        Membership.objects.filter(user=user, community=community or tenant.community).update(email_mode=mode)


def _mails(mailoutbox, to):
    return [m for m in mailoutbox if to in m.to]


# --- Which mode -----------------------------------------------------------------------------------------


def test_the_mode_is_the_persons_choice_for_that_community_else_the_kinds_default(world):
    a = world.a
    _choose(a, a.member, EmailMode.NONE)
    modes = email_modes_for(organisation=a.organisation, user_ids=[a.member.pk, a.convener.pk],
                            community_id=a.community.pk, kind="communities.reply")
    assert modes == {a.member.pk: "none", a.convener.pk: "digest"}  # conversation traffic: digest by default
    modes = email_modes_for(organisation=a.organisation, user_ids=[a.convener.pk], community_id=a.community.pk,
                            kind="communities.join_request")
    assert modes == {a.convener.pk: "now"}  # conveners hear of requests to join at once


def test_a_choice_for_another_community_does_not_apply(world):
    a = world.a
    _choose(a, a.convener, EmailMode.NONE, community=a.unlisted)
    modes = email_modes_for(organisation=a.organisation, user_ids=[a.convener.pk], community_id=a.community.pk,
                            kind="communities.reply")
    assert modes == {a.convener.pk: "digest"}


def test_activity_emails_off_for_the_organisation_means_none_everywhere(world):
    a = world.a
    _choose(a, a.member, EmailMode.NOW)
    with scope(organisation=a.organisation):
        NotificationPreference.objects.create(organisation=a.organisation, user=a.member, notification_emails=False)
    (row,) = _tell(a, [a.member])
    assert row.email_mode == "none" and row.emailed_at is None


def test_an_essential_kind_goes_at_once_whatever_the_person_chose(world):
    a = world.a
    _choose(a, a.member, EmailMode.NONE)
    modes = email_modes_for(organisation=a.organisation, user_ids=[a.member.pk], community_id=a.community.pk,
                            kind="conveners.decision")
    assert modes == {a.member.pk: "now"}


# --- At once ----------------------------------------------------------------------------------------------


def test_a_now_notification_is_one_email_with_a_one_click_unsubscribe(world, mailoutbox,
                                                                        django_capture_on_commit_callbacks):
    a = world.a
    _choose(a, a.member, EmailMode.NOW)
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = _tell(a, [a.member], text="Ada replied to <b>your</b> thread")
    (mail,) = _mails(mailoutbox, a.member.email)
    assert "Ada replied to <b>your</b> thread" in mail.body  # plain text e-mail: shown as typed, never as markup
    link = UNSUBSCRIBE.search(mail.body).group(1)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/settings/" in mail.body
    with scopes_disabled():
        assert Notification.objects.get(pk=row.pk).emailed_at is not None
        (outbox_row,) = OutgoingEmail.objects.filter(kind="notifications.now")
        assert "unsubscribe" not in outbox_row.body_text  # built when sent: no link stored in the outbox
    # The sweep (a duplicate message, a retry) sends nothing again.
    sweep_pending_email.apply()
    assert len(_mails(mailoutbox, a.member.email)) == 1


def test_a_rolled_back_notification_sends_nothing(world, mailoutbox):
    from django.db import transaction

    a = world.a
    _choose(a, a.member, EmailMode.NOW)
    with pytest.raises(RuntimeError), transaction.atomic():
        _tell(a, [a.member])
        raise RuntimeError("the request failed")
    with scopes_disabled():
        assert not Notification.objects.exists() and not OutgoingEmail.objects.exists()
    assert mailoutbox == []


def test_a_link_to_another_site_is_left_out_of_the_email(world, mailoutbox, django_capture_on_commit_callbacks):
    a = world.a
    _choose(a, a.member, EmailMode.NOW)
    with django_capture_on_commit_callbacks(execute=True):
        notify(organisation=a.organisation, recipients=[a.member], kind="communities.reply", text="Look",
               url="//evil.example.org/phish", community_id=a.community.pk)
    (mail,) = _mails(mailoutbox, a.member.email)
    assert "evil.example.org" not in mail.body


# --- The daily digest ---------------------------------------------------------------------------------------


def test_the_digest_is_one_email_listing_everything_and_is_sent_once(world, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    a = world.a
    _tell(a, [a.member], text="Ada replied to your thread")
    _tell(a, [a.member], text="Bo mentioned you")
    _tell(a, [a.convener], text="A new thread for the convener")
    assert mailoutbox == []  # digest rows wait for the beat
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_digests.apply()
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_digests.apply()  # a second run (a retry, a second beat) sends nothing
    (mail,) = _mails(mailoutbox, a.member.email)
    assert "Ada replied to your thread" in mail.body and "Bo mentioned you" in mail.body
    assert "A new thread for the convener" not in mail.body
    assert "2 updates" in mail.subject
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(_mails(mailoutbox, a.convener.email)) == 1
    # What happens after the digest goes in the next one, alone.
    _tell(a, [a.member], text="Cy replied")
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_digests.apply()
    first, second = _mails(mailoutbox, a.member.email)
    assert "Cy replied" in second.body and "Ada replied" not in second.body


def test_no_digest_without_anything_waiting(world, mailoutbox, django_capture_on_commit_callbacks):
    a = world.a
    _choose(a, a.member, EmailMode.NOW)
    _tell(a, [a.member])  # e-mailed at once, not a digest row
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notification_digests.apply().get() == 0
    with scope(organisation=a.organisation):
        assert digest_send(organisation=a.organisation, recipient_id=a.convener.pk) is None
        assert not OutgoingEmail.objects.filter(kind="notifications.digest").exists()


def test_claimed_rows_are_never_sent_again_by_a_second_claim(world):
    a = world.a
    _tell(a, [a.member])
    with scope(organisation=a.organisation):
        first = digest_send(organisation=a.organisation, recipient_id=a.member.pk)
        second = digest_send(organisation=a.organisation, recipient_id=a.member.pk)
        assert first is not None and second is None
        assert OutgoingEmail.objects.filter(kind="notifications.digest").count() == 1


@pytest.mark.celery
def test_the_digest_goes_once_through_a_real_worker(celery_worker_redis, world, mailoutbox):
    from tests.helpers import wait_for

    a = world.a
    _tell(a, [a.member], text="Ada replied to your thread")
    send_notification_digests.delay()
    send_notification_digests.delay()
    assert wait_for(lambda: len(_mails(mailoutbox, a.member.email)) >= 1)
    with scopes_disabled():
        assert OutgoingEmail.objects.filter(kind="notifications.digest").count() == 1
    assert len(_mails(mailoutbox, a.member.email)) == 1


# --- Unsubscribe ---------------------------------------------------------------------------------------------


def _token(tenant, user, community=None):
    return unsubscribe_token(organisation_id=tenant.organisation.pk, user_id=user.pk,
                             community_id=community.pk if community else None)


def test_one_click_unsubscribe_works_without_signing_in_and_turns_that_community_off(world):
    a = world.a
    client = Client(enforce_csrf_checks=True)  # a mail client's POST has no session and no CSRF token
    url = f"/unsubscribe/{_token(a, a.member, a.community)}/"
    page = client.get(url)
    assert page.status_code == 200 and b"unsubscribe-confirm" in page.content
    with scopes_disabled():
        assert Membership.objects.get(user=a.member, community=a.community).email_mode == ""
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and b"You are unsubscribed" in response.content
    with scopes_disabled():
        assert Membership.objects.get(user=a.member, community=a.community).email_mode == "none"
    (row,) = _tell(a, [a.member])
    assert row.email_mode == "none"


def test_unsubscribe_from_everything_keeps_essential_mail(world, mailoutbox, django_capture_on_commit_callbacks):
    a = world.a
    assert Client().post(f"/unsubscribe/{_token(a, a.member)}/").status_code == 200
    with scopes_disabled():
        preference = NotificationPreference.objects.get(user=a.member, organisation=a.organisation)
    assert not (preference.notification_emails or preference.meeting_emails or preference.arrival_emails)
    with django_capture_on_commit_callbacks(execute=True):
        (activity,) = _tell(a, [a.member])
        (decision,) = notify(organisation=a.organisation, recipients=[a.member], kind="conveners.decision",
                             text="The outcome of your application is out", url="/")
    assert activity.email_mode == "none" and decision.email_mode == "now"
    (mail,) = _mails(mailoutbox, a.member.email)
    assert "outcome of your application" in mail.body
    assert "List-Unsubscribe" not in mail.extra_headers  # essential mail cannot be unsubscribed from


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature altered
    lambda t: "x" + t,
    lambda t: "not-a-token",
    lambda t: "",
    lambda t: "a" * 2000,
])
def test_a_tampered_unsubscribe_token_is_refused_and_changes_nothing(world, mangle):
    a = world.a
    token = mangle(_token(a, a.member, a.community))
    assert unsubscribe_read(token) is None
    if token:
        assert Client().post(f"/unsubscribe/{token}/").status_code == 404
    with scopes_disabled():
        assert Membership.objects.get(user=a.member, community=a.community).email_mode == ""


def test_a_token_for_another_person_cannot_be_forged_by_editing_the_id(world):
    from django.core import signing

    a = world.a
    payload = signing.loads(_token(a, a.member, a.community), salt="convene.notifications.unsubscribe")
    payload["u"] = a.convener.pk
    forged = signing.dumps(payload, salt="some other purpose")
    assert Client().post(f"/unsubscribe/{forged}/").status_code == 404


def test_the_settings_page_sets_each_community_and_ignores_another_persons(world, client_for):
    a = world.a
    with scopes_disabled():
        mine = Membership.objects.get(user=a.convener, community=a.community)
        theirs = Membership.objects.get(user=a.member, community=a.community)
    response = client_for(a.convener).post(f"/{a.organisation.slug}/notifications/settings/", {
        "meeting_emails": "on", "notification_emails": "on", f"community_{mine.pk}": "digest",
        f"community_{theirs.pk}": "none"})
    assert response.status_code == 302
    with scopes_disabled():
        mine.refresh_from_db()
        theirs.refresh_from_db()
    assert mine.email_mode == "digest" and theirs.email_mode == ""
    page = client_for(a.convener).post(f"/{a.organisation.slug}/notifications/settings/",
                                       {f"community_{mine.pk}": "every hour"})
    assert page.status_code == 200 and b"Select a valid choice" in page.content
    with scopes_disabled():
        mine.refresh_from_db()
    assert mine.email_mode == "digest"  # bad input changes nothing


def test_a_join_request_is_in_the_conveners_inbox_and_emailed_once(world, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    a = world.a
    with scopes_disabled():
        from communities.models import Community
        Community.objects.filter(pk=a.community.pk).update(open_to_join=True)
        a.community.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True), scope(organisation=a.organisation):
        community_services.join_request_create(organisation=a.organisation, by=a.outsider, community=a.community,
                                               message="Please")
    with scopes_disabled():
        (row,) = Notification.objects.filter(recipient=a.convener, kind="communities.join_request")
    assert row.email_mode == "none" and row.url.startswith(f"/{a.organisation.slug}/")
    assert len(_mails(mailoutbox, a.convener.email)) == 1  # the arrival e-mail, not a second one
