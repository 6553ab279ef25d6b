"""A plan as one .xlsx workbook: the same plan as its folder, the same problems naming the
sheet and the row Excel shows, cells as Excel types them, and bad workbooks that say why."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from roster.cli.app import app
from roster.io import load_plan
from roster.io.cells import cell_text, typed_cell
from roster.io.template import SETTING_KEYS
from roster.io.workbook import plan_folder_to_workbook
from roster.plan.validate import PlanError
from tests.plan_files import SMALL_PLAN, edited, write_plan
from tests.test_validation import CASES

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CSV_FILES = tuple(name for name in SMALL_PLAN if name.endswith(".csv"))


def small_workbook(tmp_path: Path, changes: dict[str, str | None] | None = None) -> Path:
    """The small plan of tests/plan_files.py (with ``changes``) as a workbook."""
    folder = write_plan(tmp_path / "folder", changes)
    return plan_folder_to_workbook(folder, tmp_path / "small.xlsx", force=True)


def edit(path: Path, change: Callable[[Workbook], object]) -> Path:
    """Open a workbook, change it as a leader would in Excel, save it."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def problem_lines(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return [p.render(lang) for p in caught.value.problems]  # type: ignore[arg-type]


def settings_row(key: str) -> int:
    """The row of a settings key in a written workbook (one row per known key)."""
    return SETTING_KEYS.index(key) + 2


# --------------------------------------------------------------------------- same plan


def test_example_workbook_is_the_example_folder() -> None:
    assert load_plan(EXAMPLES / "nanchang-road.xlsx") == load_plan(EXAMPLES / "nanchang-road")


def test_example_workbook_is_up_to_date(tmp_path: Path) -> None:
    """examples/nanchang-road.xlsx is what plan_folder_to_workbook makes of the folder now;
    if this fails, regenerate it: roster template examples/nanchang-road.xlsx
    --from examples/nanchang-road --force"""
    fresh = plan_folder_to_workbook(EXAMPLES / "nanchang-road", tmp_path / "fresh.xlsx")
    committed = EXAMPLES / "nanchang-road.xlsx"
    assert load_plan(committed) == load_plan(fresh)
    assert load_workbook(committed).sheetnames == load_workbook(fresh).sheetnames


@pytest.mark.parametrize("example", ["nanchang-road", "nanchang-road-flu"])
def test_converted_folder_loads_to_the_same_plan(tmp_path: Path, example: str) -> None:
    book = plan_folder_to_workbook(EXAMPLES / example, tmp_path / "plan.xlsx")
    assert load_plan(book) == load_plan(EXAMPLES / example)


def test_cells_typed_by_excel_read_as_their_text(tmp_path: Path) -> None:
    """The small plan retyped as Excel holds what a leader types: dates, times, numbers and
    booleans as values, the absence's end as a date-time at midnight shown with its time,
    sheets named in Chinese or with .csv. Same plan as the folder."""
    book = small_workbook(tmp_path)

    def retype(workbook: Workbook) -> None:
        for ws in workbook.worksheets:
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if cell.value in ("true", "false"):
                        cell.value = cell.value == "true"
        workbook["compounds"].title = "小区"
        workbook["staff"].title = "人员名单"
        workbook["shifts"].title = "Shifts.csv"
        workbook["profiles"].title = "限制档案"
        absences = workbook["absences"]
        # "2026-03-02 08:00" from a formula-free float, and a midnight shown as a time:
        absences["B3"].value = dt.datetime(2026, 3, 2, 7, 59, 59, 999_800)
        absences["C3"].value = dt.datetime(2026, 3, 2, 12, 0)
        absences["C3"].number_format = "yyyy/m/d h:mm"
        shifts = workbook["Shifts.csv"]
        shifts["C2"].value = dt.time(7, 59, 59, 999_999)
        shifts["C2"].number_format = "h:mm"
        staff = workbook["人员名单"]
        staff["H3"].value = 30.0  # Bob's max_hours_per_week, as a float

    edit(book, retype)
    assert load_plan(book) == load_plan(write_plan(tmp_path / "expected"))


