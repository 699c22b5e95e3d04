"""Helpers shared by the community services."""

from django.core.exceptions import ValidationError

from ..models import Membership


def _check_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")


def _member_or_none(community, user):
    if user is None:
        return None
    if not Membership.objects.filter(community=community, user=user).exists():
        raise ValidationError("That person is not a member of this community.")
    return user
