"""Figures for the example plans: how each level of a solve ends, and how well a repair does
when each person in turn falls ill (``roster bench examples`` and ``roster bench reschedule``).

Every figure about a roster is recomputed by the rules' own code; the solver only reports
its status, bound and time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from roster.check.violations import check, hard_violations
from roster.engine.solve import solve
from roster.io import load_plan
from roster.jobs.reschedule import NewAbsence, changes, repair_plan
from roster.plan.index import PlanIndex
from roster.plan.model import Tier
from roster.result import SolverConfig, SolveResult
from roster.roster import Roster
from roster.rules import Rule, Violation


@dataclass(frozen=True)
class LevelRow:
    """One level of one example's solve."""

    example: str
    level: str
    status: str
    objective: int | None
    bound: int | None
    seconds: float


def critical_gaps(violations: Sequence[Violation]) -> int:
    """People missing on critical posts, by the coverage rule's own count."""
    return sum(
        v.amount
        for v in violations
        if v.rule == "coverage" and v.tier is Tier.CRITICAL and "need" in v.details
    )


def bench_examples(
    plans: Sequence[Path],
    rules: Sequence[Rule],
    config: SolverConfig,
    on_row: Callable[[LevelRow], None],
) -> list[tuple[Path, SolveResult, list[Violation]]]:
    """Solve each plan, report every level, and check the roster with the rules."""
    runs = []
    for path in plans:
        result = solve(PlanIndex(load_plan(path)), rules, config)
        for level in result.tiers:
            on_row(
                LevelRow(
                    path.name,
                    "+".join(t.value for t in level.level),
                    level.status.value,
                    level.objective,
                    level.bound,
                    round(level.seconds, 2),
                )
            )
        violations = check(result.roster, rules) if result.roster else []
        runs.append((path, result, violations))
    return runs


@dataclass(frozen=True)
class RepairRow:
    """One person falling ill: their duties left, the changes a repair needs, and how it went."""

    staff_id: str
    remaining: int
    changes: int
    others: int
    critical_gaps: int
    hard: int
    stability_status: str
    seconds: float

    @property
    def ratio(self) -> float:
        """Changes to other people's duties per duty the ill person had left."""
        return self.others / self.remaining if self.remaining else 0.0


def bench_reschedule(
    path: Path,
    start: dt.datetime,
    rules: Sequence[Rule],
    solve_config: SolverConfig,
    repair_config: SolverConfig,
    on_row: Callable[[RepairRow], None],
) -> list[RepairRow]:
    """Solve ``path`` once, then for each person with duties from ``start`` on: they fall ill
    at ``start``; repair and count the changes."""
    plan = load_plan(path)
    published = solve(PlanIndex(plan), rules, solve_config)
    assert published.roster is not None
    rows = published.roster.assignments()
    later = Counter(r.staff_id for r in rows if r.date >= start.date())
    found = []
    for staff_id, remaining in sorted(later.items(), key=lambda kv: (-kv[1], kv[0])):
        began = time.monotonic()
        index = PlanIndex(repair_plan(plan, rows, [NewAbsence(staff_id, start)]))
        result = solve(index, rules, repair_config, hint=Roster.from_assignments(index, rows))
        seconds = time.monotonic() - began
        stability = next((t.status.value for t in result.tiers if Tier.STABILITY in t.level), "-")
        if result.roster is None:
            row = RepairRow(
                staff_id, remaining, -1, -1, -1, -1, result.status.value, round(seconds, 2)
            )
        else:
            violations = check(result.roster, rules)
            changed = changes(result.roster)
            row = RepairRow(
                staff_id,
                remaining,
                len(changed),
                sum(1 for c in changed if c.staff_id != staff_id),
                critical_gaps(violations),
                len(hard_violations(violations)),
                stability,
                round(seconds, 2),
            )
        on_row(row)
        found.append(row)
    return found
