"""Invitations through the outbox: the row is written with the invitation, the link is minted when the
mail is sent, the invitation follows its row; limits on the e-mails a person can trigger; the role a
pending invitation offers; conveners told when someone asks to join or accepts."""

import re
import smtplib
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import (
    Invitation,
    InvitationStatus,
    JoinRequest,
    MembershipRole,
    NotificationPreference,
)
from communities.tasks import sweep_invitations
from cop_platform.models import AuditEvent, EmailStatus, OutgoingEmail
from cop_platform.tasks import sweep_pending_email

LINK = re.compile(r"http://[^\s\"]+/invitations/([A-Za-z0-9_-]+)/")


def url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


@pytest.fixture
def as_user(django_capture_on_commit_callbacks):
    """``as_user(user)``: a client signed in as ``user`` whose requests run their on-commit hooks (the
    eager worker sends the outbox's rows at once)."""

    def make(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

        class Runner:
            def post(self, *args, **kwargs):
                with django_capture_on_commit_callbacks(execute=True):
                    return client.post(*args, **kwargs)

            def get(self, *args, **kwargs):
                return client.get(*args, **kwargs)

        return Runner()

    return make


def rows(**filters):
    with scopes_disabled():
        return list(OutgoingEmail.objects.filter(**filters).order_by("pk"))


def invitation(email):
    with scopes_disabled():
        return Invitation.objects.get(email=email)


def create(world, addresses, by=None):
    org = world.a.organisation
    with scope(organisation=org):
        return services.invitations_create(organisation=org, by=by or world.a.convener, community=world.a.community,
                                           addresses=addresses, message="Join us")


# --- One outbox row per e-mail, the link minted at send time -------------------------------------------


def test_an_invitation_is_queued_in_the_outbox_with_no_link_stored(world, mailoutbox):
    create(world, ["newcomer@example.org"])  # no commit here: as if the broker were down
    (row,) = rows(kind="communities.invitation")
    assert row.to == "newcomer@example.org" and row.status == EmailStatus.QUEUED
    assert row.body_text == "" and row.body_html == "" and row.composer == "communities.invitation"
    assert row.triggered_by == world.a.convener
    assert invitation("newcomer@example.org").token_hash == ""  # no link exists before the mail is sent
    assert sweep_pending_email.apply().get() == 1
    token = LINK.search(mailoutbox[0].body).group(1)
    sent = invitation("newcomer@example.org")
    assert sent.status == InvitationStatus.SENT and sent.send_count == 1
    assert token not in (rows()[0].body_text + rows()[0].body_html)


def test_a_rolled_back_invitation_queues_no_email(world):
    org = world.a.organisation
    with pytest.raises(RuntimeError), transaction.atomic(), scope(organisation=org):
        services.invitations_create(organisation=org, by=world.a.convener, community=world.a.community,
                                    addresses=["ghost@example.org"], message="Join us")
        raise RuntimeError("the request failed")
    assert rows() == []
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_a_retry_withdraws_the_unsent_link_and_a_permanent_failure_marks_the_invitation(world, settings,
                                                                                          mailoutbox):
    settings.CONVENE_EMAIL_RETRY_SECONDS = 0
    create(world, ["flaky@example.org"])
    with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                    side_effect=smtplib.SMTPResponseException(451, b"try later")):
        sweep_pending_email.apply()
    queued = invitation("flaky@example.org")
    assert queued.status == InvitationStatus.QUEUED and queued.token_hash == "" and queued.attempts == 1
    assert "451" in queued.failure_reason
    with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                    side_effect=smtplib.SMTPRecipientsRefused({"x": (550, b"no")})):
        sweep_pending_email.apply()
    failed = invitation("flaky@example.org")
    assert failed.status == InvitationStatus.FAILED and failed.token_hash == ""
    assert failed.failure_reason == "The mail server refused the address."
    assert mailoutbox == []


def test_a_withdrawn_invitation_is_not_sent(world, mailoutbox):
    create(world, ["changed-mind@example.org"])
    org = world.a.organisation
    with scope(organisation=org):
        services.invitation_revoke(organisation=org, by=world.a.convener,
                                   invitation=invitation("changed-mind@example.org"))
    sweep_pending_email.apply()
    assert mailoutbox == []
    (row,) = rows()
    assert row.status == EmailStatus.CANCELLED and "withdrawn" in row.failure_reason.lower()
    assert invitation("changed-mind@example.org").status == InvitationStatus.REVOKED


def test_resend_replaces_a_waiting_email_so_only_one_goes(world, settings, mailoutbox):
    """An expired invitation still waiting for a retry, then resent: the new e-mail goes, the old does not."""
    settings.CONVENE_EMAIL_RETRY_SECONDS = 0
    create(world, ["late@example.org"])
    with scopes_disabled():
        Invitation.objects.update(status=InvitationStatus.EXPIRED)
    org = world.a.organisation
    with scope(organisation=org):
        services.invitation_resend(organisation=org, by=world.a.convener, invitation=invitation("late@example.org"))
    sweep_pending_email.apply()
    assert [row.status for row in rows()] == [EmailStatus.CANCELLED, EmailStatus.SENT]
    assert len(mailoutbox) == 1 and invitation("late@example.org").status == InvitationStatus.SENT


