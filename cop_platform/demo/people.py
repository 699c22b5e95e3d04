"""The fictional people of the demo (``content.PEOPLE``), found again by the apps' demo modules."""

from .content import PEOPLE

PEOPLE_DOMAIN = {"hin-south-london": "people.hin.example.org", "co-creation-network": "people.cocreation.example.org"}


def demo_email(spec, org_slug):
    domain = PEOPLE_DOMAIN.get(org_slug, "people.example.org")
    return f"{spec['first_name']}.{spec['last_name']}@{domain}".lower().replace(" ", "").replace("'", "")


def people_of(organisation):
    """The demo people of ``organisation``, in the order of ``PEOPLE`` (one query)."""
    from cop_platform.accounts.models import User

    emails = [demo_email(spec, organisation.slug) for spec in PEOPLE]
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [found[email] for email in emails if email in found]