def test_an_absence_ending_at_midnight_is_not_a_whole_day(tmp_path: Path) -> None:
    """A cell that shows "2026-03-04 00:00" ends at that midnight; "2026-03-04" ends the
    next one, as in absences.csv."""
    book = small_workbook(tmp_path)

    def until(fmt: str) -> Callable[[Workbook], object]:
        def change(workbook: Workbook) -> None:
            workbook["absences"]["C2"].value = dt.datetime(2026, 3, 4)
            workbook["absences"]["C2"].number_format = fmt

        return change

    assert load_plan(edit(book, until("yyyy-mm-dd hh:mm"))).absences[0].end == dt.datetime(
        2026, 3, 4
    )
    assert load_plan(edit(book, until("yyyy-mm-dd"))).absences[0].end == dt.datetime(2026, 3, 5)


def test_leaders_own_sheets_and_columns_are_ignored(tmp_path: Path) -> None:
    book = small_workbook(tmp_path)

    def add_notes(workbook: Workbook) -> None:
        workbook.create_sheet("电话表")["A1"] = "phone numbers"
        workbook["profiles"]["Z1"] = "why"
        workbook["profiles"]["Z2"] = "private note"
        workbook["settings"]["D1"] = "remark"
        workbook["settings"]["D7"] = "agreed with the director"

    edit(book, add_notes)
    assert load_plan(book) == load_plan(write_plan(tmp_path / "expected"))


def test_a_cell_without_a_header_is_a_problem(tmp_path: Path) -> None:
    """As a CSV row longer than its header: the value would otherwise be silently lost."""
    book = small_workbook(tmp_path)
    edit(book, lambda workbook: workbook["settings"].cell(7, 4, "a remark"))
    assert problem_lines(book) == [
        "settings sheet row 7: the row has 4 cells but the header only 3 columns"
    ]


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (None, "General", ""),
        ("  Ann ", "General", "Ann"),
        (True, "General", "TRUE"),
        (48, "General", "48"),
        (48.0, "General", "48"),
        (7.5, "General", "7.5"),
        (0.1 + 0.2, "General", "0.3"),
        (dt.datetime(2026, 2, 9), "yyyy-mm-dd", "2026-02-09"),
        (dt.datetime(2026, 2, 9), "yyyy-mm-dd h:mm", "2026-02-09 00:00"),
        (dt.datetime(2026, 2, 9, 8, 0), "General", "2026-02-09 08:00"),
        (dt.datetime(2026, 2, 9, 7, 59, 59, 999_900), "yyyy-mm-dd h:mm", "2026-02-09 08:00"),
        (dt.date(2026, 2, 9), "General", "2026-02-09"),
        (dt.time(8, 0), "h:mm", "08:00"),
        (dt.time(19, 59, 59, 999_990), "h:mm", "20:00"),
        (dt.time(8, 0, 30), "h:mm:ss", "08:00:30"),
        (dt.timedelta(hours=24), "[h]:mm", "24:00"),
        (dt.datetime(1900, 1, 1), "h:mm", "24:00"),  # 24:00 typed in a time cell
    ],
)
def test_cell_text(value: object, number_format: str, text: str) -> None:
    assert cell_text(value, number_format) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("48", 48),
        ("7.5", 7.5),
        ("2026-02-09", dt.date(2026, 2, 9)),
        ("2026-02-11 08:00", dt.datetime(2026, 2, 11, 8, 0)),
        ("08:00", dt.time(8, 0)),
        # Text that would not read back the same stays text.
        ("007", "007"),
        ("1.50", "1.50"),
        ("24:00", "24:00"),
        ("2026-02-30", "2026-02-30"),
        ("2026-02-08T08:00", "2026-02-08T08:00"),
        ("13800138000", "13800138000"),
        ("true", "true"),
    ],
)
def test_typed_cell(text: str, value: object) -> None:
    assert typed_cell(text) == value


# --------------------------------------------------------------------------- same problems


def _in_a_table(case: tuple[str, str, dict[str, str | None], str]) -> bool:
    """A validation case about a CSV file that is there (a workbook says the same)."""
    line = case[3]
    return line.startswith(CSV_FILES) and case[0] != "missing staff.csv"


