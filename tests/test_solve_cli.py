"""``roster solve`` and ``roster reschedule`` on tiny plans: exit status by design §6 (0 all
well, 1 critical posts short or no roster, 2 bad input), the language chosen globally, and
statuses in the leader's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from constraints import all_rules
from roster.check.judge import judge
from roster.cli.app import app
from roster.io import load_plan, read_roster_csv
from roster.plan.index import PlanIndex
from roster.roster import Roster
from tests.check_plans import GATES, SHORT_NIGHTS, write_folder

RUNNER = CliRunner()
FAST = ["--workers", "1", "--time-limit", "10"]


def solve(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = RUNNER.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout


def judged(plan_dir: Path, roster_csv: Path) -> tuple[int, int]:
    """Hard violations and critical gaps of a written roster, by the checker."""
    index = PlanIndex(load_plan(plan_dir))
    roster = Roster.from_assignments(index, read_roster_csv(roster_csv))
    report = judge(roster, all_rules(), "en")
    return len(report.hard), len(report.critical_gaps)


def test_all_well_is_0(tmp_path: Path) -> None:
    plan = write_folder(tmp_path / "plan", GATES)
    code, _ = solve("solve", plan, "--out", tmp_path / "out", *FAST)
    assert code == 0
    assert judged(plan, tmp_path / "out" / "roster.csv") == (0, 0)


def test_a_critical_post_nobody_can_take_is_1_and_the_roster_is_still_written(
    tmp_path: Path,
) -> None:
    # 4 person-nights needed at A (critical), 3 possible: one stays short whatever we do.
    plan = write_folder(tmp_path / "plan", SHORT_NIGHTS)
    code, stdout = solve("solve", plan, "--out", tmp_path / "out", *FAST, "--lang", "en")
    assert code == 1
    assert judged(plan, tmp_path / "out" / "roster.csv") == (0, 1)
    assert "Gaps: 1 post short" in stdout


def test_strict_and_infeasible_is_1_with_no_roster(tmp_path: Path) -> None:
    plan = write_folder(tmp_path / "plan", SHORT_NIGHTS)
    code, _ = solve("solve", plan, "--strict", "--out", tmp_path / "out", *FAST)
    assert code == 1
    assert not (tmp_path / "out" / "roster.csv").exists()
    assert json.loads((tmp_path / "out" / "solve.json").read_text())["status"] == "INFEASIBLE"


def test_bad_input_is_2_and_nothing_is_written(tmp_path: Path) -> None:
    broken = dict(GATES, **{"shifts.csv": GATES["shifts.csv"].replace("20:00,08:00", "20:00,8h")})
    plan = write_folder(tmp_path / "plan", broken)
    assert solve("solve", plan, "--out", tmp_path / "out", *FAST)[0] == 2
    assert not (tmp_path / "out").exists()
    assert solve("solve", tmp_path / "nope", "--out", tmp_path / "out2", *FAST)[0] == 2
    assert solve("solve", plan, "--lang", "fr", "--out", tmp_path / "out3")[0] == 2


def test_explain_is_0_feasible_1_explained_2_bad_input(tmp_path: Path) -> None:
    assert solve("explain", write_folder(tmp_path / "a", GATES))[0] == 0
    assert solve("explain", write_folder(tmp_path / "b", SHORT_NIGHTS))[0] == 1
    assert solve("explain", tmp_path / "nope")[0] == 2


def test_reschedule_leaving_a_critical_post_short_is_1(tmp_path: Path) -> None:
    plan = write_folder(tmp_path / "plan", GATES)
    assert solve("solve", plan, "--out", tmp_path / "out", *FAST)[0] == 0
    # s1-s3 fall ill for the whole period; s4 takes no nights, s5 is away on Tuesday: nobody
    # is left for Tuesday night at B (critical).
    absent = [arg for staff in ("s1", "s2", "s3") for arg in ("--absent", staff)]
    code, _ = solve(
        "reschedule",
        plan,
        tmp_path / "out" / "roster.csv",
        *absent,
        "--from",
        "2026-03-02",
        "--out",
        tmp_path / "repaired",
        *FAST,
    )
    assert code == 1
    hard, critical = judged(plan, tmp_path / "repaired" / "roster.csv")
    assert hard == 0
    assert critical >= 1


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["--lang", "zh", "solve"], {}, "zh"),  # global option, on an English plan
        (["solve"], {"ROSTER_LANG": "zh"}, "zh"),
        (["--lang", "en", "solve"], {"ROSTER_LANG": "zh"}, "en"),  # option before variable
        (["--lang", "zh", "solve", "--lang", "en"], {}, "en"),  # the command's own first
        (["solve"], {}, "en"),  # the plan's title: "check test"
    ],
)
def test_the_language_command_then_global_then_roster_lang_then_title(
    tmp_path: Path, args: list[str], env: dict[str, str], lang: str
) -> None:
    plan = write_folder(tmp_path / "plan", GATES)
    code, stdout = solve(*args, plan, "--out", tmp_path / "out", *FAST, env=env)
    assert code == 0
    assert ("求解状态：" in stdout) == (lang == "zh")
    assert ("Status: " in stdout) == (lang == "en")


def test_statuses_are_in_the_leaders_words(tmp_path: Path) -> None:
    plan = write_folder(tmp_path / "plan", GATES)
    _, zh = solve("solve", plan, "--out", tmp_path / "zh", *FAST, "--lang", "zh")
    _, en = solve("solve", plan, "--out", tmp_path / "en", *FAST, "--lang", "en")
    assert "求解状态：已证明最优" in zh
    assert "Status: proven best" in en
    short = write_folder(tmp_path / "short", SHORT_NIGHTS)
    _, strict = solve("solve", short, "--strict", "--out", tmp_path / "s", *FAST, "--lang", "zh")
    for name in ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"):
        assert name not in zh
        assert name not in strict


@pytest.mark.parametrize(
    ("lang", "critical", "raw"),
    [
        ("en", "[critical cover] posts short: 1", "best "),
        ("zh", "[关键覆盖] 缺人岗位：1", "当前最优"),
    ],
)
def test_progress_says_what_is_unmet_not_the_raw_cost(
    tmp_path: Path, lang: str, critical: str, raw: str
) -> None:
    # One night at A stays one person short (4 person-nights needed, 3 possible).
    plan = write_folder(tmp_path / "plan", SHORT_NIGHTS)
    result = RUNNER.invoke(
        app, ["solve", str(plan), "--out", str(tmp_path / "out"), *FAST, "--lang", lang]
    )
    lines = result.stderr.splitlines()
    level = critical.split("]")[0] + "]"
    assert [line for line in lines if line.startswith(level)][-1].startswith(critical)
    assert not [line for line in lines if raw in line]
