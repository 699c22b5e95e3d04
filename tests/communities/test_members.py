"""Members and roles: the directory, profiles, leaving, role changes and removal, boundary crossing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities import selectors, services
from communities.models import Membership, MembershipRole, Sector
from cop_platform.models import AuditEvent
from tests.factories import CommunityFactory, UserFactory, member_of


def url(tenant, name, community=None, **kwargs):
    community = community or tenant.community
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": community.slug, **kwargs})


def membership(community, user):
    with scopes_disabled():
        return Membership.objects.get(community=community, user=user)


def test_membership_add_starts_the_profile_from_what_is_known(world):
    org = world.a.organisation
    user = UserFactory(profession="Pharmacist", job_title="Lead pharmacist")
    with scope(organisation=org):
        m = services.membership_add(organisation=org, community=world.a.community, user=user)
    assert (m.profession, m.role_title) == ("Pharmacist", "Lead pharmacist")


def test_membership_add_refuses_another_tenants_community(world):
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError):
        services.membership_add(organisation=world.a.organisation, community=world.b.community, user=UserFactory())


def test_member_directory_lists_members_with_organisation_and_profession(world, client_for):
    m = membership(world.a.community, world.a.member)
    with scopes_disabled():
        m.employer, m.profession = "Riverside NHS Trust", "Physiotherapist"
        m.save()
    response = client_for(world.a.member).get(url(world.a, "members"))
    assert response.status_code == 200
    assert b"Riverside NHS Trust" in response.content and b"Physiotherapist" in response.content


def test_member_directory_filters_by_organisation_profession_and_role(world, client_for):
    community = world.a.community
    for i, (employer, profession) in enumerate([("Trust A", "Nurse"), ("Trust B", "GP"), ("Trust A", "GP")]):
        user = member_of(community, first_name=f"Person{i}", last_name="Zed")
        with scopes_disabled():
            Membership.objects.filter(community=community, user=user).update(employer=employer, profession=profession)
    client = client_for(world.a.member)
    response = client.get(url(world.a, "members"), {"organisation": "Trust A", "profession": "GP"})
    assert response.context["page"].paginator.count == 1
    response = client.get(url(world.a, "members"), {"role": "convener"})
    assert [m.user for m in response.context["page"]] == [world.a.convener]
    response = client.get(url(world.a, "members"), {"q": "person1"})
    assert response.context["page"].paginator.count == 1


def test_member_directory_unknown_filter_value_shows_everyone_with_a_message(world, client_for):
    response = client_for(world.a.member).get(url(world.a, "members"), {"organisation": "<script>x</script>"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    assert b"<script>x" not in response.content


def test_member_directory_htmx_returns_only_the_results(world, client_for):
    response = client_for(world.a.member).get(url(world.a, "members"), {"q": "a"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b"member-count" in response.content


def test_profile_edit_saves_and_escapes_hostile_html(world, client_for):
    client = client_for(world.a.member)
    response = client.post(url(world.a, "profile"), {
        "employer": "Hillside Trust", "profession": "Nurse", "sector": Sector.NHS_ACUTE, "role_title": "Ward sister",
        "shares": "<script>alert(1)</script>Handover tools", "wants_to_learn": "Sepsis screening"})
    assert response.status_code == 302
    m = membership(world.a.community, world.a.member)
    response = client.get(url(world.a, "member", membership_id=m.pk))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;Handover tools" in response.content


def test_profile_edit_rejects_an_unknown_sector_and_saves_nothing(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "profile"), {"employer": "X", "sector": "pirates"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert membership(world.a.community, world.a.member).employer == ""


def test_member_can_leave(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "leave"))
    assert response.status_code == 302
    with scopes_disabled():
        assert not Membership.objects.filter(community=world.a.community, user=world.a.member).exists()


def test_last_convener_cannot_leave(world, client_for):
    response = client_for(world.a.convener).post(url(world.a, "leave"))
    assert response.status_code == 200
    assert b"at least one convener" in response.content
    with scopes_disabled():
        assert Membership.objects.filter(community=world.a.community, user=world.a.convener).exists()


def test_convener_changes_a_role_and_it_is_audited(world, client_for):
    m = membership(world.a.community, world.a.member)
    response = client_for(world.a.convener).post(url(world.a, "member_role", membership_id=m.pk),
                                                 {"role": MembershipRole.CORE_GROUP, "working_role": "weaver"})
    assert response.status_code == 302
    m = membership(world.a.community, world.a.member)
    assert (m.role, m.working_role) == (MembershipRole.CORE_GROUP, "weaver")
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="membership.role_changed", target_id=str(m.pk)).exists()


def test_role_change_rejects_an_unknown_role(world, client_for):
    m = membership(world.a.community, world.a.member)
    response = client_for(world.a.convener).post(url(world.a, "member_role", membership_id=m.pk), {"role": "emperor"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert membership(world.a.community, world.a.member).role == MembershipRole.MEMBER


def test_last_convener_cannot_step_down(world, client_for):
    m = membership(world.a.community, world.a.convener)
    response = client_for(world.a.convener).post(url(world.a, "member_role", membership_id=m.pk),
                                                 {"role": MembershipRole.MEMBER})
    assert response.status_code == 200 and b"at least one convener" in response.content
    assert membership(world.a.community, world.a.convener).role == MembershipRole.CONVENER


def test_convener_removes_a_member(world, client_for):
    m = membership(world.a.community, world.a.member)
    response = client_for(world.a.convener).post(url(world.a, "member_remove", membership_id=m.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert not Membership.objects.filter(pk=m.pk).exists()


@pytest.mark.parametrize("name,data", [("member_role", {"role": "convener"}), ("member_remove", {})])
def test_plain_member_cannot_do_conveners_actions_on_members(world, client_for, name, data):
    target = membership(world.a.community, world.a.convener)
    response = client_for(world.a.member).post(url(world.a, name, membership_id=target.pk), data)
    assert response.status_code == 403
    assert membership(world.a.community, world.a.convener).role == MembershipRole.CONVENER


def test_member_of_another_community_is_404_on_member_pages(world, client_for):
    other = CommunityFactory(organisation=world.a.organisation, slug="other")
    m = member_of(other)
    response = client_for(world.a.convener).get(url(world.a, "member", membership_id=membership(other, m).pk))
    assert response.status_code == 404


def test_boundary_crossing_counts_distinct_organisations_professions_and_sectors(world):
    community = world.a.community
    rows = [("Trust A", "Nurse", "nhs_acute"), ("trust a ", "nurse", "nhs_acute"), ("Council", "Social worker",
                                                                                       "local_government")]
    for employer, profession, sector in rows:
        user = member_of(community)
        with scopes_disabled():
            Membership.objects.filter(community=community, user=user).update(
                employer=employer, profession=profession, sector=sector)
    with scope(organisation=world.a.organisation):
        crossing = selectors.boundary_crossing(community=community)
    assert crossing["now"]["members"] == 5
    assert crossing["now"]["organisations"] == 2
    assert crossing["now"]["professions"] == 2  # "Nurse" and "nurse" are one; blanks do not count
    assert crossing["now"]["sectors"] == 2
    assert len(crossing["history"]) == 6 and crossing["history"][-1]["members"] == 5


def test_community_home_shows_boundary_crossing(world, client_for):
    response = client_for(world.a.member).get(url(world.a, "home"))
    assert b'data-testid="boundary-crossing"' in response.content
