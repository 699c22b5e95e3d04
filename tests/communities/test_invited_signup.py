"""Signing up from an invitation, end to end through allauth: one step to an account and a membership,
and an invitation squatter (someone who added the invited address to their own account, unverified)
does not block the invitee."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from communities.models import Invitation, InvitationStatus, Membership
from cop_platform.models import AuditEvent

LINK = re.compile(r"http://[^\s\"]+/invitations/([A-Za-z0-9_-]+)/")
PASSWORD = "a-long-new-password-42"


def community_url(tenant, name="home"):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug})


@pytest.fixture
def invited(world, django_capture_on_commit_callbacks, mailoutbox):
    """The convener invites newcomer@example.org; returns the link's token."""
    convener = Client()
    convener.force_login(world.a.convener, backend="django.contrib.auth.backends.ModelBackend")
    with django_capture_on_commit_callbacks(execute=True):
        convener.post(community_url(world.a, "invite"), {"addresses": "newcomer@example.org", "role": "member",
                                                         "message": "Do join us."})
    (message,) = mailoutbox
    return LINK.search(message.body).group(1)


def sign_up(client, token, **answers):
    respond = reverse("invitations:respond", kwargs={"token": token})
    signup = client.post(respond, {"action": "signup"})["Location"]
    data = {"password1": PASSWORD, "password2": PASSWORD, "first_name": "Nia", "last_name": "Newcomer",
            "employer": "Coastal Ambulance Service", "profession": "Paramedic", "sector": "nhs_community",
            **answers}
    return client.post(signup, data)


def squat(world, address):
    """The member adds ``address`` to their own account through allauth's e-mail page, never verifying it."""
    squatter = Client()
    squatter.force_login(world.a.member, backend="django.contrib.auth.backends.ModelBackend")
    response = squatter.post(reverse("account_email"), {"action_add": "", "email": address})
    assert response.status_code == 302
    claim = EmailAddress.objects.get(user=world.a.member, email__iexact=address)
    assert claim.verified is False
    return claim


def test_invited_signup_wins_over_an_unverified_claim_by_someone_else(world, invited, client, mailoutbox):
    squat(world, "newcomer@example.org")
    response = sign_up(client, invited)
    assert response.status_code == 302 and response["Location"] == community_url(world.a)
    newcomer = get_user_model().objects.get(email="newcomer@example.org")
    assert EmailAddress.objects.get(email="newcomer@example.org").user == newcomer
    assert EmailAddress.objects.get(email="newcomer@example.org").verified
    assert not EmailAddress.objects.filter(user=world.a.member, email__iexact="newcomer@example.org").exists()
    assert EmailAddress.objects.filter(user=world.a.member, email=world.a.member.email).exists()
    with scopes_disabled():
        assert Membership.objects.filter(community=world.a.community, user=newcomer).exists()
        assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
        event = AuditEvent.objects.get(action="invitation.claim_released")
    assert event.changes == {"accounts": [world.a.member.pk]}
    page = client.get(community_url(world.a))
    assert page.status_code == 200 and b"Welcome to" in page.content
    # One greeting: the community's, not allauth's "Successfully signed in as …" besides it.
    assert [str(m) for m in page.context["messages"]] == [f"Welcome to {world.a.community.name}."]


def test_a_verified_address_of_another_account_is_not_taken(world, invited, client):
    """Only unverified claims give way: an address someone has proved is theirs stays theirs."""
    claim = squat(world, "newcomer@example.org")
    EmailAddress.objects.filter(pk=claim.pk).update(verified=True)
    response = sign_up(client, invited)
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()
    assert response.status_code == 302 and response["Location"] != community_url(world.a)
    assert EmailAddress.objects.filter(pk=claim.pk, user=world.a.member).exists()


def test_signup_page_names_the_community_and_marks_what_is_required(world, invited, client):
    respond = reverse("invitations:respond", kwargs={"token": invited})
    page = client.get(client.post(respond, {"action": "signup"})["Location"]).content.decode()
    assert f"Join {world.a.community.name}" in page and world.a.organisation.name in page
    for label in ("First name (required)", "Your organisation (required)", "Profession (required)",
                  "Sector (required)", "Role title (optional)"):
        assert label in page
    assert 'value="newcomer@example.org"' in page


def test_a_withdrawn_invitation_closes_the_signup_it_opened(world, invited, client):
    respond = reverse("invitations:respond", kwargs={"token": invited})
    signup = client.post(respond, {"action": "signup"})["Location"]
    with scopes_disabled():
        Invitation.objects.update(status=InvitationStatus.REVOKED)
    page = client.get(signup).content.decode()
    assert "Join " + world.a.community.name not in page and "Sign Up Closed" in page
    assert 'name="password1"' not in page
