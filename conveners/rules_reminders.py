"""The rules of the review deadline: reminder steps, what is due, how the deadline reads, the totals.

Source: issue 6 ("Reviewer reminders and totals"). A call may set a review deadline (a date after the
call closes) and reminder steps, in days before it ("7,1": a week and a day before). Reviewers with
unfinished assignments get one reminder per step; after the deadline only the manager's digest of who is
late goes out. Pure functions: plain values in, a value out or :class:`RuleBroken` with a message a
person can act on.
"""

from .rules import RuleBroken

DEFAULT_REMINDER_DAYS = "7,1"
MAX_REMINDER_DAYS = 90  # a reminder more than about three months ahead reminds no one
MAX_REMINDER_STEPS = 5

HOW_TO_WRITE = "Write days before the deadline as whole numbers separated by commas, for example 7,1."


def parse_reminder_days(text):
    """The reminder steps written in ``text`` ("7, 1"), largest first, each once. Empty text means no
    reminders (an empty list). Refuses anything else with a message naming the part that is wrong."""
    parts = [part.strip() for part in str(text or "").split(",")]
    if parts == [""]:
        return []
    steps = set()
    for part in parts:
        if not part:
            raise RuleBroken(f"A number is missing between two commas. {HOW_TO_WRITE}")
        if not part.isdigit() or not part.isascii():
            raise RuleBroken(f"“{part[:20]}” is not a whole number of days. {HOW_TO_WRITE}")
        days = int(part)
        if days < 1:
            raise RuleBroken("A reminder must go at least 1 day before the deadline: "
                             f"{days} is not allowed. {HOW_TO_WRITE}")
        if days > MAX_REMINDER_DAYS:
            raise RuleBroken(f"A reminder can go at most {MAX_REMINDER_DAYS} days before the deadline: "
                             f"{days} is too many.")
        steps.add(days)
    if len(steps) > MAX_REMINDER_STEPS:
        raise RuleBroken(f"Choose at most {MAX_REMINDER_STEPS} reminders; you wrote {len(steps)}.")
    return sorted(steps, reverse=True)


def format_reminder_days(steps):
    """``[7, 1]`` as the form shows and stores it: "7,1"."""
    return ",".join(str(step) for step in steps)


def reminder_days_words(steps):
    """``[7, 1]`` as a sentence reads it: "7 and 1 days"; ``[14, 7, 1]``: "14, 7 and 1 days"; ``[1]``:
    "1 day". Empty for no steps."""
    if not steps:
        return ""
    numbers = [str(step) for step in steps]
    listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
    return f"{listed} day{'s' if numbers != ['1'] else ''}"


def review_deadline_problems(review_deadline, closes_on):
    """The review deadline must come after the day the call closes (reviewing starts once applications
    are in). ``closes_on`` is the local date the call closes (or ``None``). Returns a list of messages."""
    if review_deadline is None or closes_on is None:
        return []
    if review_deadline <= closes_on:
        return [f"The review deadline must be after the call closes ({closes_on:%-d %B %Y}): "
                "choose a later date."]
    return []


def reminder_steps_due(deadline, steps, today, already_sent):
    """The reminder step to send a reviewer today, as a list of zero or one step.

    ``deadline``: the review deadline (or ``None``: no reminders); ``steps``: days before it; ``today``:
    the local date; ``already_sent``: steps this reviewer has had. The step due is the smallest one whose
    day has come (``days left <= step``): a reviewer whose 7-day reminder was missed (the deadline was set
    late, the sweep was down) gets only the nearer one, never two on one day. Nothing once the deadline
    has passed; on the deadline day itself the last step still goes ("due today")."""
    if deadline is None or not steps:
        return []
    days_left = (deadline - today).days
    if days_left < 0:
        return []
    reached = [step for step in steps if days_left <= step]
    if not reached:
        return []
    step = min(reached)
    return [] if step in set(already_sent) else [step]


def digest_due(deadline, today, already_sent):
    """The manager's late digest goes by itself once, on the first sweep after the deadline day (the day
    after, unless the sweep could not run then). ``already_sent``: whether a digest went for this call.
    A manager may ask for it again (:func:`digest_step`)."""
    return deadline is not None and today > deadline and not already_sent


def digest_step(deadline, today):
    """A digest's number: days past the deadline (1 on the day after). One digest per call per day:
    asking twice on one day sends nothing more. ``None`` before the deadline has passed."""
    if deadline is None or today <= deadline:
        return None
    return (today - deadline).days


def deadline_words(deadline, today):
    """How the review deadline reads to a reviewer: "5 days left", "1 day left", "due today",
    "1 day overdue", "3 days overdue". Empty without a deadline."""
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


def review_totals(reviews):
    """An application's total: ``reviews`` is a list of reviews, each a list of ``(value, scale_max)``
    for the criteria scored. Returns ``(points, out_of)``: the points all its reviewers gave together and
    the most they could have given. ``(0, 0)`` without reviews."""
    points = sum(value for review in reviews for value, _ in review)
    out_of = sum(scale for review in reviews for _, scale in review)
    return points, out_of


def reviewer_unfinished(assigned, done):
    """How many of a reviewer's assignments (conflicts left out) are not submitted yet; never negative."""
    return max(0, assigned - done)

