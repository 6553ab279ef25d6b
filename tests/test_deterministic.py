"""``--deterministic``: the same plan, seed and time limit give the same roster.

The example is far from proven in 1 s, so each run is cut by its limit: counted on the
clock, where the search is cut varies from run to run; counted in CP-SAT's deterministic
time, it does not.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from roster.cli.app import app

EXAMPLE = Path(__file__).parent.parent / "examples" / "nanchang-road"
RUNNER = CliRunner()


def solve_deterministic(out: Path) -> str:
    args = ["solve", str(EXAMPLE), "--out", str(out), "--time-limit", "1", "--seed", "3"]
    result = RUNNER.invoke(app, [*args, "--deterministic"])
    assert result.exit_code == 0, result.stdout
    return (out / "roster.csv").read_text(encoding="utf-8")


def test_same_plan_seed_and_limit_same_roster(tmp_path: Path) -> None:
    first = solve_deterministic(tmp_path / "first")
    assert solve_deterministic(tmp_path / "second") == first
    solved = json.loads((tmp_path / "first" / "solve.json").read_text())
    assert (solved["deterministic"], solved["workers"], solved["status"]) == (True, 1, "FEASIBLE")
