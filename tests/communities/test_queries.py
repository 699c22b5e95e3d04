"""Query counts stay flat as the data grows."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Invitation, JoinRequest, Membership
from tests.factories import UserFactory, person_in
from tests.helpers import assert_queries_flat


def _grow_members(community, n, start=0):
    users = [UserFactory.build(email=f"grow{start + i}@example.org", first_name=f"P{i}", last_name="Grow")
             for i in range(n)]
    from cop_platform.accounts.models import User

    with scopes_disabled():
        users = User.objects.bulk_create(users)
        Membership.objects.bulk_create([
            Membership(organisation=community.organisation, community=community, user=u,
                       employer=f"Trust {i % 40}", profession=f"Profession {i % 12}", working_role="")
            for i, u in enumerate(users)])


def test_member_directory_queries_stay_flat_to_500_members(world, client_for):
    client = client_for(world.a.convener)
    url = reverse("communities:members", kwargs={"org": world.a.organisation.slug, "slug": world.a.community.slug})
    _grow_members(world.a.community, 20)
    before, _ = assert_queries_flat(client, url, lambda: _grow_members(world.a.community, 480, start=20))
    assert before <= 15


def test_community_home_queries_stay_flat(world, client_for):
    client = client_for(world.a.convener)
    url = reverse("communities:home", kwargs={"org": world.a.organisation.slug, "slug": world.a.community.slug})
    community = world.a.community
    with scopes_disabled():
        community.open_to_join = True
        community.save()

    def grow():
        _grow_members(community, 300)
        with scopes_disabled():
            Invitation.objects.bulk_create([
                Invitation(organisation=community.organisation, community=community, email=f"i{i}@example.org",
                           message="Hi", status="sent", expires_at=timezone.now() + timedelta(days=3))
                for i in range(50)])
            for _ in range(8):
                JoinRequest.objects.create(organisation=community.organisation, community=community,
                                           user=person_in(community.organisation))

    before, _ = assert_queries_flat(client, url, grow)
    assert before <= 15


def test_invitation_list_queries_stay_flat(world, client_for):
    client = client_for(world.a.convener)
    community = world.a.community
    url = reverse("communities:invitations", kwargs={"org": world.a.organisation.slug, "slug": community.slug})

    def grow(n=60, start=0):
        with scopes_disabled():
            Invitation.objects.bulk_create([
                Invitation(organisation=community.organisation, community=community, email=f"q{start + i}@example.org",
                           message="Hi", status="sent", invited_by=world.a.convener,
                           expires_at=timezone.now() + timedelta(days=3)) for i in range(n)])

    grow(1, start=1000)  # an empty page skips its select: start from one row
    assert_queries_flat(client, url, grow)