TABLE_CASES = [c for c in CASES if _in_a_table(c)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [c[2:] for c in TABLE_CASES],
    ids=[c[0] for c in TABLE_CASES],
)
def test_same_problem_naming_the_sheet(
    tmp_path: Path, change: dict[str, str | None], expected: str
) -> None:
    """Every bad-input case of test_validation about a table, written as a workbook, gives
    the same line with "staff sheet" for "staff.csv" (rows as Excel shows them)."""
    book = small_workbook(tmp_path, change)
    file, _, rest = expected.partition(".csv")
    assert problem_lines(book) == [f"{file} sheet{rest}"]


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (
            edited("plan.toml", "max_hours_per_week = 48", 'max_hours_per_week = "lots"'),
            f"settings sheet row {settings_row('rules.max_hours_per_week')}, column value",
            '"lots" is not a number',
        ),
        (
            edited("plan.toml", "fair_nights = 4", "fair_nights = -4"),
            f"settings sheet row {settings_row('weights.fair_nights')}, column value",
            "-4 is too small (at least 0)",
        ),
        (
            edited("plan.toml", "days = 3", "days = 0"),
            f"settings sheet row {settings_row('days')}, column value",
            "0 is too small (at least 1)",
        ),
        (
            edited("plan.toml", "start = 2026-03-02", 'start = "next monday"'),
            f"settings sheet row {settings_row('start')}, column value",
            '"next monday" is not a date (expected YYYY-MM-DD, e.g. 2026-02-09)',
        ),
        (
            edited("plan.toml", "start = 2026-03-02\n", ""),
            f"settings sheet row {settings_row('start')}, column value",  # the blank cell
            "missing: the first day of the period, e.g. start = 2026-02-09",
        ),
        (
            edited("plan.toml", '"N>D"', '"N>X"'),
            f"settings sheet row {settings_row('rules.forbidden_successions')}, column value",
            'unknown shift "X" (known: D, N)',
        ),
        (
            edited("plan.toml", "days = 3", 'days = 3\ntiers = ["critical", "speed"]'),
            f"settings sheet row {settings_row('tiers')}, column value",
            "\"['critical', 'speed']\" is not valid (\"speed\" is not a tier",
        ),
        (
            edited("plan.toml", "max_hours_per_week = 24", "max_hours_per_week = 200"),
            "profiles sheet row 2, column max_hours_per_week",
            "200 is too large (at most 168)",
        ),
        (
            edited("plan.toml", "no_24h = true", 'days_off = "someday"'),
            "profiles sheet row 2, column days_off",
            '"someday" is not a weekday (expected mon, tue, ..., sun)',
        ),
        (
            edited("plan.toml", "no_24h = true", 'no_24h = "maybe"'),
            "profiles sheet row 2, column no_24h",
            '"maybe" is not yes or no',
        ),
        (
            edited("plan.toml", "no_24h = true", "max_shifts_of_type = {X = 1}"),
            "profiles sheet row 2, column max_shifts_of_type",
            'unknown shift "X" (known: D, N)',
        ),
        (
            edited("plan.toml", "title =", "titel ="),
            f"settings sheet row {len(SETTING_KEYS) + 2}, column key",
            "unknown setting (did you mean title?)",
        ),
    ],
    ids=[
        "rule not a number",
        "weight too small",
        "days",
        "start not a date",
        "no start",
        "unknown shift in a succession",
        "unknown tier",
        "profile limit too large",
        "profile weekday",
        "profile yes/no",
        "profile shift cap",
        "unknown key",
    ],
)
def test_settings_problems_name_their_cell(
    tmp_path: Path, change: dict[str, str | None], where: str, says: str
) -> None:
    """plan.toml's problems, which name a table and key, name the settings or profiles
    cell instead."""
    lines = problem_lines(small_workbook(tmp_path, change))
    assert len(lines) == 1
    assert lines[0].startswith(f"{where}: {says}")


