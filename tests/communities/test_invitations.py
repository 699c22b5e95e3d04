"""Invitations: the map, bulk invitations, the send-once rule, tokens, accepting and declining,
expiry, reminders, resend and revoke; join requests."""

import hashlib
import re
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import Invitation, InvitationStatus, JoinRequest, MapEntry, Membership, MembershipRole
from communities.tasks import send_invitation, sweep_invitations
from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY
from cop_platform.models import OutgoingEmail
from cop_platform.tasks import sweep_pending_email
from tests.factories import UserFactory

LINK = re.compile(r"http://[^\s\"]+/invitations/([A-Za-z0-9_-]+)/")


def url(tenant, name, community=None, **kwargs):
    community = community or tenant.community
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": community.slug, **kwargs})


def invite(client, tenant, addresses, **extra):
    data = {"addresses": addresses, "role": "member", "message": "Do join us.", **extra}
    return client.post(url(tenant, "invite"), data)


def invitations(community=None):
    with scopes_disabled():
        qs = Invitation.objects.all()
        if community is not None:
            qs = qs.filter(community=community)
        return list(qs.order_by("email"))


def token_from(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def convener(world, django_capture_on_commit_callbacks):
    """The convener's own client; requests run their on-commit hooks (the eager worker sends at once)."""
    from django.test import Client

    client = Client()
    client.force_login(world.a.convener, backend="django.contrib.auth.backends.ModelBackend")

    class Runner:
        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

        def get(self, *args, **kwargs):
            return client.get(*args, **kwargs)

    return Runner()


# --- Parsing and bad input -------------------------------------------------------------------------


def test_parse_addresses_accepts_lists_and_named_addresses():
    addresses, invalid = services.parse_addresses("a@example.org, B@Example.org;\nAnn Lee <ann@example.org>\n\n")
    assert addresses == ["a@example.org", "b@example.org", "ann@example.org"]
    assert invalid == []


def test_parse_addresses_reports_what_is_not_an_address():
    addresses, invalid = services.parse_addresses("good@example.org\nnot-an-address\n<script>@x")
    assert addresses == ["good@example.org"]
    assert invalid == ["not-an-address", "<script>@x"]


def test_invite_with_no_addresses_says_so(world, convener, mailoutbox):
    response = invite(convener, world.a, "   ")
    assert response.status_code == 200
    assert b"Enter at least one e-mail address" in response.content
    assert invitations() == [] and mailoutbox == []


def test_invite_with_an_invalid_address_saves_nothing(world, convener, mailoutbox):
    response = invite(convener, world.a, "good@example.org\nbad-address")
    assert response.status_code == 200
    assert b"These are not e-mail addresses: bad-address" in response.content
    assert invitations() == [] and mailoutbox == []


def test_invite_with_a_thousand_addresses_is_refused_clearly(world, convener, mailoutbox):
    addresses = "\n".join(f"person{i}@example.org" for i in range(1000))
    response = invite(convener, world.a, addresses)
    assert response.status_code == 200
    assert b"You can invite up to 500 people at once" in response.content
    assert invitations() == [] and mailoutbox == []


def test_invite_with_an_empty_message_is_refused(world, convener):
    response = invite(convener, world.a, "a@example.org", message="  ")
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert invitations() == []


def test_invite_sends_one_email_per_address_and_drops_repeats(world, convener, mailoutbox):
    response = invite(convener, world.a, "one@example.org\ntwo@example.org\nONE@example.org")
    assert response.status_code == 302
    assert [i.email for i in invitations()] == ["one@example.org", "two@example.org"]
    assert all(i.status == InvitationStatus.SENT for i in invitations())
    assert sorted(m.to[0] for m in mailoutbox) == ["one@example.org", "two@example.org"]
    assert "Do join us." in mailoutbox[0].body
    follow = convener.get(url(world.a, "invitations"))
    assert b"one@example.org" in follow.content


def test_inviting_a_current_member_says_so_instead(world, convener, mailoutbox):
    response = invite(convener, world.a, world.a.member.email)
    assert response.status_code == 302
    assert invitations() == [] and mailoutbox == []
    page = convener.get(response["Location"])
    assert b"Already a member" in page.content


def test_no_duplicate_invitation_to_an_open_address(world, convener, mailoutbox):
    invite(convener, world.a, "again@example.org")
    response = invite(convener, world.a, "again@example.org")
    assert len(invitations()) == 1 and len(mailoutbox) == 1
    assert b"Already invited" in convener.get(response["Location"]).content


def test_invitations_service_refuses_another_tenants_community(world):
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError):
        services.invitations_create(organisation=world.a.organisation, by=world.a.convener,
                                    community=world.b.community, addresses=["x@example.org"], message="Hi")


