"""Services: the one place that changes communities and their membership."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from cop_platform.tenancy.services import organisation_member_ensure

from .models import Community, CommunityStatus, Membership, MembershipRole, Visibility


def unique_community_slug(*, organisation, name):
    base = slugify(name)[:70] or "community"
    slug, n = base, 2
    while Community.objects.filter(organisation=organisation, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def community_create(*, organisation, name, domain_statement="", slug=None,
                     status=CommunityStatus.FORMING, visibility=Visibility.LISTED):
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the community's name."})
    community = Community(
        organisation=organisation,
        name=name,
        slug=slug or unique_community_slug(organisation=organisation, name=name),
        domain_statement=domain_statement,
        status=status,
        visibility=visibility,
    )
    community.full_clean(exclude=["organisation"])
    community.save()
    return community


@transaction.atomic
def membership_add(*, organisation, community, user, role=MembershipRole.MEMBER):
    """Add ``user`` to ``community`` (or change their role). The person becomes a member of the host
    organisation too. Refuses a community of another organisation: scopes do not guard ``create()``."""
    if community.organisation_id != organisation.pk:
        raise ValidationError("That community belongs to another organisation.")
    organisation_member_ensure(organisation=organisation, user=user)
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, community=community, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
