"""The five-phase lifecycle of a community, each rule in one pure function that cites its source.

Source: the HIN *Patient Safety Communities of Practice* brochure (seed ``000_…``), "Creating your own
Community of Practice" (after Wenger, McDermott & Snyder), cited as "brochure, <phase>". These functions
take plain values, touch no database, and return values or lists of problems a person can act on.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    key: str
    number: int
    name: str
    domain: str
    community: str
    practice: str


# Brochure, "Creating your own Community of Practice", phases 1-5: the key Domain, Community and Practice
# issue of each phase, in the brochure's words where it gives them.
PHASES = (
    Phase("discover", 1, "Discover",
          "Mutually establishing the value of the domain to the system as a whole, so sharing information "
          "and knowledge becomes compelling.",
          "Finding the people who share the passion: reach out and invite.",
          "Finding the practice: what is the aim — to solve everyday problems, share best practice, create "
          "tools, innovate?"),
    Phase("unite", 2, "Unite",
          "The value of the domain is now being established.",
          "To establish trust, or at least an opening to it: “change happens at the speed of trust”.",
          "An inquiry: what knowledge should be shared and how shall it be shared?"),
    Phase("mature", 3, "Mature",
          "Redefining the community's role within the system and its relationship to other communities of "
          "practice.",
          "The transition from a few networked professionals to crossing wider boundaries and connecting "
          "more broadly across institutions, while combatting distraction from the core purpose.",
          "Developing knowledge as an asset for the organisations, recognising what the community does not "
          "know and seeking to fill the gaps."),
    Phase("steward", 4, "Steward",
          "Keeping the domain alive and relevant to its members and the broader organisation.",
          "Keeping the quality of the interaction between members fresh and meaningful: perhaps a "
          "rejuvenation meeting is in order.",
          "Staying on the leading edge of innovation, recruiting new people to the core group while letting "
          "people rotate out to less activist roles."),
    Phase("transform", 5, "Transform",
          "The tension between openness and boundaries: without boundaries focus is diminished, without "
          "openness ideas grow stale.",
          "Radical transformation: the community may fade deliberately, split into several, merge with "
          "another, or be institutionalised as a knowledge hub.",
          "The legacy: a toolkit, a website, an institutional hub."),
)
PHASE_BY_KEY = {phase.key: phase for phase in PHASES}
PHASE_CHOICES = [(phase.key, f"{phase.number}. {phase.name}") for phase in PHASES]
FIRST_PHASE = "discover"

# Brochure, "Creating your own Community of Practice": the four questions that stay alive at every phase.
REFLECTIVE_QUESTIONS = (
    ("trying_to_do", "What are we trying to do?"),
    ("how", "How do we need to do it?"),
    ("who", "Who needs to do it?"),
    ("how_we_know", "How will we know we are doing it?"),
)

QUIET_MONTHS = 3  # no meeting for this long counts as quiet (brochure, Steward: "a rejuvenation meeting")
MAX_REASON = 2000


def phase(key):
    """The :class:`Phase` for ``key``; Discover for an unknown or empty key (brochure, Discover: every
    community starts by discovering its domain)."""
    return PHASE_BY_KEY.get(key or FIRST_PHASE, PHASE_BY_KEY[FIRST_PHASE])


def phase_move_problems(current, new, reason):
    """What stops a move from phase ``current`` to ``new`` with ``reason``: readable messages keyed by the
    field they concern (``"to"``, ``"reason"``); empty when the move may go ahead.

    Brochure, "Creating your own Community of Practice": the phases are "identifiable but intertwined", so
    a community may move forward or back, any distance; the record of moves, with why, is part of its story,
    so a reason is required. A move to the phase it is already in is no move and is refused."""
    problems = {}
    if new not in PHASE_BY_KEY:
        problems["to"] = "Choose one of the five phases."
    elif new == phase(current).key:
        problems["to"] = f"The community is already in {phase(current).name}; choose another phase."
    reason = (reason or "").strip()
    if not reason:
        problems["reason"] = "Say why the community is moving: the record of moves is part of its story."
    elif len(reason) > MAX_REASON:
        problems["reason"] = f"Keep the reason to {MAX_REASON} characters."
    return problems


def phase_advice(phase_key, *, months_since_meeting, new_members_last_quarter, active_share=None,
                 has_outcome=None, evidence_recent=None):
    """The brochure's advice that fits the signals, as a list of sentences; signals inform, they never
    move a phase (issue 9, item 2).

    ``months_since_meeting`` is None when the community has never met; ``active_share`` (a percentage, see
    :func:`active_share`) is None when it is not known or the community has no members; ``has_outcome`` is
    None when not known, else whether a Transform outcome is recorded; ``evidence_recent`` is the number of
    items of evidence of value recorded in the last quarter, None when not known."""
    key = phase(phase_key).key
    quiet = months_since_meeting is None or months_since_meeting >= QUIET_MONTHS
    advice = []
    if key == "steward" and quiet:
        # Brochure, Steward: "Perhaps a rejuvenation meeting is in order to help reignite the fire".
        advice.append("No meeting for three months or more: a rejuvenation meeting may be in order, to help "
                      "reignite the fire that brought you together.")
    elif key in ("discover", "unite") and quiet:
        # Brochure, Discover: "a practical beginning, however small" (Nightingale); Unite: trust emerges
        # from the quality of members' relationships over time.
        advice.append("No meeting for three months or more: trust grows from meeting, so urge a practical "
                      "beginning, however small.")
    elif key == "mature" and quiet:
        advice.append("No meeting for three months or more: as time demands grow, guard against distraction "
                      "from the community's core purpose.")
    if key == "steward" and new_members_last_quarter == 0:
        # Brochure, Steward: "recruiting new people to the core group while letting people rotate out".
        advice.append("No new members this quarter: recruit new people to the core group and let others "
                      "rotate out, to keep the conversation alive.")
    elif key == "discover" and new_members_last_quarter == 0:
        # Brochure, Discover: find the people who share the passion.
        advice.append("No new members this quarter: reach out and invite the people who share the passion.")
    advice.extend(activity_advice(key, active_share))
    advice.extend(evidence_advice(key, evidence_recent))
    if key == TRANSFORM and has_outcome is False:
        # Brochure, Transform: fading "can actually be a healthy transformation – if it is deliberate".
        advice.append("In Transform: record what becomes of the community (renewed, split, merged, faded "
                      "deliberately or a knowledge hub) so that the change is deliberate and its legacy kept.")
    return advice


def evidence_advice(phase_key, evidence_recent):
    """Advice when a community that has found its practice recorded no evidence of value in the last
    quarter (``evidence_recent`` 0; None: not known). Brochure, "Developing Feedback": "Feedback is
    self-generated. Individuals working together co-create what they pay attention to"; and "the key to
    genuine CoP success is creating and focusing on feedback". In Discover there is little to show yet."""
    if evidence_recent != 0 or phase(phase_key).key == "discover":
        return []
    return ["No evidence of value recorded in the last three months: note what the community has created "
            "and changed, so that its feedback is its own."]




