"""The evaluator's pictures as charts with their figures, for the views page and the value-cycle report
alike (one place builds them, so the page and the PDF show the same SVG).

``outside=True`` (the report, a document that may leave the organisation) holds back counts of people
under 5 (:func:`evaluation.rules_reports.held_back`): participation tiers, the people and ties of the
boundary-crossing picture."""

from . import charts, rules, rules_reports
from .selectors import overview


def _hold(value, outside):
    return rules_reports.held_back(value, outside=outside)


def pictures(scope, *, use=None, outside=False, today=None, cycle_set=None, phase_of=None):
    """Every picture of ``scope``: ``{"matrix", "flow", "grid", "tiers", "boundary"}`` data, and ``charts``
    keyed by name. About a dozen queries whatever the number of communities; fewer when the caller has
    already read ``scope.cycle_set()`` or the communities' phases (``{community id: phase}``, every
    community in scope)."""
    cycle_set = cycle_set or scope.cycle_set()
    # Counts and rows two pictures each draw on, fetched once.
    evidence = overview.evidence_counts(scope, [c.key for c in rules.cycles_of(cycle_set)])
    steps = overview.step_counts(scope, use=use)
    members = overview.memberships(scope)
    matrix = overview.value_matrix(scope, use=use, cycle_set=cycle_set, evidence=evidence, steps=steps)
    flow = overview.value_flow(scope, use=use)
    grid = overview.phase_cycle_grid(scope, use=use, cycle_set=cycle_set, evidence=evidence, steps=steps,
                                     phase_of=phase_of)
    tiers = overview.participation_tiers(scope, today=today, members=members)
    boundary = overview.boundary(scope, today=today, members=members)
    names = [row["cycle"].name for row in matrix["rows"]]
    made = {
        "ladder": charts.bar_chart(
            "ladder", "The cycle ladder: evidence items and story steps per cycle",
            [(row["cycle"].name, [row["values"][2], row["values"][3]]) for row in matrix["rows"]],
            series=["Evidence items", "Story steps"]),
        "matrix": charts.heatmap(
            "matrix", "The value-creation matrix: effect data and stories per cycle", names, matrix["columns"],
            [row["values"] for row in matrix["rows"]]),
        "flow": charts.funnel(
            "flow", f"Value flow: how far {flow['stories']} stor{'y' if flow['stories'] == 1 else 'ies'} reach",
            [(cycle.name, n) for cycle, n in flow["reach"]]),
        "grid": charts.heatmap(
            "grid", "Phase × cycle: evidence items and story steps by lifecycle phase",
            [f"{row['phase'].number}. {row['phase'].name} ({row['communities']})" for row in grid["rows"]],
            [c.name for c in grid["cycles"]], [row["values"] for row in grid["rows"]]),
        "tiers": charts.stacked_columns(
            "tiers", "Participation tiers by quarter: core, active and peripheral members",
            [(p["quarter"], [_hold(p[key], outside) for key, _ in rules_reports.TIERS]) for p in tiers["periods"]],
            series=[label for _, label in rules_reports.TIERS]),
        "boundary": charts.line_trend(
            "boundary", "Boundary crossing: organisations, professions and sectors spanned, month by month",
            [h["month"].strftime("%b %Y") for h in boundary["history"]],
            [(label, [_hold(h[key], outside) if key == "members" else h[key] for h in boundary["history"]])
             for key, label in (("organisations", "Organisations"), ("professions", "Professions"),
                                ("sectors", "Sectors"))]),
        "ties": charts.bar_chart(
            "ties", "Ties made at meetings in the last year, and those crossing a boundary",
            [(label, _hold(boundary["ties"][key], outside)) for key, label in (
                ("ties", "All ties"), ("cross_org", "Crossing an organisation"),
                ("cross_profession", "Crossing a profession"), ("crossing", "Crossing either"))],
            series=["Ties"]),
    }
    boundary["now_shown"] = {key: _hold(value, outside) for key, value in boundary["now"].items()}
    boundary["bridging_shown"] = _hold(boundary["bridging"], outside)
    return {"matrix": matrix, "flow": flow, "grid": grid, "tiers": tiers, "boundary": boundary, "charts": made,
            "cycle_set": cycle_set}
