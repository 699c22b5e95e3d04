"""Who may open each tenant URL. The crawler fails on a tenant URL missing from this table, so a new
page cannot escape the isolation tests: add its name here with the least access that fits.

- ``member``: anyone who belongs to the organisation;
- ``community``: a community page; members of that community (and host staff) — unlisted
  communities are 404 to everyone else;
- a tuple of organisation roles: only people holding one of them (others get 403).
"""

from cop_platform.tenancy.models import Role

MEMBER = "member"
COMMUNITY = "community"

ACCESS = {
    "tenant_home": MEMBER,
    "tenant_people": (Role.ADMIN,),
    "communities:directory": MEMBER,
    "communities:home": COMMUNITY,
}

# Values for URL arguments, per tenant, from the two-tenant world fixture. A URL argument with no entry
# here fails the crawler.
def url_arguments(tenant, *, community):
    return {
        "org": tenant.organisation.slug,
        "slug": community.slug,
    }
