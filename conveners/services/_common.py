"""Helpers shared by the convening services: the tenant check, tokens, absolute links (the token and link
helpers live in :mod:`cop_platform.tokens`, shared with the cohort programme's confirmations)."""

from cop_platform.tenancy.guards import same_tenant as _same_tenant  # noqa: F401  (the services' tenant check)
from cop_platform.tokens import absolute_link as _absolute  # noqa: F401  (re-exported for the services)
from cop_platform.tokens import token_hash  # noqa: F401
from cop_platform.tokens import token_pair as _new_token  # noqa: F401