def test_hostile_html_in_the_message_is_escaped_in_the_email_and_the_page(world, convener, mailoutbox, client):
    invite(convener, world.a, "h@example.org", message='<script>alert("x")</script><b>Hi</b>')
    html = mailoutbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    token = token_from(mailoutbox[0])
    client.logout()
    page = client.get(reverse("invitations:respond", kwargs={"token": token}))
    assert b"<script>alert" not in page.content and b"&lt;script&gt;" in page.content


def test_csv_upload_invites_the_addresses_in_it(world, convener, mailoutbox):
    csv_file = SimpleUploadedFile("people.csv", b"name,email\nAnn,ann@example.org\nBo,bo@example.org\n",
                                  content_type="text/csv")
    response = convener.post(url(world.a, "invite"), {"addresses": "", "csv_file": csv_file, "role": "member",
                                                       "message": "Hello"})
    assert response.status_code == 302
    assert [i.email for i in invitations()] == ["ann@example.org", "bo@example.org"]


@pytest.mark.parametrize("name,content,expected", [
    ("people.exe", b"a@example.org", b"Upload a .csv file"),
    ("people.csv", b"\x00\x01\x02binary", b"not a CSV file"),
    ("people.csv", b"a@example.org\n" * 80_000, b"larger than 1 MB"),
])
def test_bad_csv_uploads_are_refused_clearly(world, convener, name, content, expected):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    response = convener.post(url(world.a, "invite"), {"csv_file": upload, "role": "member", "message": "Hello"})
    assert response.status_code == 200
    assert expected in response.content
    assert invitations() == []


def test_plain_member_cannot_invite(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "invite"), {"addresses": "x@example.org",
                                                                         "role": "member", "message": "Hi"})
    assert response.status_code == 403
    assert invitations() == []


# --- Sending once ------------------------------------------------------------------------------------


def test_running_the_send_task_twice_sends_one_email(world, convener, mailoutbox):
    invite(convener, world.a, "once@example.org")
    (invitation,) = invitations()
    assert send_invitation.apply(args=(world.a.organisation.pk, invitation.pk)).get() == "skipped"
    assert len(mailoutbox) == 1


def test_only_the_hash_of_the_token_is_stored(world, convener, mailoutbox):
    invite(convener, world.a, "hash@example.org")
    token = token_from(mailoutbox[0])
    (invitation,) = invitations()
    assert len(token) >= 43
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    with scopes_disabled():
        assert not Invitation.objects.filter(token_hash=token).exists()


def test_transient_smtp_failure_retries_and_sends_once(world, convener, mailoutbox, settings):
    settings.CONVENE_EMAIL_RETRY_SECONDS = 0  # the retry is due at once; the outbox's sweep sends it
    real_send = mail.EmailMultiAlternatives.send
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPResponseException(451, b"try later")
        return real_send(self, *args, **kwargs)

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", flaky):
        invite(convener, world.a, "flaky@example.org")
        assert invitations()[0].status == InvitationStatus.QUEUED  # back in the queue, its link withdrawn
        sweep_pending_email.apply()
    (invitation,) = invitations()
    assert invitation.status == InvitationStatus.SENT
    assert len(mailoutbox) == 1 and len(calls) == 2


def test_permanent_failure_is_shown_with_a_reason(world, convener, mailoutbox):
    with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                    side_effect=smtplib.SMTPRecipientsRefused({"x": (550, b"no")})):
        invite(convener, world.a, "nobody@example.org")
    (invitation,) = invitations()
    assert invitation.status == InvitationStatus.FAILED
    assert invitation.failure_reason == "The mail server refused the address."
    page = convener.get(url(world.a, "invitations"))
    assert b"The mail server refused the address." in page.content


def test_sweep_sends_what_the_broker_missed(world, mailoutbox):
    org = world.a.organisation
    with scope(organisation=org):  # no on-commit hooks run here: as if the broker were down
        services.invitations_create(organisation=org, by=world.a.convener, community=world.a.community,
                                    addresses=["late@example.org"], message="Hi")
    assert mailoutbox == []
    assert sweep_pending_email.apply().get() == 1
    assert len(mailoutbox) == 1 and invitations()[0].status == InvitationStatus.SENT


# --- Accepting and declining -------------------------------------------------------------------------


def respond_url(token):
    return reverse("invitations:respond", kwargs={"token": token})


