"""Rules of cross-community events (Basecamps), each a pure function citing its source: plain values in,
readable problems out (``{field: message}``, empty when the event may go ahead).

Source: the Co-Creation Network booklet (seed ``003_…``): "face-to-face meetings (or “Basecamps” when
several communities meet)"; "Basecamp One gave these emerging Communities a chance to meet in person";
``domain.md``, "Support offered by the host": the host "runs Basecamps (events where several communities
meet)".
"""

import re

MIN_COMMUNITIES = 2  # booklet: a Basecamp is when *several* communities meet; one community has a meeting
MAX_TITLE = 200
MAX_DESCRIPTION = 10000
MAX_NOTES = 20000

_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")


def event_problems(*, title, starts_at, ends_at, place, online_link, community_count, upcoming):
    """What is wrong with an event's details.

    - The title is one line: it becomes the subject of the invitation e-mail and the calendar entry.
    - An event ends after it starts (the database holds the same check).
    - It brings several communities together (booklet: Basecamps are "when several communities meet"): at
      least :data:`MIN_COMMUNITIES`; one community on its own schedules a meeting of its own instead.
    - An upcoming event says where people meet: a place, an online link or both. One that already happened
      is being recorded, not announced."""
    problems = {}
    title = title or ""
    if not title.strip():
        problems["title"] = "Enter a title."
    elif _LINE_BREAK.search(title):
        problems["title"] = "Write the title on one line: it becomes the subject of the invitation e-mail."
    elif len(title.strip()) > MAX_TITLE:
        problems["title"] = f"Keep the title to {MAX_TITLE} characters."
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        problems["end_time"] = "The event must end after it starts: choose an end later than the start."
    if community_count < MIN_COMMUNITIES:
        problems["communities"] = ("Choose at least two communities: a Basecamp is where several communities meet "
                                   "(a single community schedules a meeting of its own).")
    if upcoming and not (place or "").strip() and not (online_link or "").strip():
        problems["place"] = "Say where people will meet, or give an online link (or both)."
    return problems


def may_answer(*, is_cancelled, has_started):
    """Whether an invitee may still say yes, no or maybe: until the event starts, unless it was cancelled."""
    return not is_cancelled and not has_started


def may_record(*, is_cancelled, has_started):
    """Whether attendance and notes may be recorded: once the event has started, unless it was cancelled
    (booklet: the Basecamp summary is written from the day itself)."""
    return has_started and not is_cancelled


def may_cancel(*, is_cancelled, has_started):
    """Whether an event may be cancelled: one still to come, not cancelled already."""
    return not is_cancelled and not has_started


def invitees(memberships_by_community):
    """The people to invite, once each: ``memberships_by_community`` maps a community to the user ids of its
    members; a person in two of the communities is invited (and e-mailed) once. Sorted for a stable order."""
    return sorted({uid for ids in memberships_by_community.values() for uid in ids})
