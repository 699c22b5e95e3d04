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
# ---------------------------------------------------------------------------------------------------------
# Stories and the pulse: value-creation stories, the story spine, consent per use, the
# post-meeting pulse. Sources: evaluation.md "Stories" and "Instruments"; brochure 000_… "Telling Stories".
# ---------------------------------------------------------------------------------------------------------

MAX_STEP_TEXT = 3000
MAX_PLAN = 1000
MAX_TITLE = 200
FORM_STEPS = "steps"
FORM_SPINE = "spine"
STORY_FORMS = [(FORM_STEPS, "Step by step, a prompt per cycle"), (FORM_SPINE, "A story spine")]

# Story spine (seed 004_…'s impact stories): its parts in order, and the cycle each part usually tells —
# only a suggestion: the author maps each part where they choose ([P]). "because" repeats.
SPINE = (
    ("once", "Once upon a time…", ""),
    ("every_day", "Every day…", ""),
    ("one_day", "One day…", "immediate"),
    ("because", "Because of that…", "potential"),
    ("until", "Until finally…", "realised"),
    ("ever_since", "And ever since then…", "reframing"),
)
SPINE_CHOICES = [(key, label) for key, label, _ in SPINE]
SPINE_LABELS = dict(SPINE_CHOICES)
SPINE_ORDER = {key: n for n, (key, _, _) in enumerate(SPINE)}
SPINE_REPEATABLE = {"because"}
SPINE_REQUIRED = ("one_day",)

# The value-creation story template (evaluation.md "Stories"): one prompt per cycle, none required.
STEP_PROMPTS = {
    "immediate": "A meaningful activity: what happened, and what was your experience of it?",
    "potential": "What did it produce for you: an idea, a tool, a contact, confidence?",
    "applied": "How did you use it in your practice? Where?",
    "realised": "What difference did it make to your or your organisation's performance?",
    "reframing": "Did it change how you, or others, define success?",
}

# Consent: each wider scope includes the narrower ones (evaluation.models.Consent).
USES = ("community", "report", "public")
_CONSENT_REACH = {"community": 1, "report": 2, "public": 3}
_STATUS_REACH = {"draft": 0, "shared": 1, "approved": 3}


def story_usable_for(status, consent, use):
    """May a story with ``status`` and the narrator's ``consent`` appear in ``use`` (community page,
    organisation report, public material)? Both the narrator's consent (per use, evaluation.md "Stories":
    "Consent per story and per use") and the workflow must allow it: a draft is nobody's but its
    narrator's; a story shared with the community appears there only; reports and public material take
    approved stories only. No consent, or consent withdrawn, and the story leaves everything."""
    if use not in _CONSENT_REACH:
        raise ValueError(f"Unknown use {use!r}")
    need = _CONSENT_REACH[use]
    return _CONSENT_REACH.get(consent or "", 0) >= need and _STATUS_REACH.get(status, 0) >= need


def effective_cycle(cycle_key, recoded_key=""):
    """The cycle an analysis counts: the evaluator's re-coding when there is one, else the narrator's tag
    (both are kept and shown; Dingyloudi & Strijbos 2015)."""
    return recoded_key or cycle_key or ""


def furthest_cycle(steps, *, include_aspirational=False):
    """The furthest cycle along the chain (1 immediate … 5 reframing) that a story's achieved steps reach,
    as a :class:`Cycle`, or None. ``steps`` are (cycle, recoded_cycle, aspirational) triples. Cycles beside
    the chain (orienting, enabling, strategic) and aspirational steps (an intended ending) do not count
    (framework 2011: a story follows value along the chain; aspirations are not yet value realised)."""
    best = None
    for cycle_key, recoded, aspirational in steps:
        if aspirational and not include_aspirational:
            continue
        found = cycle(effective_cycle(cycle_key, recoded))
        if found is not None and found.in_chain and (best is None or found.number > best.number):
            best = found
    return best


EVIDENCE_STATUSES = ("self_reported", "corroborated", "verified")


def evidence_status_problems(status, *, evidence_count, by_evaluator):
    """Why a step may not carry evidence ``status`` ([P], after evaluation.md's self-reported /
    corroborated / verified): corroborated needs at least one linked evidence item; verified needs one
    too, and only an evaluator or host staff may verify."""
    if status not in EVIDENCE_STATUSES:
        return ["Choose self-reported, corroborated or verified."]
    problems = []
    if status in ("corroborated", "verified") and evidence_count == 0:
        problems.append("Link at least one evidence item to mark the step corroborated or verified.")
    if status == "verified" and not by_evaluator:
        problems.append("Only an evaluator or the host's staff can mark a step verified.")
    return problems


