"""Helpers shared by the convening services: the tenant check, tokens, absolute links (the token and link
helpers live in :mod:`cop_platform.tokens`, shared with the cohort programme's confirmations)."""

from django.core.exceptions import ValidationError

from cop_platform.tokens import absolute_link as _absolute  # noqa: F401  (re-exported for the services)
from cop_platform.tokens import token_hash  # noqa: F401
from cop_platform.tokens import token_pair as _new_token  # noqa: F401


def _same_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")
