"""Rules for the evaluator's views and the value-cycle report, as pure functions citing their source (the
framework's rules live in :mod:`evaluation.rules`; this module is its neighbour to keep each under 400
lines). Sources: ``../shared/docs/evaluation.md`` ("Boundary crossing", "The exported value-cycle report")
and Wenger, McDermott & Snyder (2002), *Cultivating communities of practice* (levels of participation)."""

from .rules import _CONSENT_REACH, _STATUS_REACH, CHAIN

# evaluation.md, "Boundary crossing": "suppress counts under 5 in anything leaving the organisation".
SMALL_COUNT = 5


def statuses_for(use):
    """The story statuses that :func:`evaluation.rules.story_usable_for` lets into ``use`` — so a database
    filter and the rule agree by construction."""
    return tuple(status for status, reach in _STATUS_REACH.items() if reach >= _CONSENT_REACH[use])


def consents_for(use):
    """The narrator's consents that reach ``use`` (each wider scope includes the narrower ones)."""
    return tuple(consent for consent, reach in _CONSENT_REACH.items() if reach >= _CONSENT_REACH[use])


def held_back(count, *, outside=True):
    """A count as it may be shown: ``None`` (read "fewer than 5") for 1 to 4 in anything meant for outside
    the organisation, so nobody is picked out of a small number; 0 and larger counts as they are."""
    if outside and count is not None and 0 < count < SMALL_COUNT:
        return None
    return count


def participation_tier(attended, held):
    """A member's level of participation in a quarter ([P] after Wenger, McDermott & Snyder 2002: a core
    group, an active group, and the periphery): *core* came to at least two-thirds of the community's
    meetings held that quarter; *active* came to at least one; *peripheral* came to none (still a member:
    lurking is legitimate participation)."""
    if held > 0 and attended > 0 and 3 * attended >= 2 * held:
        return "core"
    if attended > 0:
        return "active"
    return "peripheral"


TIERS = (("core", "Core"), ("active", "Active"), ("peripheral", "Peripheral"))


def _key(value):
    return " ".join((value or "").lower().split())


def tie_counts(meetings, attributes):
    """Ties between people who met: ``meetings`` are sets of people present together; ``attributes`` maps a
    person to ``(organisation, profession)``. A tie is a pair present at the same meeting, counted once.
    Returns the ties, those crossing an organisation, a profession, either, and the E-I index of
    organisations ((external − internal) / ties between people whose organisations are known; evaluation.md
    "Boundary crossing", Krackhardt & Stern 1988), ``None`` without such ties."""
    pairs = set()
    for people in meetings:
        people = sorted(set(people))
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                pairs.add((a, b))
    cross_org = cross_profession = crossing = known_org = 0
    # Each person's organisation and profession compared as keys, made once per person, not per pair (the
    # ties of a year at scale M are tens of thousands of pairs).
    keys = {person: (_key(org), _key(profession)) for person, (org, profession) in attributes.items()}
    unknown = ("", "")
    for a, b in pairs:
        org_a, prof_a = keys.get(a, unknown)
        org_b, prof_b = keys.get(b, unknown)
        both_known = bool(org_a and org_b)
        org = both_known and org_a != org_b
        prof = bool(prof_a and prof_b and prof_a != prof_b)
        known_org += both_known
        cross_org += org
        cross_profession += prof
        crossing += org or prof
    ei = round((2 * cross_org - known_org) / known_org, 2) if known_org else None
    return {"ties": len(pairs), "cross_org": cross_org, "cross_profession": cross_profession, "crossing": crossing,
            "share_crossing": round(100 * crossing / len(pairs)) if pairs else None, "ei_index": ei}


def reach_counts(furthest_numbers, chain=CHAIN):
    """Value flow: ``[(cycle, how many stories reach it)]`` along the chain, from each story's furthest cycle
    number (0 or None: a story with no achieved step in the chain). A story that reached a cycle passed
    through those before it (framework 2011: value flows along the chain), so it counts in each."""
    numbers = [n or 0 for n in furthest_numbers]
    return [(cycle, sum(1 for n in numbers if n >= cycle.number)) for cycle in chain]
