"""The solver's cost per level against the rules' (``jobs.solve.verify``).

When the last reading of the costs is proven, they must be equal; when it ran out of time
(a busy machine), a held level's cost may keep slack above what the roster costs, so only a
rule cost above the solver's is a bug. A roster one person short of a two-person night
makes the numbers: the rules count the shortfall, and the test adds slack by hand.
"""

from __future__ import annotations

import dataclasses

import pytest

from constraints import all_rules
from roster.check.violations import check, level_costs
from roster.jobs.solve import RosterBug, verify
from roster.plan.index import PlanIndex
from roster.plan.model import Tier
from roster.result import SolveResult, Status, TierResult
from tests.helpers import roster_of
from tests.plans import tiny_plan


def _result(extra: int, *, exact: bool) -> SolveResult:
    """The rules' own costs of a roster, as a solve would report them, plus ``extra`` on
    the first level that costs anything."""
    index = PlanIndex(tiny_plan())
    roster = roster_of(index, [("s1", 0, "N", "A")])
    rules = all_rules()
    costs = level_costs(check(roster, rules), [(Tier(t),) for t in index.plan.tiers])
    assert any(costs.values())  # the night is short: something to add slack to
    first = next(level for level, cost in costs.items() if cost)
    tiers = [
        TierResult(level, Status.OPTIMAL, cost + (extra if level == first else 0), 0, 0.1)
        for level, cost in costs.items()
    ]
    return SolveResult(Status.FEASIBLE, roster, tiers, costs_exact=exact)


def test_equal_costs_agree_exact_or_not() -> None:
    for exact in (True, False):
        verify(_result(0, exact=exact), all_rules(), "en")


def test_slack_is_a_bug_only_when_the_costs_were_read_exactly() -> None:
    verify(_result(3, exact=False), all_rules(), "en")
    with pytest.raises(RosterBug):
        verify(_result(3, exact=True), all_rules(), "en")


def test_a_rule_cost_above_the_solvers_is_always_a_bug() -> None:
    for exact in (True, False):
        with pytest.raises(RosterBug):
            verify(_result(-1, exact=exact), all_rules(), "en")


def test_a_missing_level_is_a_bug() -> None:
    result = _result(0, exact=False)
    result = dataclasses.replace(result, tiers=result.tiers[1:])
    assert result.costs_disagree(level_costs([], [t.level for t in _result(0, exact=False).tiers]))
