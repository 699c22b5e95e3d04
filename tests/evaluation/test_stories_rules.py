"""The pure rules of stories and the pulse (evaluation.rules, "Stories and the pulse" section)."""

from datetime import UTC, datetime, timedelta

import pytest

from evaluation import rules

STATUSES = ("draft", "shared", "approved")
CONSENTS = ("", "community", "report", "public")


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("consent", CONSENTS)
def test_consent_by_use_matrix(status, consent):
    """Every (status, consent, use) cell: both the workflow and the narrator's consent must reach the use."""
    expected = {
        "community": status in ("shared", "approved") and consent in ("community", "report", "public"),
        "report": status == "approved" and consent in ("report", "public"),
        "public": status == "approved" and consent == "public",
    }
    assert {use: rules.story_usable_for(status, consent, use) for use in rules.USES} == expected


def test_no_consent_means_no_use_whatever_the_status():
    assert not any(rules.story_usable_for("approved", "", use) for use in rules.USES)


def test_an_unknown_use_is_an_error():
    with pytest.raises(ValueError):
        rules.story_usable_for("approved", "public", "brochure")


def test_furthest_cycle_counts_achieved_steps_along_the_chain():
    steps = [("immediate", "", False), ("potential", "", False), ("applied", "", False), ("realised", "", True)]
    assert rules.furthest_cycle(steps).key == "applied"
    assert rules.furthest_cycle(steps, include_aspirational=True).key == "realised"


def test_furthest_cycle_reads_the_evaluators_recoding_over_the_narrators():
    assert rules.furthest_cycle([("reframing", "applied", False)]).key == "applied"
    assert rules.furthest_cycle([("potential", "realised", False)]).key == "realised"


def test_furthest_cycle_ignores_cycles_beside_the_chain_unknown_and_blank():
    assert rules.furthest_cycle([("enabling", "", False), ("", "", False), ("nonsense", "", False)]) is None
    assert rules.furthest_cycle([]) is None


def test_evidence_status_needs_evidence_and_verification_an_evaluator():
    assert rules.evidence_status_problems("self_reported", evidence_count=0, by_evaluator=False) == []
    assert rules.evidence_status_problems("corroborated", evidence_count=0, by_evaluator=False)
    assert rules.evidence_status_problems("corroborated", evidence_count=1, by_evaluator=False) == []
    assert rules.evidence_status_problems("verified", evidence_count=1, by_evaluator=False)
    assert rules.evidence_status_problems("verified", evidence_count=1, by_evaluator=True) == []
    assert rules.evidence_status_problems("proven", evidence_count=3, by_evaluator=True)


def test_a_storys_evidence_status_is_its_weakest_steps():
    assert rules.story_evidence_status(["verified", "corroborated"]) == "corroborated"
    assert rules.story_evidence_status(["verified", "self_reported"]) == "self_reported"
    assert rules.story_evidence_status(["verified"]) == "verified"
    assert rules.story_evidence_status([]) == "self_reported"


def test_a_spine_in_order_with_repeated_because_is_fine():
    parts = [("once", "a"), ("every_day", "b"), ("one_day", "c"), ("because", "d"), ("because", "e"),
             ("until", "f"), ("ever_since", "g")]
    assert rules.spine_problems(parts) == []


@pytest.mark.parametrize(("parts", "message"), [
    ([("until", "x"), ("one_day", "y")], "comes before"),
    ([("one_day", "x"), ("one_day", "y")], "is told once"),
    ([("once", "x"), ("because", "y")], "Tell “One day…”"),
    ([("one_day", "x"), ("middle", "y")], "Unknown part"),
])
def test_a_spine_out_of_order_repeated_or_without_its_day_is_refused(parts, message):
    assert any(message in problem for problem in rules.spine_problems(parts))


def test_spine_parts_suggest_cycles_the_author_may_change():
    assert rules.spine_suggested_cycle("once") == ""
    assert rules.spine_suggested_cycle("one_day") == "immediate"
    assert rules.spine_suggested_cycle("because", 0) == "potential"
    assert rules.spine_suggested_cycle("because", 1) == "applied"
    assert rules.spine_suggested_cycle("until") == "realised"
    assert rules.spine_suggested_cycle("ever_since") == "reframing"
    assert all(rules.cycle(rules.spine_suggested_cycle(key)) is not None or key in ("once", "every_day")
               for key, _, _ in rules.SPINE)


def test_story_workflow_guards():
    kw = {"consent": "report", "is_narrator": True, "is_evaluator": False}
    assert rules.story_transition_problems("draft", "shared", **kw) == []
    assert rules.story_transition_problems("draft", "approved", **kw)  # no skipping
    assert rules.story_transition_problems("shared", "approved", **kw)  # the narrator does not approve
    assert rules.story_transition_problems("shared", "approved", consent="report", is_narrator=False,
                                           is_evaluator=True) == []
    assert rules.story_transition_problems("shared", "approved", consent="community", is_narrator=False,
                                           is_evaluator=True)  # consent does not reach reports
    assert rules.story_transition_problems("draft", "shared", consent="", is_narrator=True, is_evaluator=False)
    assert rules.story_transition_problems("draft", "shared", consent="public", is_narrator=False,
                                           is_evaluator=True)  # only the narrator shares


def _answers(n):
    return [{"worth_time": 4 + (i % 2), "could_contribute": 3, "takeaway": "tool" if i % 2 else "idea",
             "connection": "Ambulance service" if i == 0 else ""} for i in range(n)]


def test_pulse_summary_under_five_answers_shows_only_the_count():
    summary = rules.pulse_summary(_answers(4))
    assert summary == {"count": 4, "suppressed": True, "min_answers": 5}


def test_pulse_summary_from_five_answers_has_averages_and_distributions():
    summary = rules.pulse_summary(_answers(5))
    assert not summary["suppressed"] and summary["count"] == 5
    assert summary["worth_time"]["average"] == 4.4
    assert summary["worth_time"]["distribution"] == [(1, 0), (2, 0), (3, 0), (4, 3), (5, 2)]
    assert summary["could_contribute"]["average"] == 3.0
    assert summary["takeaways"] == {"idea": 3, "tool": 2}
    assert summary["connections"] == 1


def test_follow_up_due_only_with_consent_seed_once_and_after_the_days():
    now = datetime(2026, 11, 30, tzinfo=UTC)
    base = {"now": now, "days": 42, "consent": True, "has_seed": True, "queued_at": None}
    assert rules.pulse_followup_due(answered_at=now - timedelta(days=42), **base)
    assert not rules.pulse_followup_due(answered_at=now - timedelta(days=41), **base)
    assert not rules.pulse_followup_due(answered_at=now - timedelta(days=50), **base | {"consent": False})
    assert not rules.pulse_followup_due(answered_at=now - timedelta(days=50), **base | {"has_seed": False})
    assert not rules.pulse_followup_due(answered_at=now - timedelta(days=50), **base | {"queued_at": now})
