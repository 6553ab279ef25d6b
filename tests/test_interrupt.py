"""Ctrl-C at any moment of a solve stops it long before its time limit, keeps the best roster
so far (every hard rule held, by the rules' own check) and says so (``interrupted``).

The moments are driven by what the solve reports (its progress), not by fixed sleeps; the
time limit is long (60 s), so a run that ignores the signal shows as one that takes it all.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from constraints import all_rules
from roster.check.violations import check
from roster.engine import warm_up
from roster.engine.model import RosterModel
from roster.engine.solve import solve
from roster.io import load_plan, read_roster_csv
from roster.plan.index import PlanIndex
from roster.result import Progress, SolverConfig, SolveResult
from roster.roster import Roster

EXAMPLE = Path(__file__).parent.parent / "examples" / "nanchang-road"
LIMIT = 60.0


def ctrl_c() -> None:
    """What the terminal does on Ctrl-C: SIGINT to the process (from any thread)."""
    os.kill(os.getpid(), signal.SIGINT)


def assert_stopped_with_a_good_roster(result: SolveResult, sent: float | None) -> None:
    assert sent is not None, "the moment never came"
    assert time.monotonic() - sent < LIMIT / 3  # returned long before the limit
    assert result.interrupted
    assert not result.hit_time_limit
    assert result.roster is not None
    assert not [v.message() for v in check(result.roster, all_rules()) if v.hard]


def test_ctrl_c_while_the_model_is_built() -> None:
    index = PlanIndex(load_plan(EXAMPLE))
    sent: list[float] = []

    def prepare(model: RosterModel) -> None:  # runs right after the rules are stated
        sent.append(time.monotonic())
        ctrl_c()

    result = solve(index, all_rules(), SolverConfig(time_limit=LIMIT), prepare=prepare)
    assert_stopped_with_a_good_roster(result, sent[0])


@pytest.mark.parametrize("level", [1, 3])
def test_ctrl_c_during_a_later_tier(level: int) -> None:
    """From CP-SAT's own thread, at the first roster of the level: the main thread is then
    inside CP-SAT, where Python's handler cannot run."""
    index = PlanIndex(load_plan(EXAMPLE))
    levels = RosterModel(index, all_rules()).levels()
    sent: list[float] = []

    def on_progress(progress: Progress) -> None:
        if progress.level == levels[level] and not sent:
            sent.append(time.monotonic())
            ctrl_c()

    result = solve(index, all_rules(), SolverConfig(time_limit=LIMIT), on_progress=on_progress)
    assert_stopped_with_a_good_roster(result, sent[0] if sent else None)


def test_ctrl_c_during_a_free_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``free`` phase of a joined level runs on a solver of its own: Ctrl-C stops it too."""
    plan = load_plan(EXAMPLE)
    plan = plan.model_copy(update={"tiers": ("critical+high+coverage", "fairness", "preferences")})
    index = PlanIndex(plan)
    sent: list[float] = []
    real_free = warm_up.free

    def free(*args: object, **kwargs: object) -> object:
        sent.append(time.monotonic() + 0.5)
        threading.Timer(0.5, ctrl_c).start()
        return real_free(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(warm_up, "free", free)
    # The warm-up (critical alone) is proven at once, so the level is held, then freed.
    result = solve(index, all_rules(), SolverConfig(time_limit=LIMIT, greedy_start=False))
    if not sent:
        pytest.skip("the warm-up did not hold the level on this run: no free phase")
    time.sleep(max(0.0, sent[0] - time.monotonic()) + 0.1)  # the timer has fired
    assert_stopped_with_a_good_roster(result, sent[0] - 0.5)


def run_until(line_wanted: Callable[[str], bool], out: Path) -> tuple[float, int, str]:
    """Run ``python -m roster solve`` on the example; send SIGINT when a progress line on
    stderr is ``line_wanted``. Return the seconds from the signal to the exit, the exit
    status and stdout."""
    command = [sys.executable, "-m", "roster", "solve", str(EXAMPLE), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--time-limit", str(LIMIT), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line_wanted(line):
            break
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=LIMIT * 2)
    return time.monotonic() - sent, process.returncode, stdout


@pytest.mark.parametrize("tier", ["[critical cover]", "[high cover]", "[fairness]"])
def test_the_command_stops_writes_and_says_so(tmp_path: Path, tier: str) -> None:
    seconds, code, stdout = run_until(lambda line: line.startswith(tier), tmp_path / "out")
    assert seconds < LIMIT / 3
    assert code in (0, 1), stdout
    assert "stopped by Ctrl-C" in stdout
    solved = json.loads((tmp_path / "out" / "solve.json").read_text())
    assert solved["interrupted"] is True
    assert solved["hit_time_limit"] is False
    index = PlanIndex(load_plan(EXAMPLE))
    roster = Roster.from_assignments(index, read_roster_csv(tmp_path / "out" / "roster.csv"))
    assert not [v.message() for v in check(roster, all_rules()) if v.hard]
