"""Reading back a roster.xlsx grid as a leader edits it: names typed by hand, misspelt or
with extra spaces, matched to staff; names that match nobody reported with the closest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from constraints import all_rules
from roster.check.gaps import gaps
from roster.check.violations import check
from roster.cli.app import app
from roster.io import load_plan
from roster.io.grid import NameLookup, read_roster_grid, split_names
from roster.io.roster_file import read_roster
from roster.jobs.check import check_roster
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Staff
from roster.plan.validate import PlanError
from roster.report.tables import Published
from roster.report.xlsx import write_roster_xlsx
from roster.roster import Roster
from tests.check_plans import GATES, HOLEY_ROWS, roster_csv, write_folder
from tests.helpers import roster_of
from tests.reports import DUTIES, report_plan

MONDAY, TUESDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 3)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "plan", GATES)


def grid_workbook(path: Path, rows: Sequence[Sequence[str | None]]) -> Path:
    """A workbook in the layout roster.xlsx prints: title, dates, weekdays, then place ×
    shift rows with names in the day cells, and a legend under the grid."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "排班表"
    ws.append(["check test 排班表 3月2日至3月3日"])
    ws.append(["地点", "班次", dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 3)])
    ws.append([None, None, "周一", "周二"])
    for row in rows:
        ws.append(list(row))
    ws.append([])
    ws.append(["黄色：无物业小区；红色：缺人；灰色：无需排班。"])
    workbook.save(path)
    return path


HAND_EDITED: list[tuple[str, str, str, str | None]] = [
    ("A小区", "day 08:00–20:00", "Person 1", None),
    ("A小区", "night 20:00–08:00", " Person  2 ", "Person 3"),
    ("B小区（无物业）", "day 08:00–20:00", "Persn 4", "person 4"),  # misspelt, lower case
    ("B小区（无物业）", "night 20:00–08:00", "缺1人", "Person 2"),  # the solver's own note
]


def test_a_hand_edited_grid_reads_back_with_a_misspelt_name(plan_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_dir)
    grid = read_roster_grid(grid_workbook(tmp_path / "roster.xlsx", HAND_EDITED), plan)
    assert grid.problems == []
    assert [(m.where, m.typed, m.staff.id) for m in grid.matches] == [
        ("排班表!C6", "Persn 4", "s4")
    ]
    assert grid.matches[0].note().render("zh") == "“Persn 4”按 Person 4（s4）读取"
    expected = {
        Assignment(date=date, shift=shift, place=place, staff_id=staff)
        for staff, date, shift, place in [
            ("s1", MONDAY, "D", "A"),
            ("s2", MONDAY, "N", "A"),
            ("s3", TUESDAY, "N", "A"),
            ("s4", MONDAY, "D", "B"),
            ("s4", TUESDAY, "D", "B"),
            ("s2", TUESDAY, "N", "B"),
        ]
    }
    assert set(grid.assignments) == expected  # = HOLEY_ROWS
    assert grid.where[0] == "排班表!C4"


def test_a_name_that_matches_nobody_is_reported_with_the_closest(
    plan_dir: Path, tmp_path: Path
) -> None:
    rows = [*HAND_EDITED[:3], ("B小区（无物业）", "night 20:00–08:00", "Persom 9", "Person 2")]
    plan = load_plan(plan_dir)
    source = read_roster(grid_workbook(tmp_path / "roster.xlsx", rows), plan)
    assert [p.render("en") for p in source.problems] == [
        'roster.xlsx 排班表!C7: cannot match the name "Persom 9" to anyone in staff.csv '
        "(closest: Person 1, Person 2, Person 3)"
    ]
    assert [n.render("en") for n in source.notes] == ['排班表!C6: "Persn 4" read as Person 4 (s4)']
    # The rest is read and checked.
    report = check_roster(plan, source.assignments, all_rules())
    assert len(report.roster.duties) == 6