def story_evidence_status(statuses):
    """A story's evidence status: that of its weakest achieved step (a chain is as strong as its weakest
    link), or self-reported when it has none."""
    rank = {status: n for n, status in enumerate(EVIDENCE_STATUSES)}
    known = [s for s in statuses if s in rank]
    return min(known, key=rank.__getitem__) if known else "self_reported"


def spine_problems(parts):
    """Problems with a story spine given as (part, text) pairs in the order written: parts must follow
    the spine's order, each but "Because of that…" at most once, and "One day…" must be told."""
    problems = []
    seen = []
    for part, _text in parts:
        if part not in SPINE_ORDER:
            problems.append(f"Unknown part of the story spine: {part!r}.")
            continue
        if part in seen and part not in SPINE_REPEATABLE:
            problems.append(f"“{SPINE_LABELS[part]}” is told once.")
        if seen and SPINE_ORDER[part] < SPINE_ORDER[seen[-1]]:
            problems.append(f"“{SPINE_LABELS[part]}” comes before “{SPINE_LABELS[seen[-1]]}” in a story spine.")
        seen.append(part)
    for part in SPINE_REQUIRED:
        if part not in seen:
            problems.append(f"Tell “{SPINE_LABELS[part]}”: the day something happened is the heart of the story.")
    return problems


def spine_suggested_cycle(part, repeat=0):
    """The cycle a spine part usually tells, for the author to accept or change: the first "Because of
    that…" is what it produced (potential), later ones how it was used (applied)."""
    if part == "because":
        return "potential" if repeat == 0 else "applied"
    for key, _, suggested in SPINE:
        if key == part:
            return suggested
    return ""


def story_transition_problems(current, target, *, consent, is_narrator, is_evaluator):
    """The story workflow (draft → shared with the community → approved for reports), guarded: the
    narrator shares (with consent for at least the community) and may take a shared story back to draft;
    an evaluator or host staff approves (the narrator's consent must reach reports) or returns it."""
    allowed = {("draft", "shared"): is_narrator, ("shared", "draft"): is_narrator or is_evaluator,
               ("shared", "approved"): is_evaluator, ("approved", "shared"): is_evaluator}
    if (current, target) not in allowed:
        return ["A story cannot move that way."]
    if not allowed[(current, target)]:
        return ["Only the narrator shares a story; only an evaluator or the host's staff approves one."]
    if target == "shared" and not consent:
        return ["Say how far your story may be used before you share it."]
    if target == "approved" and _CONSENT_REACH.get(consent or "", 0) < _CONSENT_REACH["report"]:
        return ["The narrator has not agreed to the story being used in reports: it cannot be approved."]
    return []


# Pulse: small numbers. Averages and distributions of fewer answers would let a convener who knows who
# came read off individual answers (evaluation.md "suppress counts under 5"): below this, only the count.
PULSE_MIN_ANSWERS = 5
SCALE = (1, 2, 3, 4, 5)


def pulse_summary(answers):
    """The pulse results of a meeting from ``answers`` — dicts with worth_time, could_contribute, takeaway,
    connection: the number of answers always; averages, the 1–5 distributions, takeaways and the share
    naming a new connection only from PULSE_MIN_ANSWERS answers (otherwise ``suppressed``)."""
    answers = list(answers)
    n = len(answers)
    summary = {"count": n, "suppressed": n < PULSE_MIN_ANSWERS, "min_answers": PULSE_MIN_ANSWERS}
    if summary["suppressed"]:
        return summary
    for field in ("worth_time", "could_contribute"):
        values = [a[field] for a in answers]
        summary[field] = {"average": round(sum(values) / n, 1),
                          "distribution": [(v, values.count(v)) for v in SCALE]}
    takeaways = {}
    for a in answers:
        if a.get("takeaway"):
            takeaways[a["takeaway"]] = takeaways.get(a["takeaway"], 0) + 1
    summary["takeaways"] = takeaways
    summary["connections"] = sum(1 for a in answers if (a.get("connection") or "").strip())
    return summary


def pulse_followup_due(*, answered_at, now, days, consent, has_seed, queued_at):
    """Is the follow-up to a pulse answer due (evaluation.md "Follow-up after about six weeks to those who
    left a seed")? Only with consent and a seed, once, ``days`` after the answer."""
    from datetime import timedelta

    return bool(consent and has_seed and queued_at is None and answered_at + timedelta(days=days) <= now)
