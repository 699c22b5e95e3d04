"""Rules of the communities domain, one function each, citing where each comes from."""

import re

DOMAIN_MIN_WORDS = 25


def domain_is_developed(*, statement, written_in_community):
    """Start-up step 1, "Develop the domain" (FAQ §10, the start-up steps): the convener drafts the domain
    and the core group co-defines it, in the community. The statement carried over from a convener's
    application when it is funded is where this starts, not the developed domain (issue 8 §7: a one-line
    statement from the application ticked the step). The step is done once the domain has been written in
    the community (saved from the community's home, which keeps a version by that person) and says enough
    to guide people: at least ``DOMAIN_MIN_WORDS`` words."""
    words = re.findall(r"\w+", statement or "")
    return written_in_community and len(words) >= DOMAIN_MIN_WORDS