# --- Signals: the share of members taking part -----------------------------------------------------------

LOW_ACTIVE_SHARE = 25  # per cent: fewer than one member in four took part in the last quarter


def active_share(active, members):
    """The share of members who took part in the last quarter, as a whole percentage rounded down; None
    when the community has no members (no share to speak of). ``active`` is capped at ``members``."""
    if (members or 0) <= 0:
        return None
    active = max(0, min(active or 0, members))
    return active * 100 // members


def activity_advice(phase_key, share):
    """Advice when few members took part (``share`` below :data:`LOW_ACTIVE_SHARE` per cent); none when the
    share is unknown. Brochure, Unite: trust "will only emerge from the quality of the members'
    relationships over time"; Steward: "keep the quality of the interaction between members fresh and
    meaningful"; Mature: "combatting a tendency to get distracted from the Community's core purpose"."""
    if share is None or share >= LOW_ACTIVE_SHARE:
        return []
    key = phase(phase_key).key
    few = "Fewer than one member in four took part in the last three months"
    if key == "steward":
        return [f"{few}: keep the interaction fresh and meaningful, and let people rotate to less active roles "
                "while new people join the core."]
    if key == "mature":
        return [f"{few}: as time demands grow, come back to the community's core purpose."]
    if key in ("discover", "unite"):
        return [f"{few}: trust grows from the quality of members' relationships; invite each member into the "
                "work, however small the start."]
    return []


# --- Transform: what became of the community ---------------------------------------------------------------

TRANSFORM = "transform"


@dataclass(frozen=True)
class Outcome:
    key: str
    name: str
    summary: str
    closes: bool  # the community is closed: its history stays readable


# Brochure, Phase 5 "Transform": "Some Communities simply fade into the background, their legacy an artefact
# of a toolkit or a website presence … a healthy transformation – if it is deliberate. … sometimes a Community
# can evolve into several as they identify new Domains or Practice areas, or they may merge with another
# Community whose work is similar. Occasionally, a Community … becomes institutionalised as a prized knowledge
# hub." The community that continues, renewed, is the cycle starting again ("identifiable but intertwined").
OUTCOMES = (
    Outcome("renewed", "Continues, renewed", "The community continues with a renewed domain or practice.", False),
    Outcome("split", "Split into new communities",
            "The community evolved into several as it found new domains or practice areas.", False),
    Outcome("merged", "Merged with another community",
            "The community merged with another community whose work is similar.", True),
    Outcome("faded", "Faded deliberately",
            "The energy faded and people moved on, deliberately, leaving a legacy.", True),
    Outcome("hub", "Institutionalised as a knowledge hub",
            "The community created enough innovation and knowledge to become a knowledge hub.", False),
)
OUTCOME_BY_KEY = {outcome.key: outcome for outcome in OUTCOMES}
OUTCOME_CHOICES = [(outcome.key, outcome.name) for outcome in OUTCOMES]
MIN_SPLIT = 2  # brochure: "evolve into several"
MAX_SPLIT = 10
MAX_NAME = 200
MAX_LEGACY = 5000


