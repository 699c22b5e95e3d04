"""The call's rules, each pinned as a pure function (conveners/rules.py)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conveners import rules
from conveners.rules import Person, RuleBroken

NHS, INDUSTRY, THIRD, LA = "nhs", "industry", "third_sector", "local_authority"


def people(*sectors):
    return [Person(key=i, sector=s, is_lead=(i == 0), works_in_member_organisation=(s == NHS))
            for i, s in enumerate(sectors)]


# --- honorarium split -------------------------------------------------------------------------------

def test_honorarium_split_one_lead_gets_everything():
    shares, withheld = rules.honorarium_split(honorarium_pence=500000, people=people(NHS), policy="redistribute")
    assert shares == {0: 500000} and withheld == 0


def test_honorarium_split_two_coleads_halves():
    shares, withheld = rules.honorarium_split(honorarium_pence=500000, people=people(NHS, LA), policy="redistribute")
    assert shares == {0: 250000, 1: 250000} and withheld == 0


def test_honorarium_split_three_coleads_remainder_to_the_lead():
    shares, withheld = rules.honorarium_split(honorarium_pence=500000, people=people(NHS, NHS, NHS),
                                              policy="redistribute")
    assert shares == {0: 166668, 1: 166666, 2: 166666} and withheld == 0


def test_honorarium_split_industry_colead_redistribute_nhs_gets_all():
    shares, withheld = rules.honorarium_split(honorarium_pence=500000, people=people(INDUSTRY, NHS),
                                              policy="redistribute")
    assert shares == {0: 0, 1: 500000} and withheld == 0


def test_honorarium_split_industry_colead_withhold_pays_per_head_share():
    shares, withheld = rules.honorarium_split(honorarium_pence=500000, people=people(INDUSTRY, NHS),
                                              policy="withhold")
    assert shares == {0: 0, 1: 250000} and withheld == 250000


def test_honorarium_split_third_sector_is_ineligible_too():
    shares, _ = rules.honorarium_split(honorarium_pence=500000, people=people(NHS, THIRD, NHS), policy="withhold")
    assert shares == {0: 166668, 1: 0, 2: 166666}


def test_honorarium_split_unknown_policy_refused():
    with pytest.raises(ValueError):
        rules.honorarium_split(honorarium_pence=1, people=people(NHS), policy="keep")


@given(
    honorarium=st.integers(min_value=0, max_value=10_000_000),
    sectors=st.lists(st.sampled_from([NHS, INDUSTRY, THIRD, LA, "academia"]), min_size=1, max_size=6),
    policy=st.sampled_from(["redistribute", "withhold"]),
)
def test_honorarium_split_always_adds_up_to_the_penny(honorarium, sectors, policy):
    group = people(*sectors)
    shares, withheld = rules.honorarium_split(honorarium_pence=honorarium, people=group, policy=policy)
    assert sum(shares.values()) + withheld == honorarium
    assert all(v >= 0 for v in shares.values()) and withheld >= 0
    assert set(shares) == {p.key for p in group}
    for p in group:
        if p.sector in (INDUSTRY, THIRD):
            assert shares[p.key] == 0
    paid = [shares[p.key] for p in group if p.sector not in (INDUSTRY, THIRD)]
    if paid:
        assert max(paid) - min(paid) <= (honorarium % len(group) if policy == "withhold" else honorarium % len(paid))
        if policy == "redistribute":
            assert withheld == 0
    else:
        assert withheld == honorarium


# --- industry co-lead rule ------------------------------------------------------------------------

def test_industry_colead_rule_industry_alone_refused():
    with pytest.raises(RuleBroken, match="member organisations"):
        rules.check_industry_colead(people(INDUSTRY))


def test_industry_colead_rule_third_sector_with_non_member_colead_refused():
    group = [Person(key=0, sector=THIRD, is_lead=True), Person(key=1, sector=NHS, works_in_member_organisation=False)]
    with pytest.raises(RuleBroken):
        rules.check_industry_colead(group)


def test_industry_colead_rule_industry_with_member_colead_passes():
    assert rules.check_industry_colead(people(INDUSTRY, NHS)) is None  # no RuleBroken raised


def test_industry_colead_rule_nhs_alone_needs_nothing():
    assert rules.check_industry_colead([Person(key=0, sector=NHS, is_lead=True)]) is None


def test_number_of_leads_over_the_limit_refused():
    rules.check_number_of_leads(2, max_leads=2)
    with pytest.raises(RuleBroken, match="at most 2"):
        rules.check_number_of_leads(3, max_leads=2)


# --- deadline --------------------------------------------------------------------------------------

OPENS = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CLOSES = datetime(2026, 7, 1, 17, 0, tzinfo=UTC)


def test_deadline_open_window_passes():
    assert rules.check_submission_window(status="open", opens_at=OPENS, closes_at=CLOSES,
                                         now=CLOSES - timedelta(seconds=1)) is None


def test_deadline_passed_refused_with_the_time():
    with pytest.raises(RuleBroken, match="deadline has passed.*18:00"):
        rules.check_submission_window(status="open", opens_at=OPENS, closes_at=CLOSES, now=CLOSES)


def test_deadline_before_opening_or_draft_call_refused():
    with pytest.raises(RuleBroken, match="not open"):
        rules.check_submission_window(status="open", opens_at=OPENS, closes_at=CLOSES, now=OPENS - timedelta(1))
    with pytest.raises(RuleBroken, match="not open"):
        rules.check_submission_window(status="draft", opens_at=OPENS, closes_at=CLOSES, now=OPENS + timedelta(1))


# --- funded places --------------------------------------------------------------------------------

def _fund(**kw):
    args = {"funded_places": 5, "funded_now": 0, "domain_funded": False, "person_awards": 0,
            "max_awards_per_person": 1}
    args.update(kw)
    return rules.check_funded_places(**args)


def test_funded_places_within_limit_passes():
    assert _fund(funded_now=4) is None  # the fifth place can still be funded


def test_funded_places_sixth_refused():
    with pytest.raises(RuleBroken, match="All 5 funded places"):
        _fund(funded_now=5)


def test_funded_places_second_in_domain_refused():
    with pytest.raises(RuleBroken, match="this domain"):
        _fund(domain_funded=True)


def test_funded_places_person_already_funded_refused():
    with pytest.raises(RuleBroken, match="already funded"):
        _fund(person_awards=1)


# --- conflicts ------------------------------------------------------------------------------------

def test_conflict_same_employer_flagged():
    reasons = rules.conflict_reasons(reviewer_employer="Example NHS Trust", lead_employers=["example  nhs trust"],
                                     sponsor_organisation="")
    assert reasons == ["You work for the same employer as a lead or co-lead."]


def test_conflict_sponsor_flagged():
    assert rules.conflict_reasons(reviewer_employer="A & B Trust", lead_employers=["Other"],
                                  sponsor_organisation="A and B Trust")


def test_conflict_none_and_unknown_employer_not_flagged():
    assert rules.conflict_reasons(reviewer_employer="Trust X", lead_employers=["Trust Y"],
                                  sponsor_organisation="Z") == []
    assert rules.conflict_reasons(reviewer_employer="", lead_employers=[""], sponsor_organisation="") == []


# --- scoring and ranking --------------------------------------------------------------------------

def test_score_out_of_range_refused():
    rules.check_score(5, scale_max=5)
    for bad in (-1, 6, True, 2.5):
        with pytest.raises(RuleBroken, match="0 to 5"):
            rules.check_score(bad, scale_max=5)


def test_weighted_percent_weights_criteria():
    assert rules.weighted_percent([(5, 5, 3), (0, 5, 1)]) == 75
    assert rules.weighted_percent([]) is None


def test_ranking_statistics_flags_disagreement():
    stats = rules.ranking_statistics([90, 40])
    assert stats["mean"] == 65 and stats["spread"] == 50 and stats["disagreement"]
    assert not rules.ranking_statistics([70, 80])["disagreement"]
    assert rules.ranking_statistics([])["mean"] is None


def test_balanced_assignment_spreads_load_and_skips_conflicts():
    apps, reviewers = list(range(6)), ["r1", "r2", "r3"]
    pairs = rules.balanced_assignment(applications=apps, reviewers=reviewers, per_application=2, existing=set(),
                                      conflicted={(0, "r1")})
    assert (0, "r1") not in pairs
    assert all(sum(1 for a, _ in pairs if a == app) == 2 for app in apps)
    loads = [sum(1 for _, r in pairs if r == rv) for rv in reviewers]
    assert max(loads) - min(loads) <= 1


def test_outcome_release_late_needs_a_reason():
    assert rules.outcome_release_check(outcome_by=date(2026, 9, 8), today=date(2026, 9, 8), override_reason="") is False
    with pytest.raises(RuleBroken, match="reason"):
        rules.outcome_release_check(outcome_by=date(2026, 9, 8), today=date(2026, 9, 9), override_reason=" ")
    assert rules.outcome_release_check(outcome_by=date(2026, 9, 8), today=date(2026, 9, 9), override_reason="Panel ill")


def test_outcome_date_at_risk_flagged_a_week_before():
    assert rules.outcome_date_at_risk(outcome_by=date(2026, 9, 8), today=date(2026, 9, 2), released=False)
    assert not rules.outcome_date_at_risk(outcome_by=date(2026, 9, 8), today=date(2026, 8, 1), released=False)
    assert not rules.outcome_date_at_risk(outcome_by=date(2026, 9, 8), today=date(2026, 9, 9), released=True)