# --- Limits on the e-mails a person can trigger --------------------------------------------------------


def test_resending_too_often_is_refused_with_a_clear_message(world, settings, as_user, mailoutbox):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 2
    convener = as_user(world.a.convener)
    convener.post(url(world.a, "invite"), {"addresses": "pat@example.org", "role": "member", "message": "Hi"})
    pk = invitation("pat@example.org").pk
    for _ in range(2):
        convener.post(url(world.a, "invitation_resend", invitation_id=pk))
    response = convener.post(url(world.a, "invitation_resend", invitation_id=pk))
    page = convener.get(response["Location"]).content.decode()
    assert "pat@example.org has been sent 2 e-mails like this in the last 24 hours, the most allowed" in page
    assert len(mailoutbox) == 3  # the invitation and two resends


def test_reminders_by_hand_count_per_person(world, settings, as_user, mailoutbox):
    settings.CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR = 1
    convener = as_user(world.a.convener)
    convener.post(url(world.a, "invite"), {"addresses": "a@example.org\nb@example.org", "role": "member",
                                           "message": "Hi"})
    convener.post(url(world.a, "invitation_remind", invitation_id=invitation("a@example.org").pk))
    response = convener.post(url(world.a, "invitation_remind", invitation_id=invitation("b@example.org").pk))
    page = convener.get(response["Location"]).content.decode()
    assert "You have sent 1 e-mail like this in the last hour, the most allowed" in page
    reminders = [m for m in mailoutbox if m.subject.startswith("Reminder")]
    assert [m.to for m in reminders] == [["a@example.org"]]


def test_a_reminder_by_hand_keeps_the_first_link_working(world, as_user, mailoutbox, client):
    convener = as_user(world.a.convener)
    convener.post(url(world.a, "invite"), {"addresses": "a@example.org", "role": "member", "message": "Hi"})
    convener.post(url(world.a, "invitation_remind", invitation_id=invitation("a@example.org").pk))
    first, reminder = (LINK.search(m.body).group(1) for m in mailoutbox)
    for token in (first, reminder):
        assert client.get(reverse("invitations:respond", kwargs={"token": token})).status_code == 200


