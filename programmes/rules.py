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
# Cohort programmes: sessions, the standard programme, co-consulting groups.
# Source: the CoP Leadership Development Programme report 2023–24 (seed 004), cited as "report".
# ---------------------------------------------------------------------------------------------------------

# Report, "The programme": "a welcome session and five themed modules (delivered at ten half-day virtual
# sessions), supported by four one-hour virtual reflective drop-in coaching clinics, five supported virtual
# co-consulting sessions and a final one-day, in person, celebration event."
LDP_MODULES = (
    (1, "Planning and Launching CoPs"),
    (2, "Building Relationships and Gaining Trust"),
    (3, "Designing with Others"),
    (4, "Recognising and Capturing Value Creation"),
    (5, "Growing and Sustaining Communities of Practice"),
)
LDP_CLINICS = 4
LDP_CO_CONSULTING = 5
MODULE_SPACING_DAYS = 28  # our assumption: the report gives the shape, not the calendar
MIN_GROUP_SIZE, MAX_GROUP_SIZE = 3, 8


@dataclass(frozen=True)
class PlannedSession:
    kind: str
    module_number: int | None = None
    module_title: str = ""
    part: int | None = None
    date: object = None
    starts_at: object = None
    ends_at: object = None
    place: str = ""


def standard_programme(start=None):
    """The shape of the Leadership Development Programme (report): welcome; five modules, each over two
    half-days ("each delivered over two mornings"); four one-hour coaching clinics; five co-consulting
    sessions; the celebration. 21 sessions in the report's order.

    Without ``start`` every date and time is left for the manager to fill. With ``start`` (the welcome's
    date) the dates are spread by a rule of our own, not the report's: the first module a fortnight after
    the welcome and one every four weeks, its two mornings on consecutive days (09:30–12:30); a
    co-consulting session a week after each module (14:00–15:30); a clinic a fortnight after each of the
    first four modules (12:00–13:00); the celebration four weeks after the last module (10:00–16:00).
    The manager moves any of them afterwards."""
    from datetime import time, timedelta

    def on(days, starts, ends):
        if start is None:
            return {}
        return {"date": start + timedelta(days=days), "starts_at": time(*starts), "ends_at": time(*ends)}

    morning = ((9, 30), (12, 30))
    plan = [PlannedSession("welcome", **on(0, *morning))]
    for number, title in LDP_MODULES:
        first = 14 + MODULE_SPACING_DAYS * (number - 1)
        plan.append(PlannedSession("module", number, title, 1, **on(first, *morning)))
        plan.append(PlannedSession("module", number, title, 2, **on(first + 1, *morning)))
    for number in range(1, LDP_CLINICS + 1):
        plan.append(PlannedSession("clinic", **on(14 + MODULE_SPACING_DAYS * (number - 1) + 15, (12, 0), (13, 0))))
    for number in range(1, LDP_CO_CONSULTING + 1):
        plan.append(PlannedSession("co_consulting",
                                   **on(14 + MODULE_SPACING_DAYS * (number - 1) + 8, (14, 0), (15, 30))))
    last_module = 14 + MODULE_SPACING_DAYS * (len(LDP_MODULES) - 1) + 1
    plan.append(PlannedSession("celebration", **on(last_module + MODULE_SPACING_DAYS, (10, 0), (16, 0))))
    return plan


def session_time_problems(*, date, starts_at, ends_at):
    """What is wrong with a session's date and times, keyed by field; empty when they hold. A session may
    be planned without a date (the standard programme leaves them to the manager), but a time needs a
    date, an end needs a start, and the end must be after the start (report: sessions are half-days,
    one-hour clinics, a one-day event — never overnight)."""
    problems = {}
    if (starts_at or ends_at) and date is None:
        problems["date"] = "Give the date of the session as well as its times."
    if ends_at and not starts_at:
        problems["starts_at"] = "Give the time the session starts as well as the time it ends."
    if starts_at and ends_at and ends_at <= starts_at:
        problems["ends_at"] = "The session must end after it starts."
    return problems


def module_problems(*, kind, module_number, part):
    """A module session names its module (1 or more) and which of its two half-days it is; other kinds
    have neither."""
    problems = {}
    if kind == "module":
        if not module_number:
            problems["module_number"] = "Give the module's number."
        if part not in (1, 2):
            problems["part"] = "Say whether this is part 1 or part 2 of the module."
    else:
        if module_number:
            problems["module_number"] = "Only a module session has a module number."
        if part:
            problems["part"] = "Only a module session has a part."
    return problems


def group_size_problems(group_size):
    if group_size is None or not (MIN_GROUP_SIZE <= group_size <= MAX_GROUP_SIZE):
        return f"Choose a group size from {MIN_GROUP_SIZE} to {MAX_GROUP_SIZE}."
    return ""


def _norm(text):
    return " ".join((text or "").casefold().split())


def propose_groups(people, group_size):
    """Co-consulting groups for ``people`` — ``(key, employer, role)`` tuples — of about ``group_size``.

    Report: "Programme participants also joined small co-consulting groups to support and challenge each
    other"; the programme recruited across organisations and roles so that peers learn from difference.
    So: as few groups as keep every group at most ``group_size`` (sizes differ by at most one), and each
    person goes, in a fixed order (people of the most common employer first), to the group with the
    fewest people of their employer, then of their role, then the fewest people, then the lowest number.
    An empty employer or role matches nobody. Deterministic: the same people always give the same groups.
    Returns a list of groups, each a list of keys in the order given."""
    people = list(people)
    if not people:
        return []
    count = -(-len(people) // group_size)
    base, extra = divmod(len(people), count)
    capacity = [base + (1 if i < extra else 0) for i in range(count)]
    employer_count = {}
    for _key, employer, _role in people:
        employer_count[_norm(employer)] = employer_count.get(_norm(employer), 0) + 1
    order = sorted(range(len(people)), key=lambda i: (
        -employer_count[_norm(people[i][1])] if _norm(people[i][1]) else 0, _norm(people[i][1]),
        _norm(people[i][2]), i))
    groups = [[] for _ in range(count)]
    employers = [{} for _ in range(count)]
    roles = [{} for _ in range(count)]
    for i in order:
        _key, employer, role = people[i]
        emp, rol = _norm(employer), _norm(role)
        best = min((g for g in range(count) if len(groups[g]) < capacity[g]), key=lambda g: (
            employers[g].get(emp, 0) if emp else 0, roles[g].get(rol, 0) if rol else 0, len(groups[g]), g))
        groups[best].append(i)
        if emp:
            employers[best][emp] = employers[best].get(emp, 0) + 1
        if rol:
            roles[best][rol] = roles[best].get(rol, 0) + 1
    return [[people[i][0] for i in sorted(group)] for group in groups]
