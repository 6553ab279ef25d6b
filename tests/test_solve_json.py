"""``solve.json`` says for each level why it ended: proven, infeasible, interrupted, time."""

from __future__ import annotations

import json
from pathlib import Path

from roster.jobs.solve import why_stopped
from roster.plan.model import Tier
from roster.result import SolveResult, Status, TierResult
from tests.check_plans import GATES, write_folder
from tests.test_solve_cli import FAST, solve


def _result(*statuses: Status, interrupted: bool = False) -> SolveResult:
    tiers = [TierResult((Tier.CRITICAL,), s, 0, 0, 1.0) for s in statuses]
    return SolveResult(Status.FEASIBLE, None, tiers, interrupted=interrupted)


def test_each_level_says_why_it_ended() -> None:
    ran = _result(Status.OPTIMAL, Status.FEASIBLE, Status.FEASIBLE)
    assert [why_stopped(ran, k) for k in range(3)] == ["proven", "time", "time"]
    stopped = _result(Status.OPTIMAL, Status.FEASIBLE, interrupted=True)
    assert [why_stopped(stopped, k) for k in range(2)] == ["proven", "interrupted"]
    assert why_stopped(_result(Status.INFEASIBLE), 0) == "infeasible"


def test_a_small_plan_proves_every_level(tmp_path: Path) -> None:
    plan = write_folder(tmp_path / "plan", GATES)
    code, _ = solve("solve", plan, "--out", tmp_path / "out", *FAST)
    levels = json.loads((tmp_path / "out" / "solve.json").read_text())["levels"]
    assert code == 0
    assert levels
    assert {level["stopped"] for level in levels} == {"proven"}