def test_inviting_an_address_past_its_daily_limit_names_it_and_keeps_the_form(world, settings, as_user, mailoutbox):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 1
    convener = as_user(world.a.convener)
    convener.post(url(world.a, "invite"), {"addresses": "pat@example.org", "role": "member", "message": "Hi"})
    org = world.a.organisation
    with scope(organisation=org):
        services.invitation_revoke(organisation=org, by=world.a.convener, invitation=invitation("pat@example.org"))
    response = convener.post(url(world.a, "invite"), {"addresses": "pat@example.org\nsam@example.org",
                                                      "role": "member", "message": "My own words"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "pat@example.org has been sent 1 e-mail like this in the last 24 hours" in page
    assert "My own words" in page and "sam@example.org" in page  # nothing typed is lost
    with scopes_disabled():
        assert not Invitation.objects.filter(email="sam@example.org").exists()
    assert len(mailoutbox) == 1


# --- The role a pending invitation offers -------------------------------------------------------------


def test_convener_changes_the_role_of_a_pending_invitation_and_it_is_audited(world, as_user):
    convener = as_user(world.a.convener)
    convener.post(url(world.a, "invite"), {"addresses": "cory@example.org", "role": "member", "message": "Hi"})
    pk = invitation("cory@example.org").pk
    response = convener.post(url(world.a, "invitation_role", invitation_id=pk), {"role": "co_convener"})
    assert "now offers the role of co-convener" in convener.get(response["Location"]).content.decode()
    assert invitation("cory@example.org").role == MembershipRole.CO_CONVENER
    with scopes_disabled():
        event = AuditEvent.objects.get(action="invitation.role_changed")
    assert event.actor == world.a.convener and event.changes == {"role": ["member", "co_convener"]}


def test_an_answered_invitation_keeps_its_role(world, as_user):
    convener = as_user(world.a.convener)
    convener.post(url(world.a, "invite"), {"addresses": "cory@example.org", "role": "member", "message": "Hi"})
    with scopes_disabled():
        Invitation.objects.update(status=InvitationStatus.DECLINED)
    response = convener.post(url(world.a, "invitation_role", invitation_id=invitation("cory@example.org").pk),
                             {"role": "core_group"})
    assert "its role cannot change" in convener.get(response["Location"]).content.decode()
    assert invitation("cory@example.org").role == MembershipRole.MEMBER


def test_a_plain_member_cannot_change_the_role_of_an_invitation(world, as_user, client_for):
    as_user(world.a.convener).post(url(world.a, "invite"), {"addresses": "cory@example.org", "role": "member",
                                                            "message": "Hi"})
    response = client_for(world.a.member).post(
        url(world.a, "invitation_role", invitation_id=invitation("cory@example.org").pk), {"role": "co_convener"})
    assert response.status_code == 403
    assert invitation("cory@example.org").role == MembershipRole.MEMBER


def test_only_a_convener_or_host_staff_may_offer_the_convener_role(world):
    from tests.factories import member_of

    co_convener = member_of(world.a.community, role=MembershipRole.CO_CONVENER, email="co@example.org")
    create(world, ["cory@example.org"])
    org = world.a.organisation
    with scope(organisation=org):
        with pytest.raises(ValidationError, match="Only a convener or the host's staff"):
            services.invitation_role_change(organisation=org, by=co_convener,
                                            invitation=invitation("cory@example.org"), role=MembershipRole.CONVENER)
        services.invitation_role_change(organisation=org, by=world.a.project_manager,
                                        invitation=invitation("cory@example.org"), role=MembershipRole.CONVENER)
    assert invitation("cory@example.org").role == MembershipRole.CONVENER


# --- Conveners are told --------------------------------------------------------------------------------


def open_to_join(world):
    with scopes_disabled():
        world.a.community.open_to_join = True
        world.a.community.save()


def test_conveners_are_told_by_email_and_on_the_dashboard_when_someone_asks_to_join(world, as_user, mailoutbox):
    open_to_join(world)
    as_user(world.a.outsider).post(url(world.a, "join"), {"message": "I run the sepsis audit"})
    (told,) = mailoutbox
    assert told.to == [world.a.convener.email]
    assert world.a.outsider.display_name in told.subject and "I run the sepsis audit" in told.body
    page = as_user(world.a.convener).get(url(world.a, "home")).content.decode()
    arrivals = page.split('data-testid="dashboard-arrivals"')[1].split("</ul>")[0]
    assert world.a.outsider.display_name in arrivals and "asked to join" in arrivals


def test_a_convener_who_turned_these_emails_off_is_not_told(world, as_user, mailoutbox):
    open_to_join(world)
    convener = as_user(world.a.convener)
    response = convener.post(reverse("community_host:notifications", kwargs={"org": world.a.organisation.slug}),
                             {"meeting_emails": "on"})
    assert response.status_code == 302
    with scopes_disabled():
        assert NotificationPreference.objects.get(user=world.a.convener).arrival_emails is False
    as_user(world.a.outsider).post(url(world.a, "join"), {"message": ""})
    with scopes_disabled():
        assert JoinRequest.objects.count() == 1
    assert mailoutbox == []
    assert world.a.outsider.display_name in convener.get(url(world.a, "home")).content.decode()


def test_conveners_are_told_when_an_invitation_is_accepted(world, as_user, mailoutbox):
    from tests.factories import UserFactory

    known = UserFactory(email="known@example.org", first_name="Kit", last_name="Known")
    as_user(world.a.convener).post(url(world.a, "invite"), {"addresses": "known@example.org", "role": "member",
                                                            "message": "Hi"})
    token = LINK.search(mailoutbox[0].body).group(1)
    as_user(known).post(reverse("invitations:respond", kwargs={"token": token}),
                        {"action": "accept", "employer": "Northgate Hospital"})
    told = [m for m in mailoutbox if m.to == [world.a.convener.email]]
    assert len(told) == 1 and "Kit Known joined" in told[0].subject and "Northgate Hospital" in told[0].body
    page = as_user(world.a.convener).get(url(world.a, "home")).content.decode()
    arrivals = page.split('data-testid="dashboard-arrivals"')[1].split("</ul>")[0]
    assert "Kit Known" in arrivals and "accepted the invitation" in arrivals


def test_the_sweep_queues_one_reminder_and_the_outbox_sends_it(world, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    create(world, ["soon@example.org"])
    sweep_pending_email.apply()
    with scopes_disabled():
        Invitation.objects.update(expires_at=timezone.now() + timedelta(days=1))
    assert sweep_invitations.apply().get() == 1
    assert sweep_invitations.apply().get() == 0
    sweep_pending_email.apply()
    assert [m.subject.startswith("Reminder") for m in mailoutbox] == [False, True]
    assert invitation("soon@example.org").send_count == 2


def test_an_invitation_whose_email_the_outbox_gave_up_on_is_marked_failed(world):
    """A worker died while sending, too many times: the outbox fails the row without an outcome; the
    invitations' sweep brings the invitation in line."""
    from datetime import timedelta

    from django.utils import timezone

    create(world, ["lost@example.org"])
    long_ago = timezone.now() - timedelta(hours=1)
    with scopes_disabled():
        Invitation.objects.update(status=InvitationStatus.SENDING, claimed_at=long_ago)
        OutgoingEmail.objects.update(status=EmailStatus.FAILED, failure_reason="Gave up: the sender stopped.")
    sweep_invitations.apply()
    lost = invitation("lost@example.org")
    assert lost.status == InvitationStatus.FAILED and lost.failure_reason == "Gave up: the sender stopped."
