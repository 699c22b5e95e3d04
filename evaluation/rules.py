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
