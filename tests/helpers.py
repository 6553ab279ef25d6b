"""Test helpers: judge a roster both ways, by the model and by the rules' own code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.check.violations import check, level_costs, tier_costs
from roster.engine.model import RosterModel
from roster.engine.solve import solve
from roster.plan.index import Duty, PlanIndex
from roster.plan.model import Plan, Tier
from roster.result import SolverConfig, SolveResult
from roster.roster import Roster
from roster.rules import Rule, Violation


@dataclass(frozen=True)
class ModelVerdict:
    """What the model says of a fixed roster: feasible, and the least cost per tier."""

    feasible: bool
    costs: dict[Tier, int]


def model_verdict(
    index: PlanIndex, rules: Sequence[Rule], roster: Roster, *, redundant: bool = False
) -> ModelVerdict:
    """Fix the assignment variables to ``roster`` and let only auxiliary variables move;
    with ``redundant``, every ``RosterModel.redundant`` constraint switched on."""
    model = RosterModel(index, rules)
    if redundant:
        model.switch_on(list(Tier))
    if not model.fix(roster):
        return ModelVerdict(False, {})
    tiers = model.tiers()
    model._cp.minimize(sum(model.tier_expr(t) for t in tiers))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    status = solver.solve(model._cp)
    assert status != cp_model.MODEL_INVALID
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assert status == cp_model.INFEASIBLE
        return ModelVerdict(False, {})
    assert status == cp_model.OPTIMAL
    return ModelVerdict(True, {t: round(solver.value(model.tier_expr(t))) for t in tiers})


def assert_model_agrees(index: PlanIndex, rules: Sequence[Rule], roster: Roster) -> list[Violation]:
    """The model accepts the roster exactly when no rule finds a hard violation, and each
    tier's least cost equals the sum of the rules' soft violation costs."""
    violations = check(roster, rules)
    verdict = model_verdict(index, rules, roster)
    hard = [v.message() for v in violations if v.hard]
    assert verdict.feasible == (not hard), (
        f"model feasible={verdict.feasible}, hard violations={hard}"
    )
    if verdict.feasible:
        expected = {t: c for t, c in tier_costs(violations).items() if c}
        got = {t: c for t, c in verdict.costs.items() if c}
        assert got == expected, f"model costs {got} != violation costs {expected}"
    return violations


def roster_of(index: PlanIndex, duties: Sequence[tuple[str, int, str, str]]) -> Roster:
    """A roster from (staff id, day, shift id, place) tuples."""
    made = []
    for staff_id, day, shift_id, place in duties:
        slot = index.slot(index.dates[day], shift_id)
        assert slot is not None
        made.append(Duty(index.person_by_id[staff_id].idx, slot, place))
    return Roster(index, tuple(made))


def solve_checked(plan: Plan, rules: Sequence[Rule], time_limit: float = 10) -> SolveResult:
    """Solve with a fixed seed, then assert the rules find no hard violation and that the
    recomputed tier costs equal the solver's."""
    index = PlanIndex(plan)
    result = solve(index, rules, SolverConfig(time_limit=time_limit, workers=1, seed=1))
    assert result.roster is not None, result
    violations = check(result.roster, rules)
    assert not [v.message() for v in violations if v.hard]
    recomputed = level_costs(violations, list(result.objective))
    assert recomputed == result.objective
    return result


def shortfalls(roster: Roster) -> dict[tuple[int, str, str], int]:
    """People missing per (day, shift id, place), as the coverage rule's own check finds them
    (summed over a post's demand rows; "nobody on watch" is not counted again)."""
    from constraints.coverage import Coverage

    rule = Coverage()
    found: dict[tuple[int, str, str], int] = {}
    for v in rule.violations(roster):
        if v.text.templates is rule.messages["short"]:
            assert v.date is not None
            assert v.shift is not None
            assert v.place is not None
            key = ((v.date - roster.index.plan.start).days, v.shift, v.place)
            found[key] = found.get(key, 0) + v.amount
    return found
