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


def phase_advice(phase_key, *, months_since_meeting, new_members_last_quarter):
    """The brochure's advice that fits the signals, as a list of sentences; signals inform, they never
    move a phase (issue 9, item 2).

    ``months_since_meeting`` is None when the community has never met."""
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
    return advice


# ---------------------------------------------------------------------------------------------------------
# Cohort programme: applications and the commitment to convene.
# Source: the CoP Leadership Development Programme report (seed ``004_…``), cited as "report".

COMMITMENT_MEETINGS = 3  # report: "committed to convening approximately three or four meetings"
COMMITMENT_MEETINGS_UPPER = 4


def cohort_priority(*, spans_organisations, spans_professions, fully_confirmed):
    """The sort key of an application in the manager's list: smaller comes first.

    Report: "Priority was given to applicants who were aspiring to lead a Community of Practice that …
    spanned traditional professional and organisational boundaries" — an application spanning both kinds
    comes before one spanning one kind, before one spanning neither; and "Applicants needed to demonstrate
    the support and commitment of their employing organisation and line manager" — within each, those whose
    line manager and employer sponsor have both confirmed come first (only they can be selected)."""
    spans = int(bool(spans_organisations)) + int(bool(spans_professions))
    return (2 - spans, 0 if fully_confirmed else 1)


def selection_problems(*, status, fully_confirmed, places_left):
    """Why an application cannot be selected now, as a list of sentences (empty: it can).

    Report: entry by application to a limited number of places (28), with "the support and commitment of
    their employing organisation and line manager" required."""
    problems = []
    if status not in ("submitted", "not_selected"):
        problems.append("Only a submitted application can be selected.")
    if not fully_confirmed:
        problems.append("Both the line manager and the employer sponsor must confirm their support before "
                        "the applicant can be selected.")
    if places_left <= 0:
        problems.append("The cohort is full: every place is taken, so no one more can be selected.")
    return problems


def boundary_problems(*, spans_organisations, organisations_how, spans_professions, professions_how):
    """Per-field problems with the boundary-spanning answers: a "yes" needs a "how" (report: priority to
    CoPs that "spanned traditional professional and organisational boundaries" — the panel needs to read how)."""
    problems = {}
    if spans_organisations and not (organisations_how or "").strip():
        problems["spans_organisations_how"] = "Say how your community spans organisational boundaries."
    if spans_professions and not (professions_how or "").strip():
        problems["spans_professions_how"] = "Say how your community spans professional boundaries."
    return problems


def counts_towards_commitment(*, starts_at, cancelled, programme_starts, programme_ends, now):
    """Whether a meeting of the participant's community counts towards their commitment to convene
    (report: "committed to convening approximately three or four meetings over the course of the
    programme"): held — not cancelled and already started — on a day between the programme's start and
    end dates, both included. ``starts_at`` is aware; the dates are the programme's (UK) days."""
    from django.utils import timezone

    if cancelled or starts_at >= now:
        return False
    day = timezone.localtime(starts_at).date()
    if programme_starts is not None and day < programme_starts:
        return False
    return not (programme_ends is not None and day > programme_ends)


def commitment_summary(held):
    """The words for a participant's progress: "2 of 3 meetings convened"; met at three, the report's
    "three or four" (a fifth meeting is still counted)."""
    if held >= COMMITMENT_MEETINGS_UPPER:
        return f"{held} meetings convened: the commitment of three or four is met"
    if held >= COMMITMENT_MEETINGS:
        return f"{held} of {COMMITMENT_MEETINGS_UPPER} meetings convened: the commitment is met"
    return f"{held} of {COMMITMENT_MEETINGS} meeting{'s' if COMMITMENT_MEETINGS != 1 else ''} convened"
