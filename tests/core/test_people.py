"""Organisation admins add people, set their roles and remove them; every change is audited."""

import pytest
from django_scopes import scopes_disabled

from communities.models import Membership
from cop_platform.accounts.models import User
from cop_platform.models import AuditEvent
from cop_platform.tenancy.models import OrganisationMember, OrganisationRole
from tests.factories import MemberOrganisationFactory


def roles_of(org, user):
    with scopes_disabled():
        return set(OrganisationRole.objects.filter(organisation=org, user=user).values_list("role", flat=True))


def test_admin_adds_a_new_person_with_roles(world, client_for, django_capture_on_commit_callbacks, mailoutbox):
    trust = MemberOrganisationFactory(organisation=world.a.organisation, name="Example Hospitals NHS Trust")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.a.admin).post("/tenant-a/people/add/", {
            "email": "New.Panel@Example.org", "first_name": "Ines", "last_name": "Marlow",
            "roles": ["panel_member", "evaluator"], "member_organisation": trust.pk,
        })
    assert response.status_code == 302
    user = User.objects.get(email="new.panel@example.org")
    assert roles_of(world.a.organisation, user) == {"panel_member", "evaluator"}
    with scopes_disabled():
        assert OrganisationMember.objects.get(organisation=world.a.organisation, user=user).member_organisation == trust
        assert AuditEvent.objects.filter(organisation=world.a.organisation, action="person.added").count() == 1
    assert len(mailoutbox) == 1 and "set your password" in mailoutbox[0].body
    assert not user.has_usable_password()


def test_adding_someone_already_here_says_so(world, client_for):
    response = client_for(world.a.admin).post("/tenant-a/people/add/", {
        "email": world.a.member.email, "first_name": "X", "last_name": "Y"})
    assert response.status_code == 200
    assert b"is already in Alpha Network" in response.content


def test_adding_a_person_from_another_tenant_makes_them_a_member_here_too(world, client_for):
    response = client_for(world.a.admin).post("/tenant-a/people/add/", {
        "email": world.b.member.email, "first_name": "X", "last_name": "Y", "roles": ["evaluator"]})
    assert response.status_code == 302
    assert roles_of(world.a.organisation, world.b.member) == {"evaluator"}
    assert client_for(world.b.member).get("/tenant-a/").status_code == 200


@pytest.mark.parametrize("data,message", [
    ({}, b"This field is required"),
    ({"email": "not-an-address", "first_name": "A", "last_name": "B"}, b"Enter a valid email address"),
    ({"email": "a@example.org", "first_name": "A", "last_name": "B", "roles": ["overlord"]},
     b"not one of the available choices"),
    ({"email": "a@example.org", "first_name": "x" * 5000, "last_name": "B"}, b"at most 150 characters"),
])
def test_add_person_bad_input_is_explained_and_nothing_saved(world, client_for, data, message):
    count = User.objects.count()
    response = client_for(world.a.admin).post("/tenant-a/people/add/", data)
    assert response.status_code == 200
    assert message in response.content
    assert b"There is a problem" in response.content
    assert User.objects.count() == count


def test_member_organisation_of_another_tenant_is_refused(world, client_for):
    foreign = MemberOrganisationFactory(organisation=world.b.organisation)
    response = client_for(world.a.admin).post("/tenant-a/people/add/", {
        "email": "c@example.org", "first_name": "A", "last_name": "B", "member_organisation": foreign.pk})
    assert response.status_code == 200
    assert not User.objects.filter(email="c@example.org").exists()


def test_hostile_names_are_escaped(world, client_for):
    client = client_for(world.a.admin)
    client.post("/tenant-a/people/add/", {"email": "h@example.org", "first_name": "<script>x()</script>",
                                          "last_name": "B"})
    body = client.get("/tenant-a/people/").content.decode()
    assert "<script>x()</script>" not in body and "&lt;script&gt;" in body


def test_roles_are_changed_and_each_change_audited(world, client_for):
    with scopes_disabled():
        member = OrganisationMember.objects.get(organisation=world.a.organisation, user=world.a.member)
    response = client_for(world.a.admin).post(f"/tenant-a/people/{member.pk}/", {"roles": ["project_manager"]})
    assert response.status_code == 302
    assert roles_of(world.a.organisation, world.a.member) == {"project_manager"}
    client_for(world.a.admin).post(f"/tenant-a/people/{member.pk}/", {"roles": ["evaluator"]})
    with scopes_disabled():
        actions = list(AuditEvent.objects.filter(target_id=str(member.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["role.granted", "role.granted", "role.revoked"]


def test_the_last_admin_cannot_lose_the_role(world, client_for):
    with scopes_disabled():
        member = OrganisationMember.objects.get(organisation=world.a.organisation, user=world.a.admin)
    client = client_for(world.a.admin)
    response = client.post(f"/tenant-a/people/{member.pk}/", {"roles": []})
    assert response.status_code == 200
    assert b"at least one administrator" in response.content
    assert roles_of(world.a.organisation, world.a.admin) == {"admin"}
    response = client.post(f"/tenant-a/people/{member.pk}/remove/", follow=True)
    assert b"at least one administrator" in response.content
    with scopes_disabled():
        assert OrganisationMember.objects.filter(pk=member.pk).exists()


def test_removing_a_person_ends_roles_and_memberships_here_only(world, client_for):
    with scopes_disabled():
        member = OrganisationMember.objects.get(organisation=world.a.organisation, user=world.a.convener)
    response = client_for(world.a.admin).post(f"/tenant-a/people/{member.pk}/remove/")
    assert response.status_code == 302
    with scopes_disabled():
        assert not OrganisationMember.objects.filter(pk=member.pk).exists()
        assert not Membership.objects.filter(organisation=world.a.organisation, user=world.a.convener).exists()
        assert AuditEvent.objects.filter(action="person.removed").count() == 1
    assert User.objects.filter(pk=world.a.convener.pk).exists()
    assert client_for(world.a.convener).get("/tenant-a/").status_code == 404


def test_a_person_of_another_tenant_is_404(world, client_for):
    with scopes_disabled():
        foreign = OrganisationMember.objects.get(organisation=world.b.organisation, user=world.b.member)
    client = client_for(world.a.admin)
    assert client.get(f"/tenant-a/people/{foreign.pk}/").status_code == 404
    assert client.post(f"/tenant-a/people/{foreign.pk}/remove/").status_code == 404


def test_remove_needs_post(world, client_for):
    with scopes_disabled():
        member = OrganisationMember.objects.get(organisation=world.a.organisation, user=world.a.member)
    assert client_for(world.a.admin).get(f"/tenant-a/people/{member.pk}/remove/").status_code == 405


def test_password_reset_verifies_the_address(world, client, mailoutbox):
    from allauth.account.models import EmailAddress

    user = User.objects.create_user("fresh@example.org", None)
    EmailAddress.objects.create(user=user, email="fresh@example.org", primary=True, verified=False)
    client.post("/accounts/password/reset/", {"email": "fresh@example.org"})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/key/" in line).strip()
    path = link[link.index("/accounts/"):]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_url, {"password1": "a-new-pass-9931", "password2": "a-new-pass-9931"})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.login(username="fresh@example.org", password="a-new-pass-9931")
