"""Factories for the tests: fictional people, example.org addresses only."""

import factory
from django_scopes import scopes_disabled

from communities.models import Community, CommunityStatus, Membership, MembershipRole
from cop_platform.accounts.models import User
from cop_platform.tenancy.models import MemberOrganisation, Organisation, OrganisationMember, OrganisationRole

PASSWORD = "a-test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    profession = "Nurse"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            obj.save()
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Host Network {n}")
    slug = factory.Sequence(lambda n: f"host-{n}")
    short_description = "A host organisation for communities of practice."
    contact_email = "team@host.example.org"


class ScopedFactory(factory.django.DjangoModelFactory):
    """Factories for tenant-owned models create outside any scope (tests set the data up)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class MemberOrganisationFactory(ScopedFactory):
    class Meta:
        model = MemberOrganisation

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Example NHS Trust {n}")
    ods_code = ""


class OrganisationMemberFactory(ScopedFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class OrganisationRoleFactory(ScopedFactory):
    class Meta:
        model = OrganisationRole

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = "project_manager"


class CommunityFactory(ScopedFactory):
    class Meta:
        model = Community

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    domain_statement = "What we care about, in a few sentences."
    status = CommunityStatus.ACTIVE


class MembershipFactory(ScopedFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    organisation = factory.SelfAttribute("community.organisation")
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER


def person_in(organisation, *, roles=(), email=None, **kwargs):
    """A person who belongs to ``organisation`` with the given organisation roles."""
    user = UserFactory(**({"email": email} if email else {}), **kwargs)
    OrganisationMemberFactory(organisation=organisation, user=user)
    for role in roles:
        OrganisationRoleFactory(organisation=organisation, user=user, role=role)
    return user


def member_of(community, *, role=MembershipRole.MEMBER, user=None, **kwargs):
    user = user or UserFactory(**kwargs)
    with scopes_disabled():
        OrganisationMember.objects.get_or_create(organisation=community.organisation, user=user)
    MembershipFactory(community=community, user=user, role=role)
    return user


def people_in(organisation, n, *, label, community=None, roles=()):
    """``n`` more people in ``organisation`` (bulk-created, for tests that need many), named after ``label``;
    each joins ``community`` too when given, with the membership roles ``roles`` in turn (members if none)."""
    import itertools

    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"{label}-{start + i}@example.org", first_name=f"{label.title()}{start + i}",
             last_name="Example", profession="Nurse", password="!")
        for i in range(n))
    with scopes_disabled():
        OrganisationMember.objects.bulk_create(OrganisationMember(organisation=organisation, user=user)
                                               for user in users)
        if community is not None:
            cycle = itertools.cycle(roles or (MembershipRole.MEMBER,))
            Membership.objects.bulk_create(Membership(organisation=organisation, community=community, user=user,
                                                      role=next(cycle)) for user in users)
    return users
