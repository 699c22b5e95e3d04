"""Helpers shared by the convening services: the tenant check, tokens, absolute links."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError


def _same_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token():
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def _absolute(path):
    return f"{settings.SITE_URL}{path}"
