"""The cohort programme's rules, each in one pure function citing its source: applications and the
commitment to convene, the standard programme of sessions, session times and co-consulting groups.

Source: the CoP Leadership Development Programme report 2023–24 (seed ``004_…``), cited as "report". Like
:mod:`programmes.rules` (the lifecycle), these functions take plain values and touch no database.
"""

from dataclasses import dataclass

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