@pytest.fixture
def sent(world, convener, mailoutbox):
    """Invite a newcomer and an existing person; returns {email: token}."""
    UserFactory(email="known@example.org")
    invite(convener, world.a, "newcomer@example.org\nknown@example.org")
    return {m.to[0]: token_from(m) for m in mailoutbox}


def test_newcomer_signs_up_with_the_invited_address_verified_and_joins(world, sent, client):
    """One step: the sign-up names the community, asks organisation, profession and sector, and the new
    account lands on the community home, a member."""
    from allauth.account.models import EmailAddress

    token = sent["newcomer@example.org"]
    response = client.post(respond_url(token), {"action": "signup"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_signup"))
    assert client.session[SIGNUP_ALLOWED_SESSION_KEY] is True
    page = client.get(response["Location"]).content.decode()
    assert f"Join {world.a.community.name}" in page
    assert "Your organisation (required)" in page and "Sector (required)" in page
    assert "Profession (required)" in page and "Role title (optional)" in page
    response = client.post(response["Location"], {
        "email": "newcomer@example.org", "password1": "a-long-new-password-42", "password2": "a-long-new-password-42",
        "first_name": "Nia", "last_name": "Newcomer", "profession": "Paramedic",
        "employer": "Coastal Ambulance Service", "sector": "nhs_community", "role_title": ""})
    assert response.status_code == 302, response.content[:2000]
    assert response["Location"] == url(world.a, "home")
    assert EmailAddress.objects.get(email="newcomer@example.org").verified
    with scopes_disabled():
        m = Membership.objects.get(community=world.a.community, user__email="newcomer@example.org")
    assert m.employer == "Coastal Ambulance Service" and m.role == MembershipRole.MEMBER
    assert m.profession == "Paramedic" and m.sector == "nhs_community"
    assert invitations()[1].status == InvitationStatus.ACCEPTED
    assert SIGNUP_ALLOWED_SESSION_KEY not in client.session
    page = client.get(url(world.a, "members"))
    assert b"Coastal Ambulance Service" in page.content


def test_invited_signup_with_missing_answers_keeps_what_was_typed(world, sent, client):
    signup = client.post(respond_url(sent["newcomer@example.org"]), {"action": "signup"})["Location"]
    response = client.post(signup, {"password1": "a-long-new-password-42", "password2": "a-long-new-password-42",
                                    "first_name": "Nia", "last_name": "Newcomer", "profession": "Paramedic",
                                    "employer": "", "sector": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert 'value="Nia"' in page and 'value="Paramedic"' in page
    with scopes_disabled():
        assert not Membership.objects.filter(user__email="newcomer@example.org").exists()


def test_signup_from_an_invitation_keeps_the_invited_address(world, sent, client):
    """Typing another address changes nothing: the account is made for the address that was invited."""
    from django.contrib.auth import get_user_model

    token = sent["newcomer@example.org"]
    signup = client.post(respond_url(token), {"action": "signup"})["Location"]
    page = client.get(signup).content.decode()
    assert 'value="newcomer@example.org"' in page and "disabled" in page
    client.post(signup, {"email": "someone.else@example.org", "password1": "a-long-new-password-42",
                         "password2": "a-long-new-password-42", "first_name": "Nia", "last_name": "Newcomer",
                         "employer": "Northgate Hospital", "profession": "Nurse", "sector": "nhs_acute"})
    User = get_user_model()
    assert User.objects.filter(email="newcomer@example.org").exists()
    assert not User.objects.filter(email="someone.else@example.org").exists()


def test_accept_needs_an_organisation(world, sent, client_for):
    from django.contrib.auth import get_user_model

    known = get_user_model().objects.get(email="known@example.org")
    client = client_for(known)
    response = client.post(respond_url(sent["known@example.org"]), {"action": "accept", "employer": ""})
    assert response.status_code == 200 and b"There is a problem" in response.content
    with scopes_disabled():
        assert not Membership.objects.filter(user=known).exists()


def test_existing_user_signs_in_and_joins(world, sent, client_for):
    from django.contrib.auth import get_user_model

    known = get_user_model().objects.get(email="known@example.org")
    client = client_for(known)
    response = client.post(respond_url(sent["known@example.org"]), {"action": "accept", "employer": "Trust"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Membership.objects.filter(community=world.a.community, user=known).exists()


def test_anonymous_person_with_an_account_is_asked_to_sign_in(world, sent, client):
    response = client.get(respond_url(sent["known@example.org"]))
    assert b"Sign in to accept" in response.content


def test_used_link_admits_nobody(world, sent, client_for):
    from django.contrib.auth import get_user_model

    known = get_user_model().objects.get(email="known@example.org")
    client = client_for(known)
    token = sent["known@example.org"]
    client.post(respond_url(token), {"action": "accept", "employer": "Trust"})
    response = client.get(respond_url(token))
    assert response.status_code == 410
    assert b"already been accepted" in response.content
    response = client.post(respond_url(token), {"action": "accept", "employer": "Trust"})
    assert response.status_code == 410


def test_someone_else_signed_in_cannot_accept(world, sent, client_for):
    client = client_for(world.a.outsider)
    response = client.post(respond_url(sent["newcomer@example.org"]), {"action": "accept", "employer": "Trust"})
    assert response.status_code == 200 and b"Signed in as someone else" in response.content
    with scopes_disabled():
        assert not Membership.objects.filter(community=world.a.community, user=world.a.outsider).exists()


def test_signup_is_closed_without_an_invitation(client):
    response = client.get(reverse("account_signup"))
    assert b"Sign Up Closed" in response.content or response.status_code in (302, 403)


def test_decline_uses_up_the_link(world, sent, client):
    token = sent["newcomer@example.org"]
    response = client.post(respond_url(token), {"action": "decline"})
    assert response.status_code == 200 and b"declined" in response.content
    assert client.get(respond_url(token)).status_code == 410


@pytest.mark.parametrize("token,expected", [
    ("short", b"not valid"),
    ("x" * 43, b"not valid"),  # well formed, forged
    ("%3Cscript%3E" + "a" * 40, b"not valid"),  # garbled
])
def test_bad_tokens_admit_nobody(world, client, token, expected):
    response = client.get(f"/invitations/{token}/")
    assert response.status_code == 404
    assert expected in response.content


def test_expired_link_admits_nobody(world, sent, client):
    with scopes_disabled():
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(respond_url(sent["newcomer@example.org"]))
    assert response.status_code == 410 and b"expired" in response.content
    sweep_invitations.apply()
    assert {i.status for i in invitations()} == {InvitationStatus.EXPIRED}


# --- Resend, revoke, remind --------------------------------------------------------------------------


def test_resend_issues_a_new_link_and_the_old_one_stops(world, sent, convener, mailoutbox, client):
    old = sent["newcomer@example.org"]
    (invitation,) = [i for i in invitations() if i.email == "newcomer@example.org"]
    response = convener.post(url(world.a, "invitation_resend", invitation_id=invitation.pk))
    assert response.status_code == 302
    assert len(mailoutbox) == 3
    new = token_from(mailoutbox[-1])
    assert new != old
    assert client.get(respond_url(old)).status_code == 404
    assert client.get(respond_url(new)).status_code == 200


def test_revoke_stops_the_link(world, sent, convener, client):
    (invitation,) = [i for i in invitations() if i.email == "newcomer@example.org"]
    convener.post(url(world.a, "invitation_revoke", invitation_id=invitation.pk))
    assert client.get(respond_url(sent["newcomer@example.org"])).status_code in (404, 410)
    assert [i.status for i in invitations() if i.email == "newcomer@example.org"] == [InvitationStatus.REVOKED]


def test_revoking_twice_says_so(world, sent, convener):
    (invitation,) = [i for i in invitations() if i.email == "newcomer@example.org"]
    convener.post(url(world.a, "invitation_revoke", invitation_id=invitation.pk))
    response = convener.post(url(world.a, "invitation_revoke", invitation_id=invitation.pk))
    assert b"already been answered or withdrawn" in convener.get(response["Location"]).content


@pytest.mark.parametrize("name", ["invitation_resend", "invitation_revoke"])
def test_plain_member_cannot_resend_or_revoke(world, sent, client_for, name):
    (invitation,) = [i for i in invitations() if i.email == "newcomer@example.org"]
    response = client_for(world.a.member).post(url(world.a, name, invitation_id=invitation.pk))
    assert response.status_code == 403
    assert [i.status for i in invitations() if i.email == "newcomer@example.org"] == [InvitationStatus.SENT]


def test_reminder_is_sent_once_before_expiry_and_both_links_work(world, sent, mailoutbox, client):
    with scopes_disabled():
        Invitation.objects.filter(email="newcomer@example.org").update(expires_at=timezone.now() + timedelta(days=2))
    for _ in range(2):
        sweep_invitations.apply()  # queues the reminder once
        sweep_pending_email.apply()  # the outbox sends it
    reminders = [m for m in mailoutbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 1
    assert client.get(respond_url(sent["newcomer@example.org"])).status_code == 200
    assert client.get(respond_url(token_from(reminders[0]))).status_code == 200


# --- The map -----------------------------------------------------------------------------------------


def test_map_entry_added_and_invited_from_the_map(world, convener, mailoutbox):
    response = convener.post(url(world.a, "map"), {"name": "Dr Ada Example", "email": "ada@example.org",
                                                   "employer": "Northgate Hospital", "why": "Leads the sepsis audit"})
    assert response.status_code == 302
    with scopes_disabled():
        entry = MapEntry.objects.get()
    page = convener.get(url(world.a, "invite") + f"?map={entry.pk}")
    assert b"ada@example.org" in page.content
    invite(convener, world.a, "ada@example.org")
    assert invitations()[0].map_entry_id == entry.pk
    assert b"Sent" in convener.get(url(world.a, "map")).content


def test_map_entry_needs_a_name_and_a_valid_address(world, convener):
    response = convener.post(url(world.a, "map"), {"name": "", "email": "nope"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    with scopes_disabled():
        assert not MapEntry.objects.exists()


# --- Join requests -----------------------------------------------------------------------------------


def open_community(world):
    with scopes_disabled():
        world.a.community.open_to_join = True
        world.a.community.save()


def test_join_request_on_an_invitation_only_community_is_refused(world, client_for):
    response = client_for(world.a.outsider).post(url(world.a, "join"), {"message": "Please"})
    assert response.status_code == 403
    with scopes_disabled():
        assert not JoinRequest.objects.exists()


def test_join_request_approved_adds_the_member_and_tells_them(world, client_for, convener, mailoutbox):
    open_community(world)
    response = client_for(world.a.outsider).post(url(world.a, "join"), {"message": "I run the sepsis audit"})
    assert response.status_code == 302
    with scopes_disabled():
        jr = JoinRequest.objects.get()
    response = convener.post(url(world.a, "join_request_decide", request_id=jr.pk), {"decision": "approve"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Membership.objects.filter(community=world.a.community, user=world.a.outsider).exists()
        assert OutgoingEmail.objects.filter(key=f"join-request:{jr.pk}:decision").count() == 1
    assert [m.to[0] for m in mailoutbox] == [world.a.outsider.email]
    assert "approved" in mailoutbox[0].body
    # A second decision changes nothing and sends nothing.
    convener.post(url(world.a, "join_request_decide", request_id=jr.pk), {"decision": "decline"})
    assert len(mailoutbox) == 1


def test_join_request_declined_tells_them(world, client_for, convener, mailoutbox):
    open_community(world)
    client_for(world.a.outsider).post(url(world.a, "join"), {"message": ""})
    with scopes_disabled():
        jr = JoinRequest.objects.get()
    convener.post(url(world.a, "join_request_decide", request_id=jr.pk), {"decision": "decline"})
    with scopes_disabled():
        assert not Membership.objects.filter(community=world.a.community, user=world.a.outsider).exists()
    assert len(mailoutbox) == 1 and "not able to add you" in mailoutbox[0].body


def test_asking_twice_is_refused_clearly(world, client_for):
    open_community(world)
    client = client_for(world.a.outsider)
    client.post(url(world.a, "join"), {"message": ""})
    response = client.get(url(world.a, "join"))
    assert b"You asked to join" in response.content
    with scopes_disabled():
        assert JoinRequest.objects.count() == 1


def test_plain_member_cannot_decide_a_join_request(world, client_for):
    open_community(world)
    client_for(world.a.outsider).post(url(world.a, "join"), {"message": ""})
    with scopes_disabled():
        jr = JoinRequest.objects.get()
    response = client_for(world.a.member).post(url(world.a, "join_request_decide", request_id=jr.pk),
                                               {"decision": "approve"})
    assert response.status_code == 403
    with scopes_disabled():
        assert JoinRequest.objects.get().status == "pending"


def test_giving_up_after_retries_marks_the_invitation_failed_with_a_reason(world, convener, mailoutbox, settings):
    settings.CONVENE_EMAIL_RETRY_SECONDS = 0  # each retry is due at once; the outbox's sweep sends it
    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 7
    with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                    side_effect=smtplib.SMTPResponseException(451, b"try later")):
        invite(convener, world.a, "never@example.org")
        for _ in range(10):
            sweep_pending_email.apply()
    (invitation,) = invitations()
    assert invitation.status == InvitationStatus.FAILED
    assert invitation.failure_reason.startswith("Gave up after 7 attempts")
    assert mailoutbox == []