def test_cli_check_of_an_edited_workbook(plan_dir: Path, tmp_path: Path) -> None:
    rows = [*HAND_EDITED[:3], ("B小区（无物业）", "night 20:00–08:00", "Persom 9", "Person 2")]
    (tmp_path / "edited").mkdir()
    path = grid_workbook(tmp_path / "edited" / "roster.xlsx", rows)
    out = str(tmp_path / "o")
    result = CliRunner().invoke(
        app, ["check", str(plan_dir), str(path), "--out", out, "--lang", "en"]
    )
    assert result.exit_code == 2
    assert 'roster.xlsx 排班表!C7: cannot match the name "Persom 9"' in result.stderr
    assert '"Persn 4" read as Person 4 (s4)' in result.stdout
    assert "B小区 (unmanaged)  2 Mar 20:00–08:00" in result.stdout  # still checked

    fixed = grid_workbook(tmp_path / "edited" / "roster.xlsx", HAND_EDITED)
    result = CliRunner().invoke(app, ["check", str(plan_dir), str(fixed), "--out", out])
    assert result.exit_code == 1  # B's Monday night is a critical gap


def test_the_solver_workbook_reads_back_exactly(plan_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_dir)
    index = PlanIndex(plan)
    (tmp_path / "r.csv").write_text(roster_csv(HOLEY_ROWS), encoding="utf-8")
    roster = Roster.from_assignments(index, read_roster(tmp_path / "r.csv", plan).assignments)
    rules = all_rules()
    violations = check(roster, rules)
    for lang in ("zh", "en"):
        path = write_roster_xlsx(
            tmp_path / f"{lang}.xlsx",
            Published(roster, violations, gaps(roster, violations, rules, lang), rules),
            lang,
        )
        grid = read_roster_grid(path, plan)
        assert (grid.problems, grid.matches) == ([], [])
        assert sorted(grid.assignments, key=str) == sorted(roster.assignments(), key=str)


def test_names_split_on_lines_and_separators_but_not_inside_a_name() -> None:
    lookup = NameLookup.of(
        [Staff(id="s1", name="Li Na"), Staff(id="s2", name="张三"), Staff(id="s3", name="李四")]
    )
    assert split_names("Li Na\n张三", lookup) == ["Li Na", "张三"]
    assert split_names("张三、李四", lookup) == ["张三", "李四"]
    assert split_names("张三 李四", lookup) == ["张三", "李四"]
    assert split_names("short 1 (lead)", lookup) == []
    assert split_names("缺2人", lookup) == []
    assert split_names("-", lookup) == []
    assert [s.id for s in lookup.exact(" li  na ")] == ["s1"]
    assert [s.id for s in lookup.exact("s2")] == ["s2"]  # an id stands for the person


def test_a_different_number_is_not_a_typo() -> None:
    lookup = NameLookup.of([Staff(id="s1", name="Person 1"), Staff(id="s2", name="Lead One")])
    person, closest = lookup.close("Person 3")
    assert person is None
    assert closest[0] == "Person 1"
    assert lookup.close("Laed One")[0] == Staff(id="s2", name="Lead One")


def test_not_a_workbook_or_no_grid_is_unreadable(plan_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_dir)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PlanError, match=r"junk\.xlsx"):
        read_roster_grid(junk, plan)
    other = Workbook()
    other.save(tmp_path / "other.xlsx")
    with pytest.raises(PlanError, match="no roster grid sheet"):
        read_roster_grid(tmp_path / "other.xlsx", plan)


def test_errand_rows_read_back_in_either_language(tmp_path: Path) -> None:
    """The workbook names the shopping run in the leader's language (采买 in Chinese); a
    check of that very workbook reads it back as the plan's errand, duty for duty."""
    plan = report_plan()
    index = PlanIndex(plan)
    roster = roster_of(index, [*DUTIES, ("s3", 1, "D", "shopping")])
    rules = all_rules()
    violations = check(roster, rules)
    for lang in ("zh", "en"):
        shown = Published(roster, violations, gaps(roster, violations, rules, lang), rules)
        path = write_roster_xlsx(tmp_path / f"{lang}.xlsx", shown, lang)
        grid = read_roster_grid(path, plan)
        assert grid.problems == []
        assert sorted(grid.assignments, key=str) == sorted(roster.assignments(), key=str)
