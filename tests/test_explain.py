"""``roster explain``: the minimal core of an infeasible strict plan, known by hand, in words,
and the cheapest relaxation."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from constraints import all_rules
from roster.cli.app import app
from roster.diagnose.explain import explain
from roster.io import load_plan
from tests.check_plans import GATES, SHORT_NIGHTS, write_folder

RUNNER = CliRunner()


def test_the_minimal_core_is_the_two_nights_and_the_three_night_limits(tmp_path: Path) -> None:
    plan = load_plan(write_folder(tmp_path / "plan", SHORT_NIGHTS))
    found = explain(plan, all_rules(), time_limit=20)

    assert found.verdict == "infeasible"
    assert found.minimal
    assert set(found.core) == {
        ("coverage", "A 2026-03-02 N"),
        ("coverage", "A 2026-03-03 N"),
        ("weekly_nights", "s1 2026-03-02..2026-03-03"),
        ("weekly_nights", "s2 2026-03-02..2026-03-03"),
        ("weekly_nights", "s3 2026-03-02..2026-03-03"),
    }
    assert [s.render("zh") for s in found.sentences] == [
        "night：A小区，3月2日、3月3日共需要4人次；能上的有3人（Person 1、Person 2、Person 3）；"
        "其他人：不上夜班 ×1（Person 4）；但按下列限制最多只有3人次。",
        "每周最多夜班：每周最多1个夜班：Person 1、Person 2、Person 3。",
    ]
    working = [r for r in found.relaxations if r.feasible]
    # A limit is preferred over coverage.
    assert [r.rule for r in working] == ["weekly_nights", "coverage"]
    assert working[0].sentence().render("en") == (
        "Maximum nights per week for Person 1, Person 2, Person 3"
    )
    lines = found.lines("en")
    assert lines[0].startswith("No roster can cover every critical post.")
    assert lines[-2] == "  1. Maximum nights per week for Person 1, Person 2, Person 3 (preferred)"
    assert lines[-1] == "  2. less critical demand: night at A小区"


def test_a_feasible_plan_has_nothing_to_explain(tmp_path: Path) -> None:
    plan = load_plan(write_folder(tmp_path / "plan", GATES))
    found = explain(plan, all_rules(), time_limit=20)
    assert (found.verdict, found.core) == ("feasible", [])


def test_cli_explain_and_solve_strict_print_the_explanation(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "plan", SHORT_NIGHTS)
    result = RUNNER.invoke(app, ["explain", str(folder), "--time-limit", "20", "--lang", "zh"])
    assert result.exit_code == 1
    assert "每周最多夜班：每周最多1个夜班：Person 1、Person 2、Person 3。" in result.stdout

    result = RUNNER.invoke(
        app,
        [
            "solve",
            str(folder),
            "--strict",
            "--out",
            str(tmp_path / "out"),
            "--workers",
            "1",
            "--time-limit",
            "10",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1
    assert "Maximum nights per week: at most 1 nights/week: Person 1, Person 2, Person 3." in (
        result.stdout
    )

    feasible = write_folder(tmp_path / "gates", GATES)
    result = RUNNER.invoke(app, ["explain", str(feasible)])
    assert result.exit_code == 0
    assert RUNNER.invoke(app, ["explain", str(tmp_path / "nope")]).exit_code == 2
