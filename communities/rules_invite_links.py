"""Rules for open invitation links (issue 5: "a link a convener shares in a meeting or newsletter, with a
maximum number of uses, an expiry, optionally limited to e-mail domains and optionally needing the
convener's approval; it counts who joined through it and can be switched off at once").

Pure functions: no database. Each refusal is a sentence for the person holding the link; it says why,
and nothing about the community beyond what the link page already shows (its name).
"""

import re

MAX_USES_LIMIT = 5000
MAX_DAYS = 366
MAX_DOMAINS = 20
DOMAIN_SHAPE = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

SWITCHED_OFF = "This link has been switched off by the community's conveners. Ask them for a new one."
EXPIRED = "This link has expired. Ask the community's conveners for a new one."
USED_UP = "This link has been used by as many people as it allows. Ask the community's conveners for a new one."
ALREADY_MEMBER = "You are already a member of this community."
ALREADY_ASKED = "You have already asked to join; the conveners will decide soon."
NO_CONFIRMED_ADDRESS = ("Your e-mail address is not confirmed yet. Confirm it with the link we sent you, then "
                        "open this page again.")


def parse_domains(text):
    """The e-mail domains typed by a convener (one per line, or separated by commas or spaces; a leading
    ``@`` is dropped) as a list of lower-case domains without repeats, and the problems found, each a
    sentence. An empty text means "any domain"."""
    domains, problems = [], []
    for raw in re.split(r"[\s,;]+", (text or "").strip().lower()):
        domain = raw.lstrip("@").rstrip(".")
        if not domain or domain in domains:
            continue
        if not DOMAIN_SHAPE.match(domain):
            problems.append(f"“{raw[:60]}” is not an e-mail domain. Write domains like nhs.net or example.org.")
            continue
        domains.append(domain)
    if len(domains) > MAX_DOMAINS:
        problems.append(f"Limit the link to {MAX_DOMAINS} domains or fewer.")
    return domains, problems


def address_domain(address):
    """The domain of an e-mail address, lower case (``""`` for something that is not an address)."""
    _, at, domain = (address or "").strip().rpartition("@")
    return domain.lower().rstrip(".") if at else ""


def domain_allowed(domain, allowed_domains):
    """An address domain passes when no domains are set, or it is one of them or a subdomain of one
    (``nhs.uk`` lets in ``example.nhs.uk``: trusts have their own subdomains)."""
    if not allowed_domains:
        return True
    domain = (domain or "").lower()
    return bool(domain) and any(domain == d or domain.endswith("." + d) for d in allowed_domains)


def limits_problems(*, max_uses, expires_at, now, uses=0):
    """What is wrong with the limits a convener set: ``{field: sentence}``. ``uses`` is how many people
    have used the link already (the maximum cannot go below it)."""
    from datetime import timedelta

    problems = {}
    if max_uses is None or max_uses < 1:
        problems["max_uses"] = "Enter how many people can use the link, 1 or more."
    elif max_uses > MAX_USES_LIMIT:
        problems["max_uses"] = f"A link can be used by up to {MAX_USES_LIMIT:,} people."
    elif max_uses < uses:
        problems["max_uses"] = (f"{uses} {'person has' if uses == 1 else 'people have'} used the link already; "
                                f"the most cannot be lower than that.")
    if expires_at is None:
        problems["expires_on"] = "Enter the date the link stops working."
    elif expires_at <= now:
        problems["expires_on"] = "The date the link stops working must be in the future."
    elif expires_at > now + timedelta(days=MAX_DAYS):
        problems["expires_on"] = "A link can work for up to a year. Choose an earlier date."
    return problems


def link_refusal(*, active, expires_at, uses, max_uses, now):
    """Why the link admits nobody now, or ``None`` when it still admits someone. Switched off first
    (the convener's decision), then expiry, then places."""
    if not active:
        return SWITCHED_OFF
    if expires_at <= now:
        return EXPIRED
    if uses >= max_uses:
        return USED_UP
    return None


def join_refusal(*, active, expires_at, uses, max_uses, now, allowed_domains, confirmed_addresses,
                 already_member=False, already_asked=False):
    """Why this person cannot join through the link now, or ``None``. ``confirmed_addresses`` are the
    person's *confirmed* e-mail addresses: an address nobody confirmed proves nothing about where they
    work."""
    if already_member:
        return ALREADY_MEMBER
    if already_asked:
        return ALREADY_ASKED
    refusal = link_refusal(active=active, expires_at=expires_at, uses=uses, max_uses=max_uses, now=now)
    if refusal:
        return refusal
    if not confirmed_addresses:
        return NO_CONFIRMED_ADDRESS
    if not any(domain_allowed(address_domain(a), allowed_domains) for a in confirmed_addresses):
        return wrong_domain(allowed_domains)
    return None


def wrong_domain(allowed_domains):
    """The refusal for an address at another domain, naming the domains the link is for."""
    names = [f"@{d}" for d in allowed_domains]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return (f"This link is only for people with a confirmed e-mail address ending {listed}. Sign in with such an "
            f"address, or ask the community's conveners for an invitation.")
