"""``roster batch``'s parts without a cluster: units, the resume hash, one unit's task, the
city's table and page, bad input, and ``roster generate city``. The cluster itself:
``tests/test_batch_cluster.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from constraints import all_rules
from roster.batch.city import city_table, render_city, write_city
from roster.batch.run import default_jobs, solve_workers
from roster.batch.task import BatchOptions, UnitResult, solve_unit
from roster.batch.units import BatchInputError, Unit, discover, read_unit, unit_hash
from roster.bench.city import BROKEN_SHIFT, MAX_STAFF, MIN_STAFF, generate_city
from roster.bench.generate import generate_plan, write_plan
from roster.check.spare import spare_minutes_by_day
from roster.cli.app import app
from roster.io import load_plan
from roster.jobs.solve import solve_plan
from roster.plan.validate import validate_plan
from roster.result import SolverConfig

RUNNER = CliRunner()


def test_units_are_plan_folders_and_workbooks(tmp_path: Path) -> None:
    write_plan(generate_plan(8, 3, 2, seed=1), tmp_path / "a")
    (tmp_path / "b.xlsx").write_bytes(b"not really a workbook")
    (tmp_path / "~$b.xlsx").write_bytes(b"Excel's lock file")
    (tmp_path / "notes").mkdir()  # no plan.toml, no CSV: not a unit
    (tmp_path / "notes" / "readme.txt").write_text("hello")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "city.csv").write_text("unit\n")
    units = discover(tmp_path, skip=tmp_path / "out")
    assert [(u.name, u.workbook) for u in units] == [("a", False), ("b", True)]
    data = read_unit(units[0])
    assert "plan.toml" in data.files
    assert "staff.csv" in data.files


def test_the_hash_follows_the_plan_bytes_and_the_options(tmp_path: Path) -> None:
    write_plan(generate_plan(8, 3, 2, seed=1), tmp_path / "a")
    (unit,) = discover(tmp_path)
    options = BatchOptions(time_limit=2.0)
    before = unit_hash(read_unit(unit), options.fingerprint())
    assert before == unit_hash(read_unit(unit), options.fingerprint())
    other_machine = BatchOptions(time_limit=2.0, workers=8)
    assert before == unit_hash(read_unit(unit), other_machine.fingerprint())
    assert before != unit_hash(read_unit(unit), BatchOptions(time_limit=3.0).fingerprint())
    staff = tmp_path / "a" / "staff.csv"
    staff.write_bytes(staff.read_bytes() + b"\n")
    assert before != unit_hash(read_unit(unit), options.fingerprint())


def test_a_unit_task_writes_what_roster_solve_writes(tmp_path: Path) -> None:
    write_plan(generate_plan(9, 3, 2, seed=2), tmp_path / "plans" / "a")
    (unit,) = discover(tmp_path / "plans")
    options = BatchOptions(time_limit=5.0, workers=1, deterministic=True)
    result = solve_unit(read_unit(unit), options)
    assert result.status == "solved", result.error
    solved = solve_plan(unit.path, tmp_path / "solve", all_rules(), options.config())
    assert sorted(result.files) == sorted(p.name for p in solved.written)
    assert result.files["roster.csv"] == (tmp_path / "solve" / "roster.csv").read_bytes()
    assert result.staff == 9
    assert result.critical_gaps == sum(g.need.priority.value == "critical" for g in solved.gaps)
    assert set(result.spare_hours_by_day) == {"2026-03-02", "2026-03-03"}


def test_an_invalid_unit_comes_back_with_its_problems(tmp_path: Path) -> None:
    result = solve_unit(read_unit(_broken_unit(tmp_path)), BatchOptions(time_limit=2.0, lang="en"))
    assert result.status == "invalid"
    assert result.exit_code == 2
    assert "demand.csv row" in result.error
    assert BROKEN_SHIFT in result.error
    assert str(tmp_path) not in result.error  # the worker's temporary folder is not shown


def _broken_unit(tmp_path: Path) -> Unit:
    from roster.bench.city import break_plan

    plan = generate_plan(8, 3, 2, seed=3)
    write_plan(plan, tmp_path / "plans" / "bad")
    break_plan(tmp_path / "plans" / "bad", plan.compounds[0].id)
    (unit,) = discover(tmp_path / "plans")
    return unit


def test_spare_capacity_is_per_day_and_never_negative(tmp_path: Path) -> None:
    write_plan(generate_plan(12, 3, 3, seed=4), tmp_path / "p")
    config = SolverConfig(time_limit=5.0, workers=1, deterministic=True)
    outcome = solve_plan(tmp_path / "p", tmp_path / "out", all_rules(), config)
    assert outcome.result.roster is not None
    spare = spare_minutes_by_day(outcome.result.roster, all_rules())
    assert list(spare) == list(outcome.index.dates)
    assert all(minutes >= 0 for minutes in spare.values())
    # Nobody could take more than one extra 24-hour duty a day.
    assert all(m <= 24 * 60 * len(outcome.plan.staff) for m in spare.values())


def _results() -> list[UnitResult]:
    return [
        UnitResult(
            "b<&>",
            "solved",
            staff=12,
            posts=40,
            critical_gaps=1,
            high_gaps=0,
            normal_gaps=2,
            low_gaps=0,
            unmanaged_night_holes=1,
            unmanaged_night_hole_hours=12.0,
            spare_hours_by_day={"2026-03-02": 6.0, "2026-03-03": 0.0},
            solve_status="OPTIMAL",
            solve_seconds=1.5,
        ),
        UnitResult("a", "invalid", error='demand.csv row 3: unknown shift "x"', exit_code=2),
    ]


def test_city_table_columns() -> None:
    frame = city_table(_results())
    assert list(frame.columns[:11]) == [
        "unit",
        "status",
        "staff",
        "posts",
        "critical_gaps",
        "unmanaged_night_holes",
        "unmanaged_night_hole_hours",
        "high_gaps",
        "normal_gaps",
        "low_gaps",
        "spare_hours",
    ]
    assert "spare_hours_2026-03-02" in frame.columns
    assert frame.loc[0, "spare_hours"] == 6.0
    assert frame["staff"].isna().tolist() == [False, True]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_city_page_is_offline_escaped_and_in_both_languages(tmp_path: Path, lang: str) -> None:
    assert lang in ("zh", "en")
    written = write_city(tmp_path, _results(), "zh" if lang == "zh" else "en")
    assert [p.name for p in written] == ["city.csv", "city.html"]
    assert (tmp_path / "city.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    html = (tmp_path / "city.html").read_text(encoding="utf-8")
    assert "b&lt;&amp;&gt;" in html
    assert "b<&>" not in html
    assert "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert ("各单位" in html) == (lang == "zh")
    assert ("Spare hours" in html) == (lang == "en")


def test_city_page_without_any_roster() -> None:
    html = render_city(city_table(_results()[1:]), "en")
    assert "No unit has a roster yet." in html


def test_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    missing = RUNNER.invoke(app, ["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert missing.exit_code == 2
    assert "no such folder" in missing.output
    (tmp_path / "empty").mkdir()
    empty = RUNNER.invoke(app, ["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "o")])
    assert empty.exit_code == 2
    assert "no unit plans" in empty.output
    same = RUNNER.invoke(app, ["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "empty")])
    assert same.exit_code == 2
    with pytest.raises(BatchInputError):
        discover(tmp_path / "nope")


def test_workers_per_solve_keep_to_the_cores() -> None:
    assert solve_workers(1, available=2) == 2
    assert solve_workers(2, available=2) == 1
    assert solve_workers(4, available=2) == 1
    assert solve_workers(3, available=16) == 5
    assert default_jobs(2) == 1
    assert default_jobs(1) == 1
    assert default_jobs(16) == 8
    assert solve_workers(default_jobs(16), available=16) == 2


def test_generate_city_mixes_sizes_and_is_reproducible(tmp_path: Path) -> None:
    city = generate_city(30, seed=5)
    assert [u.name for u in city[:2]] == ["unit001", "unit002"]
    staff = [len(u.plan.staff) for u in city]
    assert all(MIN_STAFF <= n <= MAX_STAFF for n in staff)
    assert min(staff) <= 25 < max(staff)
    assert all(3 <= len(u.plan.compounds) <= 20 for u in city)
    assert all(any(c.unmanaged for c in u.plan.compounds) for u in city)
    assert [u.plan for u in generate_city(30, seed=5)] == [u.plan for u in city]

    folder = str(tmp_path / "city")
    result = RUNNER.invoke(
        app,
        ["generate", "city", "--units", "3", "--seed", "1", "--invalid", "1", "--out", folder],
    )
    assert result.exit_code == 0, result.output
    assert "3 units" in result.output
    names = sorted(p.name for p in (tmp_path / "city").iterdir())
    assert names == ["unit001", "unit002", "unit003"]
    load_plan(tmp_path / "city" / "unit001")
    with pytest.raises(Exception, match=BROKEN_SHIFT):
        load_plan(tmp_path / "city" / "unit003")
    again = RUNNER.invoke(
        app, ["generate", "city", "--units", "3", "--out", str(tmp_path / "city")]
    )
    assert again.exit_code == 2


def test_generate_one_plan_still_works(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["generate", "--out", str(tmp_path / "p"), "--staff", "10"])
    assert result.exit_code == 0, result.output
    assert "10 staff" in result.output
    assert RUNNER.invoke(app, ["generate"]).exit_code == 2


def test_every_generated_unit_is_a_valid_plan() -> None:
    # Seed 1's unit070 (12 staff) once drew nobody for the survey errand.
    city = generate_city(80, seed=1)
    assert [u.name for u in city if validate_plan(u.plan)] == []
