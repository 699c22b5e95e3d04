"""Convening roles through the pages: only a convener or host staff changes, removes or makes a convener."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from communities.models import Membership, MembershipRole
from cop_platform.models import AuditEvent
from tests.factories import member_of


def url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


def role_of(tenant, user):
    with scopes_disabled():
        return Membership.objects.get(community=tenant.community, user=user)


@pytest.fixture
def co_convener(world):
    return member_of(world.a.community, role=MembershipRole.CO_CONVENER, email="co@tenant-a.example.org")


def test_co_convener_cannot_make_themselves_convener(world, client_for, co_convener):
    me = role_of(world.a, co_convener)
    response = client_for(co_convener).post(url(world.a, "member_role", membership_id=me.pk),
                                            {"role": MembershipRole.CONVENER})
    assert response.status_code == 200  # the choice is not offered: the form says so
    assert "Select a valid choice" in response.content.decode()
    assert role_of(world.a, co_convener).role == MembershipRole.CO_CONVENER
    with scopes_disabled():
        assert not AuditEvent.objects.filter(action="membership.role_changed").exists()


def test_co_convener_is_offered_no_convener_role(world, client_for, co_convener):
    m = role_of(world.a, world.a.member)
    page = client_for(co_convener).get(url(world.a, "member_role", membership_id=m.pk)).content.decode()
    assert 'value="core_group"' in page and 'value="co_convener"' in page
    assert 'value="convener"' not in page


@pytest.mark.parametrize("name,data", [("member_role", {"role": MembershipRole.MEMBER}), ("member_remove", {})])
def test_co_convener_cannot_demote_or_remove_the_convener(world, client_for, co_convener, name, data):
    convener = role_of(world.a, world.a.convener)
    client = client_for(co_convener)
    assert client.get(url(world.a, name, membership_id=convener.pk)).status_code == 403
    assert client.post(url(world.a, name, membership_id=convener.pk), data).status_code == 403
    assert role_of(world.a, world.a.convener).role == MembershipRole.CONVENER


def test_co_convener_still_changes_other_members_roles(world, client_for, co_convener):
    m = role_of(world.a, world.a.member)
    response = client_for(co_convener).post(url(world.a, "member_role", membership_id=m.pk),
                                            {"role": MembershipRole.CORE_GROUP})
    assert response.status_code == 302
    assert role_of(world.a, world.a.member).role == MembershipRole.CORE_GROUP


def test_convener_makes_a_co_convener_convener(world, client_for, co_convener):
    m = role_of(world.a, co_convener)
    response = client_for(world.a.convener).post(url(world.a, "member_role", membership_id=m.pk),
                                                 {"role": MembershipRole.CONVENER})
    assert response.status_code == 302
    assert role_of(world.a, co_convener).role == MembershipRole.CONVENER
    with scopes_disabled():
        event = AuditEvent.objects.get(action="membership.role_changed", target_id=str(m.pk))
    assert event.changes["role"] == ["co_convener", "convener"]


def test_project_manager_may_demote_a_convener_when_another_convenes(world, client_for, co_convener):
    convener = role_of(world.a, world.a.convener)
    response = client_for(world.a.project_manager).post(url(world.a, "member_role", membership_id=convener.pk),
                                                         {"role": MembershipRole.MEMBER})
    assert response.status_code == 302
    assert role_of(world.a, world.a.convener).role == MembershipRole.MEMBER


def test_members_page_offers_a_co_convener_no_change_to_the_convener(world, client_for, co_convener):
    convener = role_of(world.a, world.a.convener)
    member = role_of(world.a, world.a.member)
    page = client_for(co_convener).get(url(world.a, "members")).content.decode()
    assert url(world.a, "member_role", membership_id=convener.pk) not in page
    assert url(world.a, "member_remove", membership_id=convener.pk) not in page
    assert url(world.a, "member_role", membership_id=member.pk) in page
    assert url(world.a, "member_remove", membership_id=member.pk) in page
    page = client_for(world.a.convener).get(url(world.a, "members")).content.decode()
    assert url(world.a, "member_role", membership_id=convener.pk) in page


def test_core_group_member_changes_nothing(world, client_for):
    core = member_of(world.a.community, role=MembershipRole.CORE_GROUP)
    m = role_of(world.a, world.a.member)
    response = client_for(core).post(url(world.a, "member_role", membership_id=m.pk),
                                     {"role": MembershipRole.CONVENER})
    assert response.status_code == 403
    assert role_of(world.a, world.a.member).role == MembershipRole.MEMBER


def test_service_refuses_a_co_convener_promoting_themselves(world, co_convener):
    from django.core.exceptions import PermissionDenied
    from django_scopes import scope

    from communities import services

    with scope(organisation=world.a.organisation), pytest.raises(PermissionDenied):
        services.membership_role_change(organisation=world.a.organisation, by=co_convener,
                                        membership=role_of(world.a, co_convener), role=MembershipRole.CONVENER)
    assert role_of(world.a, co_convener).role == MembershipRole.CO_CONVENER