def outcome(key):
    """The :class:`Outcome` for ``key``, or None."""
    return OUTCOME_BY_KEY.get(key)


def outcome_problems(*, phase_key, kind, reason, legacy="", on=None, today=None, has_outcome=False):
    """What stops recording outcome ``kind`` for a community in phase ``phase_key``: readable messages keyed
    by field (``"kind"``, ``"reason"``, ``"legacy"``, ``"on"``); empty when it may be recorded.

    Brochure, Phase 5 "Transform": these radical transformations occur "at this mature phase", so an outcome
    is recorded only in Transform, and only one at a time (withdraw a mistaken one first). A fade is healthy
    "if it is deliberate", so every outcome says why; a faded community leaves "its legacy an artefact of a
    toolkit or a website presence", so its legacy is required."""
    problems = {}
    if has_outcome:
        problems["kind"] = "An outcome is already recorded: withdraw it first if it was a mistake."
    elif phase(phase_key).key != TRANSFORM:
        problems["kind"] = (f"The community is in {phase(phase_key).name}: move it to Transform before recording "
                            "what became of it.")
    elif kind not in OUTCOME_BY_KEY:
        problems["kind"] = "Choose what became of the community."
    reason = (reason or "").strip()
    if not reason:
        problems["reason"] = "Say why: a transformation is healthy when it is deliberate."
    elif len(reason) > MAX_REASON:
        problems["reason"] = f"Keep the reason to {MAX_REASON} characters."
    legacy = (legacy or "").strip()
    if kind == "faded" and not legacy:
        problems["legacy"] = "Describe the legacy the community leaves: a toolkit, a website, documents."
    elif len(legacy) > MAX_LEGACY:
        problems["legacy"] = f"Keep the legacy to {MAX_LEGACY} characters."
    if on is None:
        problems["on"] = "Enter the date it happened."
    elif today is not None and on > today:
        problems["on"] = "The date cannot be in the future."
    return problems


def split_names(text):
    """The names of the new communities, one a line, trimmed, blank lines dropped."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def split_problem(names, *, own_name, existing_names=()):
    """What is wrong with splitting a community called ``own_name`` into communities called ``names``
    (already through :func:`split_names`), given the names of the organisation's other communities; an
    empty string when nothing is. Brochure, Transform: a community "can evolve into several", so at least
    two new communities, each with its own name."""
    if len(names) < MIN_SPLIT:
        return f"Name at least {MIN_SPLIT} new communities, one a line: a split is into several."
    if len(names) > MAX_SPLIT:
        return f"Name at most {MAX_SPLIT} new communities."
    seen = set()
    own = (own_name or "").strip()
    taken = {name.casefold() for name in existing_names}
    for name in names:
        if len(name) > MAX_NAME:
            return f"Keep each name to {MAX_NAME} characters."
        folded = name.casefold()
        if folded in seen:
            return f"Give each new community a different name: “{name}” appears twice."
        if folded == own.casefold():
            return f"Give the new communities names other than “{own}”."
        if folded in taken:
            return f"There is already a community called “{name}”: choose another name."
        seen.add(folded)
    return ""


def merge_problem(*, community_id, organisation_id, target_id=None, target_organisation_id=None,
                  target_closed=False):
    """What is wrong with merging community ``community_id`` into ``target_id``; an empty string when
    nothing is. Brochure, Transform: a community may "merge with another Community whose work is similar":
    another community, of the same organisation, still running."""
    if target_id is None:
        return "Choose the community it merged with."
    if target_organisation_id != organisation_id:
        return "Choose a community of this organisation."
    if target_id == community_id:
        return "Choose another community: a community cannot merge with itself."
    if target_closed:
        return "That community is closed: choose one that is still running."
    return ""


def withdraw_problems(*, has_outcome, to, reason):
    """What stops withdrawing the outcome recorded by mistake and moving the community back to phase ``to``.
    The withdrawal is a move back out of Transform (the phases are "intertwined": a community moves forward
    and sometimes back), so ``to`` is one of the four earlier phases, and the move says why."""
    problems = {}
    if not has_outcome:
        problems["to"] = "No outcome is recorded: there is nothing to withdraw."
    elif to not in PHASE_BY_KEY or to == TRANSFORM:
        problems["to"] = "Choose the phase the community moves back to (Discover to Steward)."
    reason = (reason or "").strip()
    if not reason:
        problems["reason"] = "Say why the outcome is withdrawn: the record of moves is part of the story."
    elif len(reason) > MAX_REASON:
        problems["reason"] = f"Keep the reason to {MAX_REASON} characters."
    return problems
