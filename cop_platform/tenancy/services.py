"""Services that change who belongs to a host organisation and what they may do there."""

from django.db import transaction

from .models import OrganisationMember, OrganisationRole


def organisation_member_ensure(*, organisation, user, member_organisation=None, employer=""):
    if member_organisation is not None and member_organisation.organisation_id != organisation.pk:
        raise ValueError("The member organisation belongs to another host organisation.")
    member, created = OrganisationMember.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={"member_organisation": member_organisation, "employer": employer},
    )
    if not created and member_organisation is not None and member.member_organisation_id is None:
        member.member_organisation = member_organisation
        member.save(update_fields=["member_organisation"])
    return member


@transaction.atomic
def role_grant(*, organisation, user, role):
    organisation_member_ensure(organisation=organisation, user=user)
    obj, _ = OrganisationRole.objects.get_or_create(organisation=organisation, user=user, role=role)
    return obj


@transaction.atomic
def role_revoke(*, organisation, user, role):
    OrganisationRole.objects.filter(organisation=organisation, user=user, role=role).delete()
