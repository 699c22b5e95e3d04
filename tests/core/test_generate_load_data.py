from django.core.management import call_command
from django_scopes import scope

from communities.models import Community, Membership
from cop_platform.tenancy.models import Organisation
from tests.factories import CommunityFactory, OrganisationFactory


def test_generates_the_small_scale_and_leaves_other_tenants_alone(db):
    other = OrganisationFactory(slug="keep-me")
    CommunityFactory(organisation=other)
    call_command("generate_load_data", scale="S")
    call_command("generate_load_data", scale="S")  # re-creates, does not pile up
    org = Organisation.objects.get(slug="load-test")
    with scope(organisation=org):
        assert Community.objects.count() == 20
        largest = Community.objects.get(slug="community-00000")
        assert Membership.objects.filter(community=largest).count() == 100
    with scope(organisation=other):
        assert Community.objects.count() == 1
