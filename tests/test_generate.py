"""Generated plans: they load without problems, the same seed gives the same files, their
proportions are the example's, and a tiny one solves with no hard violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from constraints import all_rules
from roster.bench.generate import (
    compounds_for,
    demand_per_staff_day,
    generate_plan,
    write_plan,
)
from roster.bench.scale import TABLE_HEADER, pick_samples, run_isolated, run_size, table_line
from roster.check.violations import check, hard_violations
from roster.cli.app import app
from roster.engine.solve import solve
from roster.io import load_plan
from roster.io.write import OutputError
from roster.plan.index import PlanIndex
from roster.plan.model import Role
from roster.result import SolverConfig

SIZES = [(12, 3, 7), (26, 8, 7), (120, 37, 28)]


@pytest.mark.parametrize(("staff", "compounds", "days"), SIZES)
def test_generated_plan_loads_unchanged(
    tmp_path: Path, staff: int, compounds: int, days: int
) -> None:
    plan = generate_plan(staff, compounds, days, seed=3)
    write_plan(plan, tmp_path / "plan")
    assert load_plan(tmp_path / "plan") == plan  # no PlanError: no problems at all


def test_same_seed_same_files_other_seed_other_plan(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_plan(generate_plan(60, 18, 14, seed=7), tmp_path / name)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == [
        "absences.csv",
        "compounds.csv",
        "demand.csv",
        "plan.toml",
        "shifts.csv",
        "staff.csv",
    ]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert generate_plan(60, 18, 14, seed=8) != generate_plan(60, 18, 14, seed=7)


@pytest.mark.parametrize("staff", [26, 200, 1000])
def test_proportions_of_the_example(staff: int) -> None:
    plan = generate_plan(staff, compounds_for(staff), 7, seed=1)
    n = len(plan.staff)
    # The example needs 0.73 people per person and day.
    assert 0.6 <= demand_per_staff_day(plan) <= 0.85
    unmanaged = [c for c in plan.compounds if c.unmanaged]
    assert 0.15 <= len(unmanaged) / len(plan.compounds) <= 0.35
    assert all(c.round_the_clock == c.unmanaged for c in plan.compounds)
    roles = [s.role for s in plan.staff]
    assert 0.08 <= roles.count(Role.LEADER) / n <= 0.16
    assert 0.10 <= roles.count(Role.VOLUNTEER) / n <= 0.20
    if staff >= 200:  # shares of random draws: only meaningful for many people
        assert 0.6 <= sum("lead" in s.skills for s in plan.staff) / n <= 0.8
        assert 0.18 <= sum(bool(s.profiles) for s in plan.staff) / n <= 0.32
    assert abs(len({a.staff for a in plan.absences}) / n - 0.08) < 0.03
    for absence in plan.absences:
        assert 2 <= (absence.end - absence.start).days <= 4
    assert set(plan.profiles) >= {p for s in plan.staff for p in s.profiles}


def test_big_plans_are_split_into_areas_of_about_eight_compounds() -> None:
    assert all(c.area is None for c in generate_plan(30, 11, 7, seed=1).compounds)
    plan = generate_plan(200, 62, 7, seed=1)
    areas = {c.area for c in plan.compounds}
    assert len(areas) == round(62 / 8)
    by_id = {c.id: c for c in plan.compounds}
    for area in areas:  # each has its share of the unmanaged compounds
        assert any(c.unmanaged for c in plan.compounds if c.area == area)
    for person in plan.staff:
        assert len(person.areas) == 1
        if person.home_compound is not None:
            assert person.areas == (by_id[person.home_compound].area,)


def test_write_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(OutputError):
        write_plan(generate_plan(12, 3, 7, seed=0), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_tiny_plan_solves_without_hard_violation() -> None:
    rules = all_rules()
    index = PlanIndex(generate_plan(12, 3, 7, seed=0))
    result = solve(index, rules, SolverConfig(time_limit=5, workers=1, seed=0))
    assert result.roster is not None
    assert hard_violations(check(result.roster, rules)) == []


def test_cli_generate_then_refuse(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "plan"
    args = ["generate", "--staff", "30", "--compounds", "9", "--days", "7", "--seed", "2"]
    first = runner.invoke(app, [*args, "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert len(load_plan(out).staff) == 30
    again = runner.invoke(app, [*args, "--out", str(out)])
    assert again.exit_code == 2


def test_run_size_measures_a_small_plan() -> None:
    config = SolverConfig(time_limit=4, workers=1, seed=0)
    row = run_size(12, 3, 7, config)
    assert row.outcome == "solved"
    assert row.variables is not None
    assert row.variables > 0
    assert row.hard == 0
    assert row.samples
    assert row.levels
    assert row.peak_mib is not None
    assert row.peak_mib > 0
    assert len(pick_samples(row.samples, 2)) <= 2 * len(row.levels)
    assert table_line(row).count("|") == TABLE_HEADER.splitlines()[0].count("|")


def test_run_isolated_solves_and_reports_a_timeout() -> None:
    row = run_isolated(12, 3, 7, SolverConfig(time_limit=2, workers=1, seed=0))
    assert row.outcome == "solved"
    assert row.first_covered is not None
    assert row.critical_missing == 0
    # No time to even start: reported, not raised.
    late = run_isolated(12, 3, 7, SolverConfig(time_limit=0.1, workers=1), grace=0.0)
    assert late.outcome == "timeout (model not built)"
