"""The value-creation framework as data and pure rules, each citing its source.

Sources: Wenger, Trayner & de Laat (2011), *Promoting and assessing value creation in communities and
networks: a conceptual framework* (cited "framework 2011"); Wenger-Trayner & Wenger-Trayner (2020),
*Learning to make a difference* (cited "framework 2020"); the HIN brochure (seed ``000_…``, "Developing
Feedback", "The Value Cycle", "Telling Stories"); and the programme report (seed ``004_…``), framed by the
five cycles. ``../shared/docs/evaluation.md`` digests them. These functions touch no database.
"""

from dataclasses import dataclass

FIVE_CYCLES = "five"
SET_2020 = "2020"
CYCLE_SET_CHOICES = [
    (FIVE_CYCLES, "The five value cycles (framework 2011)"),
    (SET_2020, "The five cycles with orienting, enabling and strategic value (framework 2020)"),
]


@dataclass(frozen=True)
class Cycle:
    key: str
    number: int  # 1–5 along the chain; 0 for the 2020 cycles beside it
    name: str
    what: str
    question: str
    in_chain: bool = True


# Framework 2011 (the chain of five) and 2020 (beside the chain): what each cycle is and its key question.
CYCLES = (
    Cycle("immediate", 1, "Immediate value", "Activities and interactions: taking part is valuable in itself — "
          "a good tip, an inspiring exchange.", "What happened, and what was my experience of it?"),
    Cycle("potential", 2, "Potential value", "Knowledge capital: what is produced may be used later — skills, "
          "relationships, tools, reputation, new ways of learning.", "What has this produced for me and for us?"),
    Cycle("applied", 3, "Applied value", "Changes in practice: knowledge capital adapted and used in a real "
          "situation.", "What difference has it made to my practice? Where did I use it?"),
    Cycle("realised", 4, "Realised value", "Performance improvement: the effect of the change on what matters "
          "to stakeholders, linked by a story (contribution, never attribution).",
          "What difference has it made to my or my organisation's performance?"),
    Cycle("reframing", 5, "Reframing value", "Redefining success: learning changes how success is defined — "
          "strategies, goals, criteria (called transformative in 2020).", "Has it changed how we define success?"),
    Cycle("orienting", 0, "Orienting value", "Locating oneself in the wider landscape of practice.",
          "Where do we stand in the wider landscape?", in_chain=False),
    Cycle("enabling", 0, "Enabling value", "The conditions that make social learning possible: time, hosting, "
          "facilitation.", "What made our learning possible, or got in its way?", in_chain=False),
    Cycle("strategic", 0, "Strategic value", "Conversations with people who can make change happen.",
          "Who with influence have we engaged, and what came of it?", in_chain=False),
)
CYCLE_BY_KEY = {cycle.key: cycle for cycle in CYCLES}
CHAIN = tuple(cycle for cycle in CYCLES if cycle.in_chain)

# Framework 2011, potential value: the five forms of knowledge capital.
KNOWLEDGE_CAPITAL = (
    ("human", "Human capital: skills, information, confidence"),
    ("social", "Social capital: relationships, trust, connections"),
    ("tangible", "Tangible capital: tools, documents, resources"),
    ("reputational", "Reputational capital: the standing of the community"),
    ("learning", "Learning capital: new ways of learning, transferable insight"),
)


def cycles_of(cycle_set=FIVE_CYCLES):
    """The cycles a programme uses: the chain of five by default; the 2020 set adds the three beside it."""
    return CYCLES if cycle_set == SET_2020 else CHAIN


def cycle_choices(cycle_set=FIVE_CYCLES):
    return [(cycle.key, cycle.name) for cycle in cycles_of(cycle_set)]


def cycle(key):
    """The :class:`Cycle` for ``key``, or None for an unknown key."""
    return CYCLE_BY_KEY.get(key)


def unknown_cycles(keys, cycle_set=FIVE_CYCLES):
    """The keys in ``keys`` that are not cycles of ``cycle_set`` (to refuse them with a message)."""
    allowed = {cycle.key for cycle in cycles_of(cycle_set)}
    return [key for key in keys if key not in allowed]


def cycle_set_of(cycle_sets):
    """The cycle set for a community in the programmes ``cycle_sets`` name: the 2020 set if any of its
    programmes switched it on (its cycles include the five), otherwise the five (framework 2011)."""
    return SET_2020 if SET_2020 in set(cycle_sets) else FIVE_CYCLES


