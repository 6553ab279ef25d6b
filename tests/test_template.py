"""`roster template`: an annotated workbook to fill in, which loads as written (its example
rows are a valid plan) and once emptied and filled with the least a plan needs; a note on
every header; drop-downs on the columns that take names from a list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from roster.cli.app import app
from roster.io import load_plan
from roster.io.columns import TABLES
from roster.io.folder import normalize_header
from roster.io.template import (
    LIMIT_KINDS,
    LISTS_SHEET,
    PLAN_SHEETS,
    PROFILES_SHEET,
    SETTING_KEYS,
    SETTINGS_SHEET,
    header_note,
    setting_note,
    write_template,
)
from roster.io.write import OutputError
from roster.text.i18n import LANGS, Lang

START = dt.date(2026, 3, 2)


@pytest.fixture(scope="module", params=LANGS)
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lang: Lang = request.param
    return write_template(tmp_path_factory.mktemp(lang) / "plan.xlsx", lang, start=START)


def sheet(workbook: Workbook, name: str) -> Worksheet:
    ws = workbook[name]
    assert isinstance(ws, Worksheet)
    return ws


def validations(ws: Worksheet) -> dict[str, DataValidation]:
    """The sheet's drop-downs by the header of the column they cover (from row 2)."""
    headers = {get_column_letter(k): cell.value for k, cell in enumerate(ws[1], start=1)}
    found: dict[str, DataValidation] = {}
    for validation in ws.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            letter = cells.coord.split(":")[0].rstrip("0123456789")
            if cells.min_row == 2 and cells.max_row >= 500 and letter in headers:
                found[str(headers[letter])] = validation
    return found


# --------------------------------------------------------------------------- loads


def test_template_loads_as_written(template: Path) -> None:
    plan = load_plan(template)
    assert (plan.start, plan.days) == (START, 7)
    assert len(plan.staff) == 4
    assert [s.id for s in plan.shifts] == ["am", "pm", "night"]
    assert set(plan.profiles) == {p for s in plan.staff for p in s.profiles} != set()
    assert (plan.absences, plan.requests, plan.history, plan.fixed, plan.pairs) != ((),) * 5


def test_emptied_template_loads_once_the_minimum_is_filled(template: Path, tmp_path: Path) -> None:
    """A leader deletes every example row, then fills only what a plan needs: start in the
    settings, one person, one shift."""
    workbook = load_workbook(template)
    for name in PLAN_SHEETS[1:]:
        ws = sheet(workbook, name)
        ws.delete_rows(2, ws.max_row)
    settings = sheet(workbook, SETTINGS_SHEET)
    for row in settings.iter_rows(min_row=2):
        row[1].value = None
    settings.cell(SETTING_KEYS.index("start") + 2, 2, "2026-03-02")
    sheet(workbook, "staff").append(["s01", "Ann"])
    sheet(workbook, "shifts").append(["day", "Day", "08:00", "20:00"])
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    plan = load_plan(filled)
    assert ([s.id for s in plan.staff], [s.id for s in plan.shifts]) == (["s01"], ["day"])
    assert (plan.profiles, plan.demand) == ({}, ())


# --------------------------------------------------------------------------- annotations


def test_sheets_headers_notes_and_frozen_rows(template: Path) -> None:
    workbook = load_workbook(template)
    assert workbook.sheetnames[1:] == [*PLAN_SHEETS, LISTS_SHEET]
    assert sheet(workbook, LISTS_SHEET).sheet_state == "hidden"
    for name in PLAN_SHEETS:
        ws = sheet(workbook, name)
        assert ws.freeze_panes == "A2", name
        for cell in ws[1]:
            assert cell.value, f"{name}: a blank header"
            assert cell.comment is not None, f"{name}!{cell.coordinate} has no note"
            assert cell.comment.text.strip()
    staff_headers = [c.value for c in sheet(workbook, "staff")[1]]
    assert staff_headers[:7] == [
        "id",
        "name",
        "role",
        "skills",
        "profiles",
        "home_compound",
        "unit",
    ]
    # Required headers stand out (orange), the others do not.
    fills = {c.value: c.fill.start_color.rgb for c in sheet(workbook, "shifts")[1]}
    assert fills["id"] == fills["start"] != fills["night"]


def test_every_column_and_setting_has_a_note_in_both_languages() -> None:
    for lang in LANGS:
        for table in TABLES:
            for column in table.columns:
                if column.name in LIMIT_KINDS:
                    continue  # limits: checked through the profiles sheet below
                assert header_note(table.name, column.name, lang), (table.name, column.name)
        for limit in LIMIT_KINDS:
            assert header_note(PROFILES_SHEET, limit, lang), limit
            assert header_note("staff", limit, lang), limit
        for key in SETTING_KEYS:
            assert setting_note(key, lang), key


