"""Open invitation links: the convener's pages, the public /join/<token>/ page and joining through it."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import InviteLink, JoinRequest, Membership
from cop_platform.audit import AuditEvent
from tests.factories import UserFactory
from tests.helpers import assert_queries_flat

LINK = re.compile(r"/join/([A-Za-z0-9_-]{30,100})/")


@pytest.fixture(autouse=True)
def _no_misses_counted_before():
    """The count of unknown links tried from an address lives in the cache, which outlives a test run."""
    from django.core.cache import cache

    from communities.views.join_links import miss_key

    cache.delete(miss_key("127.0.0.1"))
    yield
    cache.delete(miss_key("127.0.0.1"))


def url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


def make_link(tenant, *, now=None, **overrides):
    now = now or timezone.now()
    values = {"label": "March newsletter", "max_uses": 2, "expires_at": now + timedelta(days=7),
              "allowed_domains": [], "needs_approval": False}
    values.update(overrides)
    with scope(organisation=tenant.organisation):
        return services.invite_link_create(organisation=tenant.organisation, by=tenant.convener,
                                           community=tenant.community, now=now, **values)


def join(tenant, link, person, **kwargs):
    with scope(organisation=tenant.organisation):
        return services.invite_link_join(organisation=tenant.organisation, by=person, link=link, **kwargs)


def fresh(link):
    with scopes_disabled():
        return InviteLink.objects.get(pk=link.pk)


def form_data(**overrides):
    data = {"label": "Regional meeting", "max_uses": "2",
            "expires_on": (timezone.localdate() + timedelta(days=10)).isoformat(), "allowed_domains": ""}
    data.update(overrides)
    return data


# --- The convener's pages -------------------------------------------------------------------------------


def test_convener_makes_a_link_and_sees_it_once(world, client_for):
    client = client_for(world.a.convener)
    response = client.post(url(world.a, "invite_link_new"), form_data(allowed_domains="@example.org\nexample.nhs.uk"))
    assert response.status_code == 200
    token = LINK.search(response.content.decode()).group(1)
    with scopes_disabled():
        link = InviteLink.objects.get(community=world.a.community)
    assert link.allowed_domains == ["example.org", "example.nhs.uk"]
    with scopes_disabled():
        assert not InviteLink.objects.filter(token_hash=token).exists()  # only the hash is kept
        assert AuditEvent.objects.filter(action="invite_link.created", target_id=str(link.pk)).exists()
    listing = client.get(url(world.a, "invite_links")).content.decode()
    assert "Regional meeting" in listing and "0 of 2" in listing
    assert token not in listing


@pytest.mark.parametrize("data,field,message", [
    ({"label": ""}, "label", "This field is required"),
    ({"max_uses": "0"}, "max_uses", "Enter 1 or more."),
    ({"max_uses": "lots"}, "max_uses", "Enter a whole number"),
    ({"max_uses": "999999"}, "max_uses", "Enter 5,000 or fewer."),
    ({"expires_on": "2020-01-01"}, "expires_on", "must be in the future"),
    ({"expires_on": "31/02/2027"}, "expires_on", "Enter a real date"),
    ({"allowed_domains": "<b>not a domain</b>"}, "allowed_domains", "is not an e-mail domain"),
    ({"label": "x" * 500}, "label", "at most 120"),
])
def test_bad_limits_are_refused_clearly_and_nothing_is_lost(world, client_for, data, field, message):
    response = client_for(world.a.convener).post(url(world.a, "invite_link_new"), form_data(**data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Regional meeting" in response.content.decode() or field == "label"
    with scopes_disabled():
        assert not InviteLink.objects.exists()


def test_hostile_label_is_escaped(world, client_for):
    client = client_for(world.a.convener)
    client.post(url(world.a, "invite_link_new"), form_data(label="<script>alert(1)</script>"))
    page = client.get(url(world.a, "invite_links")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_convener_changes_switches_off_replaces_and_deletes(world, client_for):
    link, token = make_link(world.a)
    client = client_for(world.a.convener)
    response = client.post(url(world.a, "invite_link_edit", link_id=link.pk),
                           form_data(label="Spring", max_uses="5", active="on"))
    assert response.status_code == 302
    assert (fresh(link).label, fresh(link).max_uses) == ("Spring", 5)
    client.post(url(world.a, "invite_link_switch_off", link_id=link.pk))
    assert fresh(link).active is False
    with pytest.raises(services.InviteLinkUnusable, match="switched off"):
        services.invite_link_for_token(token)
    response = client.post(url(world.a, "invite_link_replace", link_id=link.pk))
    new_token = LINK.search(response.content.decode()).group(1)
    assert new_token != token
    with pytest.raises(services.InviteLinkUnusable) as refused:
        services.invite_link_for_token(token)
    assert refused.value.status == 404
    assert client.get(url(world.a, "invite_link_delete", link_id=link.pk)).status_code == 200
    client.post(url(world.a, "invite_link_delete", link_id=link.pk))
    with scopes_disabled():
        assert not InviteLink.objects.filter(pk=link.pk).exists()


def test_max_cannot_go_below_the_uses(world, client_for):
    link, _ = make_link(world.a)
    join(world.a, link, world.a.outsider)
    join(world.a, link, world.a.admin)
    response = client_for(world.a.convener).post(url(world.a, "invite_link_edit", link_id=link.pk),
                                                 form_data(max_uses="1", active="on"))
    assert "cannot be lower" in " ".join(response.context["form"].errors["max_uses"])
    assert fresh(link).max_uses == 2


def test_plain_member_and_other_tenant_are_refused(world, client_for):
    link, _ = make_link(world.a)
    assert client_for(world.a.member).get(url(world.a, "invite_links")).status_code == 403
    assert client_for(world.a.member).post(url(world.a, "invite_link_switch_off", link_id=link.pk)).status_code == 403
    assert fresh(link).active
    assert client_for(world.b.convener).get(url(world.a, "invite_links")).status_code == 404
    # Tenant B's convener names tenant A's link in their own community: not found.
    other = reverse("communities:invite_link_switch_off", kwargs={
        "org": world.b.organisation.slug, "slug": world.b.community.slug, "link_id": link.pk})
    assert client_for(world.b.convener).post(other).status_code == 404
    assert fresh(link).active


def test_service_refuses_another_tenants_community(world):
    with scope(organisation=world.b.organisation), pytest.raises(ValidationError):
        services.invite_link_create(organisation=world.b.organisation, by=world.b.convener,
                                    community=world.a.community, label="x", max_uses=1,
                                    expires_at=timezone.now() + timedelta(days=1))


def test_list_query_count_is_flat(world, client_for):
    make_link(world.a, label="one")
    make_link(world.a, label="two")

    def grow():
        for i in range(18):
            make_link(world.a, label=f"more {i}")

    assert_queries_flat(client_for(world.a.convener), url(world.a, "invite_links"), grow)


def test_list_searches_by_name(world, client_for):
    make_link(world.a, label="March newsletter")
    make_link(world.a, label="Regional meeting")
    page = client_for(world.a.convener).get(url(world.a, "invite_links"), {"q": "regional"}).content.decode()
    assert "Regional meeting" in page and "March newsletter" not in page


# --- Joining through a link -----------------------------------------------------------------------------


def test_joining_counts_the_use_records_the_link_and_tells_the_conveners(world, mailoutbox,
                                                                         django_capture_on_commit_callbacks):
    link, _ = make_link(world.a)
    with django_capture_on_commit_callbacks(execute=True):
        membership = join(world.a, link, world.a.outsider)
    assert fresh(link).uses == 1
    with scopes_disabled():
        assert Membership.objects.get(pk=membership.pk).invite_link_id == link.pk
    from cop_platform.models import OutgoingEmail
    with scopes_disabled():
        assert OutgoingEmail.objects.filter(to=world.a.convener.email, subject__contains="joined").exists()


def test_the_link_refuses_after_its_maximum(world):
    link, _ = make_link(world.a, max_uses=1)
    join(world.a, link, world.a.outsider)
    with pytest.raises(ValidationError, match="as many people as it allows"):
        join(world.a, link, world.a.admin)
    assert fresh(link).uses == 1


def test_the_link_refuses_after_expiry(world):
    now = timezone.now()
    link, _ = make_link(world.a, now=now)
    with pytest.raises(ValidationError, match="expired"):
        join(world.a, link, world.a.outsider, now=now + timedelta(days=8))


def test_the_link_refuses_a_wrong_domain_and_an_unconfirmed_address(world):
    from allauth.account.models import EmailAddress

    link, _ = make_link(world.a, allowed_domains=["example.net"])
    with pytest.raises(ValidationError, match="ending @example.net"):
        join(world.a, link, world.a.outsider)  # outsider@tenant-a.example.org
    unconfirmed = UserFactory(email="new@example.net")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    with pytest.raises(ValidationError, match="not confirmed"):
        join(world.a, link, unconfirmed)
    assert fresh(link).uses == 0


def test_the_link_refuses_once_switched_off(world):
    link, _ = make_link(world.a)
    with scope(organisation=world.a.organisation):
        services.invite_link_switch_off(organisation=world.a.organisation, by=world.a.convener, link=link)
    with pytest.raises(ValidationError, match="switched off"):
        join(world.a, link, world.a.outsider)


def test_a_member_is_told_they_are_one_and_uses_no_place(world):
    link, _ = make_link(world.a)
    with pytest.raises(ValidationError, match="already a member"):
        join(world.a, link, world.a.member)
    assert fresh(link).uses == 0


def test_two_people_for_the_last_place_one_wins(world):
    """The count is read before the place is taken: both people pass the rules with one place left, and
    the conditional update lets only the first through."""
    link, _ = make_link(world.a, max_uses=2)
    join(world.a, link, world.a.admin)
    stale = fresh(link)  # uses == 1: one place left, as both requests saw it
    join(world.a, stale, world.a.outsider)
    from unittest import mock

    with mock.patch("communities.services.invite_links.rules.join_refusal", return_value=None), \
            pytest.raises(ValidationError, match="as many people as it allows"):
        join(world.a, stale, world.a.project_manager)
    assert fresh(link).uses == 2
    with scopes_disabled():
        assert not Membership.objects.filter(community=world.a.community, user=world.a.project_manager).exists()


def test_approval_makes_a_join_request_the_convener_decides(world, client_for):
    outside = UserFactory(email="visitor@example.net")  # not in the organisation at all
    link, _ = make_link(world.a, needs_approval=True)
    request = join(world.a, link, outside)
    assert isinstance(request, JoinRequest)
    assert fresh(link).uses == 1
    client = client_for(world.a.convener)
    page = client.get(url(world.a, "invitations")).content.decode()
    assert outside.display_name in page
    client.post(url(world.a, "join_request_decide", request_id=request.pk), {"decision": "approve"})
    with scopes_disabled():
        membership = Membership.objects.get(community=world.a.community, user=outside)
    assert membership.invite_link_id == link.pk


# --- The public page --------------------------------------------------------------------------------


def test_public_page_shows_the_community_and_host_only(world, client):
    link, token = make_link(world.a)
    page = client.get(f"/join/{token}/").content.decode()
    assert world.a.community.name in page and world.a.organisation.name in page
    assert "Sign in to join" in page


@pytest.mark.parametrize("token", ["nope", "x" * 43, "<script>", "a" * 500])
def test_unknown_or_garbled_tokens_are_not_found(world, client, token):
    response = client.get(f"/join/{token}/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_switched_off_link_shows_a_clear_page_with_only_the_name(world, client):
    link, token = make_link(world.a)
    with scope(organisation=world.a.organisation):
        services.invite_link_switch_off(organisation=world.a.organisation, by=world.a.convener, link=link)
    response = client.get(f"/join/{token}/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "switched off" in page and world.a.community.name in page
    assert page.count(world.a.organisation.name) == page.count(world.a.community.name)  # the host is not named


def test_signed_in_person_joins_from_the_page(world, client_for):
    link, token = make_link(world.a)
    client = client_for(world.a.outsider)
    response = client.post(f"/join/{token}/", {"action": "join"})
    assert response.status_code == 302 and response["Location"] == world.a.community.get_absolute_url()
    assert fresh(link).uses == 1


def test_wrong_domain_is_refused_with_a_clear_page(world, client_for):
    link, token = make_link(world.a, allowed_domains=["example.net"])
    response = client_for(world.a.outsider).post(f"/join/{token}/", {"action": "join"})
    assert response.status_code == 403
    assert "ending @example.net" in response.content.decode()


def test_sign_in_keeps_the_link_in_the_session_not_the_address(world, client):
    link, token = make_link(world.a)
    response = client.post(f"/join/{token}/", {"action": "signin"})
    assert response.status_code == 302 and token not in response["Location"]
    assert response["Location"] == "/accounts/login/?next=%2Fjoin%2Fcontinue%2F"
    assert token not in str(dict(client.session))
    client.force_login(world.a.outsider, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/join/continue/").content.decode()
    assert f"Join {world.a.community.name}" in page
    assert client.post("/join/continue/", {"action": "join"}).status_code == 302
    assert fresh(link).uses == 1


def test_continue_without_a_link_in_the_session_is_not_found(world, client):
    assert client.get("/join/continue/").status_code == 404


def test_sign_up_opens_for_the_link_and_lands_back_to_join(world, client, mailoutbox):
    link, token = make_link(world.a, allowed_domains=["example.net"])
    response = client.post(f"/join/{token}/", {"action": "signup"})
    assert response["Location"] == reverse("account_signup")
    page = client.get(reverse("account_signup")).content.decode()
    assert f"Join {world.a.community.name}" in page and "@example.net" in page
    # A fresh address each run: allauth limits confirmation e-mails per address in the (shared) cache.
    response = client.post(reverse("account_signup"), {
        "email": f"newcomer-{uuid.uuid4().hex[:8]}@example.net", "first_name": "Nia", "last_name": "Example",
        "password1": "a long enough pass phrase 42", "password2": "a long enough pass phrase 42"})
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mailoutbox[-1].body).group(0)
    assert client.post("/join/continue/", {"action": "join"}).status_code == 302  # not signed in yet
    assert fresh(link).uses == 0
    response = client.post(confirm[confirm.index("/accounts/"):])
    assert response["Location"] == "/join/continue/"  # confirmed and signed in: back to the link
    page = client.get("/join/continue/").content.decode()
    assert f"Join {world.a.community.name}" in page
    response = client.post("/join/continue/", {"action": "join"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert fresh(link).uses == 1


def test_many_unknown_tokens_from_one_address_are_slowed_down(world, client):
    from django.core.cache import cache

    from communities.views import join_links

    link, token = make_link(world.a)
    guesser = f"192.0.2.{uuid.uuid4().int % 250 + 1}"  # its own address: other tests' misses do not count
    cache.delete(join_links.miss_key(guesser))
    for _ in range(join_links.MISSES_PER_HOUR):
        assert client.get(f"/join/{'z' * 43}/", REMOTE_ADDR=guesser).status_code == 404
    assert client.get(f"/join/{'z' * 43}/", REMOTE_ADDR=guesser).status_code == 429
    assert client.get(f"/join/{token}/", REMOTE_ADDR=guesser).status_code == 429  # a real link too
    assert client.get(f"/join/{token}/", REMOTE_ADDR="198.51.100.7").status_code == 200
    cache.delete(join_links.miss_key(guesser))
