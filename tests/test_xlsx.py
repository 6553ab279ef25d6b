"""roster.xlsx: open the written workbook with openpyxl and check what leaders will see."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from roster.plan.index import PersonLimits
from roster.plan.limits import limit_phrase_templates
from roster.report.xlsx import GAP_FILL, NO_POST_FILL, UNMANAGED_FILL, write_roster_xlsx
from roster.text.i18n import LANGS, Lang
from tests.plans import MONDAY
from tests.reports import PROFILE, REASON, report_case


def written(tmp_path: Path, lang: Lang = "en", days: int = 2) -> Path:
    case = report_case(lang, days)
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, case, lang)
    return path


def sheet(path: Path, name: str) -> Worksheet:
    ws = load_workbook(path)[name]
    assert isinstance(ws, Worksheet)
    return ws


def fill(cell: Cell | MergedCell) -> str:
    return str(cell.fill.fgColor.rgb) if cell.fill.fill_type == "solid" else ""


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["grid", "people", "gaps", "watch", "fairness", "rules"]),
        ("zh", ["排班表", "人员", "缺口", "值守空档", "公平性", "规则"]),
    ],
)
def test_sheets_are_named_in_the_leaders_language(
    tmp_path: Path, lang: Lang, names: list[str]
) -> None:
    assert load_workbook(written(tmp_path, lang)).sheetnames == names


def test_a_period_longer_than_a_week_has_a_grid_sheet_per_week(tmp_path: Path) -> None:
    workbook = load_workbook(written(tmp_path, days=9))
    assert workbook.sheetnames[:2] == ["grid 1", "grid 2"]
    second = workbook["grid 2"]
    assert second["C2"].value == dt.datetime(2026, 3, 9)
    assert second["D2"].value == dt.datetime(2026, 3, 10)
    assert second["E2"].value is None


def test_grid_has_names_in_cells_and_highlights_unmanaged_rows_and_gaps(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path), "grid")
    # Rows: A day, A night, B day, B night (B unmanaged), shopping day; columns: Mon, Tue.
    assert [ws.cell(r, 1).value for r in range(4, 9)] == [
        "A小区",
        "A小区",
        "B小区 (unmanaged)",
        "B小区 (unmanaged)",
        "shopping",
    ]
    assert ws["B4"].value == "day 08:00–20:00"
    assert ws["B5"].value == "night 20:00–08:00"
    assert ws["C4"].value == "Person 1"
    assert ws["C6"].value == "Person 2"
    assert ws["D7"].value == "Person 1"
    assert ws["C7"].value == "short 1"
    assert ws["D8"].value == "short 2 (shop)"

    assert fill(ws["C7"]).endswith(GAP_FILL[2:])  # gap at the unmanaged compound: red wins
    assert fill(ws["D8"]).endswith(GAP_FILL[2:])
    for cell in ("A6", "B6", "C6", "D6", "A7", "D7"):
        assert fill(ws[cell]).endswith(UNMANAGED_FILL[2:]), cell
    assert fill(ws["C4"]) == ""  # a covered managed post: no fill
    assert fill(ws["C8"]).endswith(NO_POST_FILL[2:])  # no shopping run on Monday


def test_grid_headers_are_real_dates_with_weekdays_under_them(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path, "zh"), "排班表")
    assert ws["A1"].value == "test 排班表 3月2日至3月3日"
    assert ws["C2"].value == dt.datetime.combine(MONDAY, dt.time())
    assert ws["C2"].number_format == 'm"月"d"日"'
    assert (ws["C3"].value, ws["D3"].value) == ("周一", "周二")
    assert ws["C7"].value == "缺1人"
    assert ws["A6"].value == "B小区（无物业）"


def test_grid_prints_on_a4_landscape_one_page_wide_with_frozen_headers(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path), "grid")
    assert ws.freeze_panes == "C4"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$3"
    assert ws.print_title_cols == "$A:$B"


def test_people_sheet_has_each_persons_duties_hours_and_nights(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path), "people")
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("ID", "Name", "Mon 2 Mar", "Tue 3 Mar", "Hours", "Nights")
    assert rows[1] == ("s1", "Person 1", "day A小区", "day A小区\nnight B小区", 36, 1)
    assert rows[4] == ("s4", "Person 4", None, None, 0, 0)


def test_gaps_sheet_is_gaps_csv_with_localized_headers(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path), "gaps")
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Date",
        "Shift",
        "Place",
        "Required",
        "Assigned",
        "Short",
        "Priority",
        "Skill",
        "Why",
    )
    assert rows[1][:8] == (dt.datetime(2026, 3, 2), "night", "B小区", 1, 0, 1, "critical", None)
    assert rows[2][:8] == (dt.datetime(2026, 3, 3), "day", "shopping", 2, 0, 2, "normal", "shop")
    assert len(rows) == 3
    assert ws.freeze_panes == "A2"


def test_watch_sheet_lists_the_unmanaged_night_hole(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path), "watch")
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == (
        "B小区 (unmanaged)",
        dt.datetime(2026, 3, 2, 20),
        dt.datetime(2026, 3, 3, 8),
        12,
        "B小区 2 Mar 20:00–08:00: nobody on watch, 12 h",
    )
    assert len(rows) == 2


def test_fairness_sheet_compares_loads_with_pro_rated_targets(tmp_path: Path) -> None:
    # Shares: 48 h (no cap set) × days present: 96 each, 48 for Person 2 (24 h cap) and
    # Person 4 (absent one of two days). Hours: 84 in all, so targets 28, 14, 28, 14.
    # Nights: 3 in all between Persons 1 and 3: Person 2 takes none, and Person 4 could take
    # none (Monday's night reaches into Tuesday, when they are absent).
    # No weekend and no 24-hour post in these two days: no columns for them.
    ws = sheet(written(tmp_path), "fairness")
    rows = list(ws.iter_rows(values_only=True))
    assert rows[:5] == [
        ("Name", "Hours", "Target hours", "Nights", "Target nights"),
        ("Person 1", 36, 28, 1, 1.5),
        ("Person 2", 24, 14, 0, None),
        ("Person 3", 24, 28, 2, 1.5),
        ("Person 4", 0, 14, 0, None),
    ]


def test_rules_sheet_shows_limits_never_profiles_or_reasons(tmp_path: Path) -> None:
    ws = sheet(written(tmp_path), "rules")
    values = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "Rules used" in values
    assert "no nights, at most 24 h/week" in values
    assert "unavailable 3 Mar" in values
    assert "as everyone" in values
    assert not [v for v in values if PROFILE in v or REASON in v]


def test_the_write_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = written(tmp_path)
    path.write_bytes(b"old")
    written(tmp_path)
    assert load_workbook(path).sheetnames[0] == "grid"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


def test_every_personal_limit_has_a_phrase_in_both_languages() -> None:
    phrases = (
        limit_phrase_templates()
    )  # each limit's phrase lives on its field (roster.plan.limits)
    for item in dataclasses.fields(PersonLimits):
        for lang in LANGS:
            assert phrases[item.name][lang], item.name
