"""The people the crawler adds to a tenant of the shared ``world``: a member of the listed community's
core group, and a real applicant (in the organisation, with no role and no community) who owns the
crawler's application. Made on first use, the same people every time after."""

from types import SimpleNamespace

from django_scopes import scopes_disabled

from communities.models import Membership, MembershipRole
from cop_platform.accounts.models import User
from tests.factories import member_of, person_in


def cast_of(tenant):
    org = tenant.organisation
    with scopes_disabled():
        core_email, applicant_email = f"core@{org.slug}.example.org", f"applicant@{org.slug}.example.org"
        core_group = User.objects.filter(email=core_email).first()
        if core_group is None:
            core_group = member_of(tenant.community, role=MembershipRole.CORE_GROUP, email=core_email)
        assert Membership.objects.get(community=tenant.community, user=core_group).role == MembershipRole.CORE_GROUP
        applicant = User.objects.filter(email=applicant_email).first() or person_in(org, email=applicant_email)
    return SimpleNamespace(core_group=core_group, applicant=applicant)