# Measures the platform can compute from what communities record ([P], evaluation.md "Boundary crossing"
# and the cycle table's example indicators): (key, label, cycle it usually shows).
ATTENDANCE = "attendance"
RETURNING = "returning_members"
CROSS_ORG_TIES = "cross_org_ties"
RESOURCES = "resources_added"
COMPUTED_MEASURES = (
    (ATTENDANCE, "Computed: attendance at meetings (people recorded as present)", "immediate"),
    (RETURNING, "Computed: returning members (present at a meeting, and at one in an earlier quarter)",
     "immediate"),
    (CROSS_ORG_TIES, "Computed: new cross-organisation ties (pairs of people from different employers "
                     "first meeting at a meeting)", "potential"),
    (RESOURCES, "Computed: resources added to the library", "potential"),
)
COMPUTED_KEYS = frozenset(key for key, _, _ in COMPUTED_MEASURES)

# The organisation's starting library of suggested indicators (evaluation.md, cycle table, "example
# indicators" [B]/[P]): editable seed data, copied into the organisation on first use.
DEFAULT_INDICATORS = (
    ("immediate", "Attendance at meetings", "Counted from the meeting records.", ATTENDANCE),
    ("immediate", "Returning members", "People present who came to an earlier quarter's meeting too.", RETURNING),
    ("immediate", "Meetings worth my time", "Share answering 4 or 5 of 5 to \"this meeting was worth my time\".", ""),
    ("potential", "New cross-organisation ties", "Pairs of people from different employers first meeting.",
     CROSS_ORG_TIES),
    ("potential", "Resources added", "Tools, protocols and papers added to the library.", RESOURCES),
    ("potential", "Skills and confidence gained", "Members reporting a new skill or more confidence.", ""),
    ("applied", "Practice changes tried", "Members reporting they tried something from the community.", ""),
    ("applied", "Resources reused elsewhere", "A tool or protocol taken up in another team or trust.", ""),
    ("realised", "Local performance measure", "A measure the community cares about, e.g. sepsis screening "
     "within the hour (contribution, never attribution).", ""),
    ("reframing", "Pathways or guidelines changed", "A pathway, guideline or measure of success revised.", ""),
)


def quarter_start(day):
    """The first day of ``day``'s calendar quarter."""
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def quarter_label(start):
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def last_quarters(today, count=4):
    """The first days of the ``count`` calendar quarters up to and including ``today``'s, oldest first."""
    start = quarter_start(today)
    quarters = [start]
    for _ in range(count - 1):
        start = quarter_start(start.replace(day=1) - _one_day())
        quarters.append(start)
    return list(reversed(quarters))


def _one_day():
    from datetime import timedelta

    return timedelta(days=1)


def attendance_by_quarter(presences):
    """``presences``: ``(meeting day, person)`` pairs. Returns ``{quarter start: people present}``, a
    person counted once per meeting."""
    counts = {}
    for day, _person in set(presences):
        quarter = quarter_start(day)
        counts[quarter] = counts.get(quarter, 0) + 1
    return counts


def returning_by_quarter(presences):
    """``{quarter start: people present that quarter who were also present in an earlier quarter}``."""
    quarters_of = {}
    for day, person in presences:
        quarters_of.setdefault(person, set()).add(quarter_start(day))
    counts = {}
    for quarters in quarters_of.values():
        first = min(quarters)
        for quarter in quarters:
            if quarter > first:
                counts[quarter] = counts.get(quarter, 0) + 1
    return counts


def _organisation_key(name):
    return " ".join((name or "").lower().split())


def new_ties_by_quarter(meetings, employer_of):
    """New cross-organisation ties: ``meetings`` is ``(meeting day, people present)``; ``employer_of`` maps
    a person to their employer. A tie is a pair of people with different, known employers; it counts in
    the quarter they are first present at the same meeting ([P], evaluation.md "Boundary crossing")."""
    first_met = {}
    for day, people in sorted(meetings, key=lambda m: m[0]):
        known = sorted(p for p in set(people) if _organisation_key(employer_of.get(p)))
        for i, a in enumerate(known):
            for b in known[i + 1:]:
                if _organisation_key(employer_of[a]) != _organisation_key(employer_of[b]):
                    first_met.setdefault((a, b), quarter_start(day))
    counts = {}
    for quarter in first_met.values():
        counts[quarter] = counts.get(quarter, 0) + 1
    return counts


def count_by_quarter(days):
    """``{quarter start: how many of days fall in it}`` (resources added, by the day each was added)."""
    counts = {}
    for day in days:
        quarter = quarter_start(day)
        counts[quarter] = counts.get(quarter, 0) + 1
    return counts