def test_settings_sheet_problems(tmp_path: Path) -> None:
    """What only a sheet can get wrong: a key twice, a value without a key, a profile
    named twice or not at all, a mistyped limit column; all at once, in sheet order."""
    book = small_workbook(tmp_path)
    title_row = settings_row("title")
    free_row = len(SETTING_KEYS) + 2

    def mistakes(workbook: Workbook) -> None:
        settings = workbook["settings"]
        settings.cell(free_row, 1, "title")
        settings.cell(free_row, 2, "again")
        settings.cell(free_row + 1, 2, "orphan value")
        settings.cell(free_row + 2, 1, "rules.max_hours_per_weak")
        settings.cell(free_row + 2, 2, 40)
        profiles = workbook["profiles"]
        profiles["A3"], profiles["B3"] = "pregnant", True
        profiles["B4"] = True
        profiles["Y1"] = "no_night"

    lines = problem_lines(edit(book, mistakes))
    assert lines == [
        f"settings sheet row {free_row}, column key: set twice (already in row {title_row})",
        f"settings sheet row {free_row + 1}, column key: must not be blank",
        f"settings sheet row {free_row + 2}, column key: unknown setting "
        "(did you mean rules.max_hours_per_week?)",
        "profiles sheet row 1, column no_night: unknown column (did you mean no_nights?)",
        'profiles sheet row 3, column name: duplicate id "pregnant" (already in row 2)',
        "profiles sheet row 4, column name: must not be blank",
    ]


def test_problems_in_chinese_name_the_sheet(tmp_path: Path) -> None:
    change = edited("staff.csv", "pregnant,A", "pregant,A")
    book = small_workbook(tmp_path, change)
    assert problem_lines(book, "zh") == [
        "staff 工作表 第2行，profiles列：未知的 profile“pregant”（已定义：pregnant）"
    ]


def test_problems_name_the_sheet_as_the_leader_named_it(tmp_path: Path) -> None:
    book = small_workbook(tmp_path, edited("staff.csv", "pregnant,A", "pregant,A"))
    edit(book, lambda workbook: setattr(workbook["staff"], "title", "人员名单"))
    assert problem_lines(book) == [
        '人员名单 sheet row 2, column profiles: unknown profile "pregant" (known: pregnant)'
    ]


# --------------------------------------------------------------------------- bad workbooks


def test_not_a_zip(tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    book.write_text("id,name\n")
    assert problem_lines(book) == [
        "plan.xlsx: is not an .xlsx workbook that can be read (not a zip file); save it from "
        'Excel or WPS as "Excel Workbook (*.xlsx)"'
    ]


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("hello.txt", "hello")
    [line] = problem_lines(book)
    assert line.startswith("plan.xlsx: is not an .xlsx workbook that can be read (")


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.xls"])
def test_password_protected_or_old_xls(tmp_path: Path, name: str) -> None:
    """Both are OLE compound files, not zip archives."""
    book = tmp_path / name
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert problem_lines(book) == [
        f"{name}: is password-protected or an old .xls file; save it as an .xlsx workbook "
        "without a password"
    ]


def test_a_workbook_without_plan_sheets(tmp_path: Path) -> None:
    """For example the roster.xlsx that solve writes."""
    book = tmp_path / "roster.xlsx"
    workbook = Workbook()
    workbook.active.title = "grid"  # type: ignore[union-attr]
    workbook.save(book)
    assert problem_lines(book) == [
        "roster.xlsx: has none of a plan's sheets (expected settings, profiles, staff, "
        "compounds, shifts, demand, absences, requests, history, fixed, pairs); "
        "`roster template plan.xlsx` writes a workbook to fill in"
    ]


def test_missing_twice_and_mistyped_sheets(tmp_path: Path) -> None:
    book = small_workbook(tmp_path)

    def shuffle(workbook: Workbook) -> None:
        del workbook["shifts"]
        del workbook["settings"]
        workbook["demand"].title = "demnd"
        workbook.copy_worksheet(workbook["pairs"]).title = "pairs.csv"

    lines = problem_lines(edit(book, shuffle))
    assert lines == [
        'small.xlsx: unknown sheet "demnd" (did you mean demand?)',
        'small.xlsx: the sheets "pairs" and "pairs.csv" are both the pairs sheet; keep one',
        "small.xlsx: has no settings sheet (a sheet named settings / 设置)",
        "small.xlsx: has no shifts sheet (a sheet named shifts / 班次)",
    ]


def test_cli_exits_2_without_traceback(tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    book.write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(app, ["validate", str(book)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "plan.xlsx: is not an .xlsx workbook that can be read" in result.stderr


def test_cli_validates_a_workbook_with_problems(tmp_path: Path) -> None:
    book = small_workbook(tmp_path, edited("staff.csv", "pregnant,A", "pregant,A"))
    result = CliRunner().invoke(app, ["validate", str(book)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        'staff sheet row 2, column profiles: unknown profile "pregant" (known: pregnant)'
    ]
