"""The rules of a call for conveners, each in one pure function that cites its source.

Sources: the HIN FAQ (seed ``001_…``, cited as "FAQ §n") and the product's decisions in
``docs/conveners.md`` (cited as "decision n"). These functions take plain values, touch no database, and
raise :class:`RuleBroken` (a ``ValidationError``) with a message a person can act on, or return a value.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError

INELIGIBLE_SECTORS = frozenset({"industry", "third_sector"})
DISAGREEMENT_SPREAD = 25.0  # percentage points between the highest and lowest reviewer


class RuleBroken(ValidationError):
    """A rule of the call refuses the action; the message says why and what to do."""


@dataclass(frozen=True)
class Person:
    """What the rules need to know about a lead or co-lead."""

    key: object
    sector: str
    works_in_member_organisation: bool = False
    is_lead: bool = False
    confirmed: bool = True
    name: str = ""


def is_honorarium_eligible(sector):
    """FAQ §7: "we will not be able to provide the honorarium to industry partners"; decision 4 applies
    it to industry and third-sector co-leads alike."""
    return sector not in INELIGIBLE_SECTORS


def _equal_split(total, keys):
    """``total`` pence split equally among ``keys``, exact to the penny, remainder pence to the first
    (the lead comes first). Decision 3."""
    if not keys:
        return {}
    base, remainder = divmod(total, len(keys))
    shares = {key: base for key in keys}
    shares[keys[0]] += remainder
    return shares


def honorarium_split(*, honorarium_pence, people, policy):
    """Split one funded domain's honorarium among its lead and co-leads.

    FAQ §4: "the £5k honorarium would be split amongst co-leads"; FAQ §7: none is paid to industry
    partners. Decision 3: split equally among those eligible, exact to the penny, remainder pence to the
    lead. Decision 4: an ineligible person's share is ``"redistribute"``d to the eligible people (so an
    NHS co-lead beside an industry lead receives the whole honorarium) or, under ``"withhold"``, the
    eligible people receive only their per-head share of an equal split among everyone.

    ``people`` is a list of :class:`Person` with the lead first. Returns ``(shares, withheld)``:
    ``shares`` maps every person's key to pence (0 for the ineligible), and ``sum(shares) + withheld ==
    honorarium_pence`` always.
    """
    if honorarium_pence < 0:
        raise ValueError("An honorarium cannot be negative.")
    ordered = sorted(people, key=lambda p: not p.is_lead)  # stable: the lead first, the rest as given
    eligible = [p.key for p in ordered if is_honorarium_eligible(p.sector)]
    shares = {p.key: 0 for p in ordered}
    if policy == "redistribute":
        shares.update(_equal_split(honorarium_pence, eligible))
    elif policy == "withhold":
        everyone = _equal_split(honorarium_pence, [p.key for p in ordered])
        for key in eligible:
            shares[key] = everyone[key]
    else:
        raise ValueError(f"Unknown policy for an ineligible share: {policy!r}")
    withheld = honorarium_pence - sum(shares.values())
    return shares, withheld


def check_industry_colead(people):
    """FAQ §7 / decision 5: an industry or third-sector applicant must name a co-lead "who currently
    works within a current HIN NHS member organisation" — one whose employer is on the host's list of
    member organisations. Raises :class:`RuleBroken` if not."""
    if not any(p.sector in INELIGIBLE_SECTORS for p in people):
        return
    if any(p.works_in_member_organisation and p.sector not in INELIGIBLE_SECTORS for p in people):
        return
    raise RuleBroken(
        "An applicant from industry or the third sector must name a co-lead who works in one of the "
        "host's member organisations. Add that co-lead and tick “Employer is a member organisation”."
    )


def check_number_of_leads(count, *, max_leads):
    """FAQ §4 / decision 2: "two people may apply together to co-lead a domain" — a lead plus co-leads,
    ``max_leads`` people in all (2 by default)."""
    if count < 1:
        raise RuleBroken("Name the lead of the application.")
    if count > max_leads:
        raise RuleBroken(f"This call allows at most {max_leads} people per application (a lead and "
                         f"{max_leads - 1} co-lead{'s' if max_leads - 1 != 1 else ''}).")


COLEAD_CONFIRMS = ("domain", "employer", "sector")
SPONSOR_CONFIRMS = ("sponsor_organisation", "sponsor_name", "sponsor_email")


def confirmation_stands(*, confirmed, now_reads, fields):
    """Issue 8 §1 ("Confirmation links") and decision 5: a confirmation is of what the person was shown. A
    co-lead confirms that they co-lead this domain, employed where and in the sector the applicant says
    (``COLEAD_CONFIRMS``; the sector and employer decide eligibility and the honorarium split); a sponsor
    confirms their organisation's support through the named contact (``SPONSOR_CONFIRMS``). When any of
    ``fields`` differs between ``confirmed`` and ``now_reads`` (dicts; case, spacing and "&"/"and" do not
    count), the confirmation no longer stands: it is reset and asked for again."""
    return all(_normalise(confirmed.get(f)) == _normalise(now_reads.get(f)) for f in fields)


def award_limit_allows(*, person_awards, max_awards_per_person):
    """Decision 1 and decision 6: a person is funded in at most ``max_awards_per_person`` domains per
    call, also when a declined award passes to a reserve — a reserve whose lead or co-lead already holds
    that many awards (``person_awards``: the most any of its people hold) is passed over."""
    return person_awards < max_awards_per_person


def check_submission_window(*, status, opens_at, closes_at, now):
    """FAQ §9 and the call's dates: applications are submitted (and edited, withdrawn) only while the
    call is open — after ``opens_at`` and before ``closes_at``. The server enforces it, whatever the form
    showed. Raises :class:`RuleBroken` if not."""
    if status != "open" or now < opens_at:
        raise RuleBroken("This call is not open for applications.")
    if now >= closes_at:
        raise RuleBroken(f"The deadline has passed: applications closed at {_uk(closes_at)}. "
                         "Your draft is kept, but it can no longer be submitted.")


def check_funded_places(*, funded_places, funded_now, domain_funded, person_awards, max_awards_per_person):
    """FAQ §8 / decision 6: "Five domains / conveners will be selected to receive funding" — at most
    ``funded_places`` funded applications (the panel may fund fewer), at most one per domain. Decision 1:
    a person is funded in at most ``max_awards_per_person`` domains per call.

    ``funded_now``: applications already funded (not counting this one); ``domain_funded``: another
    application in this domain is funded; ``person_awards``: the most awards any of this application's
    people already hold in the call."""
    if funded_now >= funded_places:
        raise RuleBroken(f"All {funded_places} funded places are taken. Record this application as "
                         "supported without funding, a reserve, or change another decision first.")
    if domain_funded:
        raise RuleBroken("Another application in this domain is already funded (one funded application "
                         "per domain). Record this one as a reserve for the domain instead.")
    if person_awards >= max_awards_per_person:
        domains = "domain" if max_awards_per_person == 1 else "domains"
        raise RuleBroken("A lead or co-lead of this application is already funded in this call; a person "
                         f"may be funded in at most {max_awards_per_person} {domains} per call.")


def _normalise(name):
    return " ".join((name or "").casefold().replace("&", "and").split())


def conflict_reasons(*, reviewer_employer, lead_employers, sponsor_organisation):
    """Decision "Reviewing" (conveners.md): a reviewer with the same employer as a lead, or whose
    employer is the sponsor, is in conflict — flagged automatically, the reviewer cannot open or score
    the application and is left out of its averages. Returns the reasons (empty when none)."""
    mine = _normalise(reviewer_employer)
    if not mine:
        return []
    reasons = []
    if any(_normalise(e) == mine for e in lead_employers):
        reasons.append("You work for the same employer as a lead or co-lead.")
    if _normalise(sponsor_organisation) == mine:
        reasons.append("You work for the sponsoring organisation.")
    return reasons


def check_score(value, *, scale_max):
    """The rubric (call set-up): each criterion is scored on a whole number from 0 to its scale."""
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= scale_max:
        raise RuleBroken(f"Enter a whole number from 0 to {scale_max}.")


def weighted_percent(scores):
    """One reviewer's weighted score as a percentage: ``scores`` is a list of ``(value, scale_max,
    weight)``; sum(value/scale × weight) / sum(weight) × 100. ``None`` when nothing is scored."""
    total_weight = sum(w for _, _, w in scores)
    if not scores or total_weight == 0:
        return None
    return sum(v / s * w for v, s, w in scores if s) / total_weight * 100


def ranking_statistics(reviewer_percents):
    """The panel's view of one application (decision "Reviewing"): the mean of the reviewers' weighted
    percentages, their spread (highest − lowest) and a disagreement flag when the spread exceeds
    ``DISAGREEMENT_SPREAD`` points. Conflicted reviewers are left out by the caller."""
    values = [p for p in reviewer_percents if p is not None]
    if not values:
        return {"mean": None, "spread": None, "disagreement": False, "count": 0}
    spread = max(values) - min(values)
    return {"mean": sum(values) / len(values), "spread": spread,
            "disagreement": len(values) > 1 and spread > DISAGREEMENT_SPREAD, "count": len(values)}


def balanced_assignment(*, applications, reviewers, per_application, existing, conflicted):
    """Load-balanced assignment (issue §3): each application gets ``per_application`` reviewers (or all
    there are), chosen among those without a conflict, the least loaded first (ties by order given).

    ``existing``: set of ``(application, reviewer)`` pairs already assigned; ``conflicted``: pairs that
    must not be assigned. Returns the new pairs."""
    load = {r: 0 for r in reviewers}
    for _, r in existing:
        if r in load:
            load[r] += 1
    new = []
    for app in applications:
        have = sum(1 for a, _ in existing if a == app)
        candidates = [r for r in reviewers if (app, r) not in existing and (app, r) not in conflicted]
        while have < per_application and candidates:
            candidates.sort(key=lambda r: (load[r], reviewers.index(r)))
            chosen = candidates.pop(0)
            load[chosen] += 1
            new.append((app, chosen))
            have += 1
    return new


def outcome_release_check(*, outcome_by, today, override_reason):
    """FAQ §9 / decision 7: outcomes are released together, on or before the published date; releasing
    later needs an override with a reason (and applicants are told of the delay). Returns ``True`` when
    the release is late (with a reason given); raises :class:`RuleBroken` when late without one."""
    if today <= outcome_by:
        return False
    if not (override_reason or "").strip():
        raise RuleBroken(f"The published outcome date ({outcome_by:%-d %B %Y}) has passed. Give a reason "
                         "for the delay to release the outcomes; applicants will be told of it.")
    return True


def outcome_date_at_risk(*, outcome_by, today, released, days=7):
    """Decision 7: flag a call whose outcomes are not released within ``days`` of the published date."""
    return not released and (outcome_by - today).days <= days


# --- the call's terms -----------------------------------------------------------------------------

INELIGIBLE_SHARE_POLICIES = ("redistribute", "withhold")


def call_terms_problems(funded_places, people_per_application, honorarium_pence, *,
                        max_awards_per_person=None, reviewers_per_application=None, ineligible_share=None,
                        opens_at=None, closes_at=None, outcome_by=None):
    """The terms a call is published on (docs/conveners.md: "each is a setting on the call", decisions
    1–4, 6 and 7), checked before they are saved. Returns readable messages, empty when the terms hold.

    Decision 6 funds at least one place ("the panel may fund fewer", never none); decision 2 needs room
    for at least the lead; decision 3's honorarium is a sum of money, never negative; decision 1 allows
    each person at least one award; reviewing needs at least one reviewer per application; decision 4's
    share policy is redistribute or withhold; the call closes after it opens, and the outcomes (decision
    7) cannot be promised before the call has closed. Arguments left ``None`` are not checked."""
    problems = []
    if funded_places is not None and funded_places < 1:
        problems.append("A call funds at least one place.")
    if people_per_application is not None and people_per_application < 1:
        problems.append("An application names at least one person, its lead.")
    if honorarium_pence is not None and honorarium_pence < 0:
        problems.append("The honorarium cannot be negative.")
    if max_awards_per_person is not None and max_awards_per_person < 1:
        problems.append("A person may be funded in at least one domain.")
    if reviewers_per_application is not None and reviewers_per_application < 1:
        problems.append("Each application needs at least one reviewer.")
    if ineligible_share is not None and ineligible_share not in INELIGIBLE_SHARE_POLICIES:
        problems.append("Choose whether an ineligible co-lead's share is redistributed or withheld.")
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        problems.append("The call must close after it opens.")
    if closes_at is not None and outcome_by is not None and outcome_by < _local_date(closes_at):
        problems.append("The outcome date cannot be before the call closes.")
    return problems


def call_terms_locked(call_status):
    """Decisions 3, 4 and 6 with docs/conveners.md (each term is "shown to applicants and reviewers on the
    call page"): once the call has opened (status ``open`` or any later one) people apply on its published
    terms, so the money fields (funded places, honorarium) and the share policy cannot change. Only a
    draft call's terms may."""
    return call_status != "draft"


# --- decisions ---------------------------------------------------------------------------------------

def decision_problems(application, call, *, people):
    """Re-check, when the panel decides, every rule an application had to meet to be submitted, so a
    decision never rests on one that slipped through (issue §3, "decisions"). ``application`` and
    ``call`` are read for plain attributes only (``status``, ``submitted_at``; ``max_leads``,
    ``closes_at``); ``people`` are its leads as :class:`Person`. Returns readable messages.

    The rules: submitted, and before the deadline (FAQ §9, :func:`check_submission_window`'s closing
    time); a lead plus co-leads within ``max_leads`` (FAQ §4 / decision 2, :func:`check_number_of_leads`);
    every co-lead confirmed by e-mail (decision 2); an industry or third-sector applicant has a co-lead
    from a member organisation (FAQ §7 / decision 5, :func:`check_industry_colead`)."""
    problems = []
    if application.status != "submitted":
        problems.append("Only a submitted application can be decided.")
    elif application.submitted_at is None or application.submitted_at >= call.closes_at:
        problems.append("This application was not submitted before the deadline.")
    for check in (lambda: check_number_of_leads(len(people), max_leads=call.max_leads),
                  lambda: check_industry_colead(people)):
        try:
            check()
        except RuleBroken as exc:
            problems.extend(exc.messages)
    waiting = [p.name or str(p.key) for p in people if not p.confirmed]
    if waiting:
        problems.append("Waiting for confirmation by e-mail from: " + ", ".join(waiting) + ".")
    return problems


def reviews_short(required, submitted):
    """Reviewing (docs/conveners.md) with the call's ``reviewers_per_application``: how many reviews an
    application still lacks, for the "fewer reviews than required" warning (0 when it has enough)."""
    return max(0, required - submitted)


def _local_date(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()


def _uk(moment: datetime):
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%-d %B %Y, %H:%M")
