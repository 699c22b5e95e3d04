"""Helpers shared by the convening services: the tenant check, tokens, absolute links."""

from django.conf import settings
from django.core.exceptions import ValidationError

from cop_platform.tokens import token_hash, token_new


def _same_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")


def _new_token():
    token = token_new()
    return token, token_hash(token)


def _absolute(path):
    return f"{settings.SITE_URL}{path}"