def test_settings_sheet_lists_every_key_with_its_note(template: Path) -> None:
    ws = sheet(load_workbook(template), SETTINGS_SHEET)
    assert [c.value for c in ws[1]] == ["key", "value", "note"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(SETTING_KEYS)
    assert all(r[2] for r in rows)
    values = {r[0]: r[1] for r in rows}
    assert values["start"] == dt.datetime.combine(START, dt.time())
    assert values["rules.max_hours_per_week"] == 48
    assert values["weights.fair_nights"] is None  # not set: the default


EXPECTED_DROPDOWNS = {
    # sheet: {column: (what the list formula names, whether other values are refused)}
    "staff": {
        "role": ('"leader,cadre,volunteer"', True),
        "skills": ("lists!$C$1", False),
        "profiles": ("'profiles'!$A$2", False),
        "home_compound": ("'compounds'!$A$2", True),
        "no_nights": ('"true,false"', False),
        "days_off": ('"mon,tue,wed,thu,fri,sat,sun"', False),
    },
    "profiles": {"no_nights": ('"true,false"', False), "no_24h": ('"true,false"', False)},
    "compounds": {
        "unmanaged": ('"true,false"', False),
        "round_the_clock": ('"true,false"', False),
    },
    "shifts": {"night": ('"true,false"', False)},
    "demand": {
        "place": ("lists!$A$1", False),
        "shift": ("'shifts'!$A$2", True),
        "skill": ("lists!$C$1", False),
        "priority": ('"critical,high,normal,low"', True),
        "days": ('"*,weekdays,weekend,mon-fri,', False),
    },
    "absences": {"staff": ("'staff'!$A$2", True)},
    "requests": {
        "staff": ("'staff'!$A$2", True),
        "shift": ("lists!$B$1", True),
        "kind": ('"off,on"', True),
    },
    "history": {"shift": ("'shifts'!$A$2", False), "place": ("lists!$A$1", False)},
    "fixed": {"staff": ("'staff'!$A$2", True), "shift": ("'shifts'!$A$2", True)},
    "pairs": {
        "a": ("'staff'!$A$2", True),
        "b": ("'staff'!$A$2", True),
        "kind": ('"apart,together"', True),
    },
}


@pytest.mark.parametrize("name", list(EXPECTED_DROPDOWNS))
def test_dropdowns(template: Path, name: str) -> None:
    found = validations(sheet(load_workbook(template), name))
    for column, (source, strict) in EXPECTED_DROPDOWNS[name].items():
        assert column in found, f"{name}.{column} has no drop-down"
        validation = found[column]
        assert validation.type == "list"
        assert source in str(validation.formula1), (column, validation.formula1)
        assert bool(validation.showErrorMessage) is strict, column
        assert validation.allow_blank


def test_lists_behind_the_dropdowns(template: Path) -> None:
    """Places are the three selectors, then copies of the compound ids; the request shift
    is "*" then the shift ids; skills are the usual four."""
    lists = sheet(load_workbook(template), LISTS_SHEET)
    assert [lists.cell(r, 1).value for r in range(1, 6)] == [
        "*",
        "managed",
        "unmanaged",
        "='compounds'!A2&\"\"",
        "='compounds'!A3&\"\"",
    ]
    assert [lists.cell(r, 2).value for r in range(1, 3)] == ["*", "='shifts'!A2&\"\""]
    assert [lists.cell(r, 3).value for r in range(1, 5)] == ["lead", "shop", "survey", "drive"]
    demand = validations(sheet(load_workbook(template), "demand"))
    assert demand["place"].formula1 == (
        "OFFSET(lists!$A$1,0,0,3+COUNTA('compounds'!$A$2:$A$301),1)"
    )


def test_settings_yes_no_values_have_a_dropdown(template: Path) -> None:
    ws = sheet(load_workbook(template), SETTINGS_SHEET)
    [validation] = ws.data_validations.dataValidation
    covered = {str(r) for r in validation.sqref.ranges}
    keys = {str(ws.cell(int(ref[1:]), 1).value) for ref in covered}
    assert keys == {"rules.no_nights", "rules.no_24h", "weights.convex_shortfall"}


def test_example_rows_are_marked(template: Path) -> None:
    workbook = load_workbook(template)
    for name in PLAN_SHEETS[1:]:
        note = sheet(workbook, name)["A2"].comment
        assert note is not None, name
        assert note.text.startswith(("Example row", "示例行")), name


def test_converted_example_is_annotated_too() -> None:
    """The folder example as a workbook carries the same notes and drop-downs."""
    book = Path(__file__).resolve().parent.parent / "examples" / "nanchang-road.xlsx"
    workbook = load_workbook(book)
    staff = sheet(workbook, "staff")
    assert staff["E1"].comment is not None
    headers = [normalize_header(str(c.value)) for c in staff[1]]
    assert "profiles" in validations(staff)
    assert headers[:2] == ["id", "name"]
    assert sheet(workbook, "staff")["A2"].comment is None  # real rows, not examples


# --------------------------------------------------------------------------- writing


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"the leader's own work")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_template(path, "en", start=START)
    assert path.read_bytes() == b"the leader's own work"
    write_template(path, "en", start=START, force=True)
    assert load_plan(path).start == START
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]  # no temp file left


def test_cli_template(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    runner = CliRunner()
    result = runner.invoke(app, ["template", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"Wrote {path}. Fill it in, then check it: roster validate {path}" in result.stdout
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0

    again = runner.invoke(app, ["template", str(path)])
    assert again.exit_code == 2
    assert "已存在" in again.stderr
    assert "Traceback" not in again.output
    assert runner.invoke(app, ["template", str(path), "--force"]).exit_code == 0

    wrong = runner.invoke(app, ["template", str(tmp_path / "plan.csv")])
    assert wrong.exit_code == 2
    assert "must end in .xlsx" in wrong.stderr


def test_cli_template_from_a_folder(tmp_path: Path) -> None:
    folder = Path(__file__).resolve().parent.parent / "examples" / "nanchang-road"
    path = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(app, ["template", str(path), "--from", str(folder)])
    assert result.exit_code == 0, result.output
    assert load_plan(path) == load_plan(folder)

    missing = CliRunner().invoke(app, ["template", str(tmp_path / "x.xlsx"), "--from", "nowhere"])
    assert missing.exit_code == 2
    assert "plan.toml: required file is missing" in missing.stderr
