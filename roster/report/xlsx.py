"""``roster.xlsx``: the workbook leaders print, pass around and edit in Excel or WPS.

Sheets, named in the leader's language (English names shown):

* ``grid`` (``grid 1``, ``grid 2``, ... when the period is longer than a week): rows compound
  × shift, then errands; columns days (a row of dates, a row of weekdays); names in the cells.
  Unmanaged compounds are filled yellow and marked in their name (the mark survives black and
  white printing), posts short of people red with "short 1" in the cell, days without a post
  grey. Panes are frozen on the headers; each sheet prints on A4 landscape, one page wide,
  with the header rows repeated on every page.
* ``people``: one row per person, their duty each day, hours and nights.
* ``gaps``: ``gaps.csv`` with localized headers and names.
* ``watch``: the spans with nobody on watch at round-the-clock gates, most urgent first.
* ``fairness``: hours, nights, weekend duties per person against their pro-rated target.
* ``rules``: how the solve went, the rules used, the weights, everyone's limits as plain
  limits, and the rules this roster breaks.

The workbook is saved to memory and written with an atomic rename, so a leader who has the
old file open never sees half a new one.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.check.gaps import Gap
from roster.check.watch import holes
from roster.io.write import atomic_write_bytes
from roster.report import tables
from roster.report.fairness import carried_note, fairness_rows, shown_measures
from roster.report.tables import Published
from roster.result import SolveResult
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang, label
from roster.text.width import width

# Colours (ARGB). Red and yellow are Excel's own "bad" and "neutral" styles, which leaders know.
UNMANAGED_FILL = "FFFFF2CC"
GAP_FILL = "FFFFC7CE"
GAP_FONT = "FF9C0006"
EARLIER_FONT = "FF7F7F7F"  # grey: above the fair band only because of earlier weeks
HEADER_FILL = "FFD9E1F2"
NO_POST_FILL = "FFF2F2F2"
BAR_COLOUR = "FF5B9BD5"

GRID_HEADER_ROWS = 3  # title, dates, weekdays
LINE_HEIGHT = 16  # points per line of text in a cell
MAX_WIDTH = 60  # characters; longer text wraps

CellValue = str | int | float | bool | None

_THIN = Side(style="thin", color="FFA6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
_BOLD = Font(bold=True)


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def write_roster_xlsx(
    path: Path,
    shown: Published,
    lang: Lang,
) -> Path:
    """Write ``roster.xlsx`` atomically.

    Args:
        path: Where to write (its folder is created if needed).
        shown: The roster and what the checker found on it.
        lang: The leader's language.

    Returns:
        ``path``.
    """
    workbook = build_workbook(shown, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def build_workbook(
    shown: Published,
    lang: Lang,
) -> Workbook:
    """The workbook in memory (see the module docstring for its sheets)."""
    roster, violations, gaps, rules = shown.roster, shown.violations, shown.gaps, shown.rules
    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook always has one sheet
    workbook.remove(first)
    weeks = tables.grid_weeks(roster, gaps, lang)
    for week, title in zip(weeks, grid_sheet_titles(len(weeks), lang), strict=True):
        _grid_sheet(workbook.create_sheet(title), roster, week, lang)
    _people_sheet(workbook.create_sheet(label("sheet_people", lang)), roster, lang)
    _gaps_sheet(workbook.create_sheet(label("sheet_gaps", lang)), gaps, lang)
    _watch_sheet(workbook.create_sheet(label("sheet_watch", lang)), roster, lang)
    _fairness_sheet(workbook.create_sheet(label("sheet_fairness", lang)), roster, rules, lang)
    _rules_sheet(
        workbook.create_sheet(label("sheet_rules", lang)),
        roster,
        violations,
        gaps,
        rules,
        lang,
        shown.result,
    )
    return workbook


def grid_sheet_titles(weeks: int, lang: Lang) -> list[str]:
    """The grid sheets' names: "grid" for one week, else "grid 1", "grid 2", ..."""
    name = label("sheet_grid", lang)
    return [name] if weeks == 1 else [f"{name} {k}" for k in range(1, weeks + 1)]


# --------------------------------------------------------------------------- sheets


def _grid_sheet(ws: Worksheet, roster: Roster, week: tables.GridWeek, lang: Lang) -> None:
    columns = 2 + len(week.dates)
    ws.cell(1, 1, tables.grid_title(roster.index, week, lang)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    # Dates are real date cells (shown as "3月5日"), so a leader's edited grid reads back
    # without guessing; the weekday row under them is for people.
    ws.cell(2, 1, label("col_place", lang))
    ws.cell(2, 2, label("col_shift", lang))
    for k, date in enumerate(week.dates, start=3):
        ws.cell(2, k, date).number_format = 'm"月"d"日"' if lang == "zh" else "d mmm"
        ws.cell(3, k, tables.weekday_name(date, lang))
    ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
    ws.merge_cells(start_row=2, start_column=2, end_row=3, end_column=2)
    _style_header(ws, 2, columns)
    _style_header(ws, 3, columns)
    for r, row in enumerate(week.rows, start=GRID_HEADER_ROWS + 1):
        for k, text in ((1, row.place_label), (2, row.shift_label)):
            ws.cell(r, k, text).style = _named(ws, "unmanaged label" if row.unmanaged else "label")
        for k, grid_cell in enumerate(row.cells, start=3):
            cell = ws.cell(r, k, "\n".join(grid_cell.lines()) or None)
            if grid_cell.gap:
                cell.style = _named(ws, "gap")
            elif row.unmanaged:
                cell.style = _named(ws, "unmanaged")
            elif not grid_cell.post and not grid_cell.names:
                cell.style = _named(ws, "no post")
            else:
                cell.style = _named(ws, "names")
        lines = max((len(c.lines()) for c in row.cells), default=1)
        ws.row_dimensions[r].height = LINE_HEIGHT * max(1, lines) + 4
    legend_row = GRID_HEADER_ROWS + len(week.rows) + 2
    ws.cell(legend_row, 1, label("grid_legend", lang)).font = Font(italic=True, color="FF595959")
    ws.column_dimensions["A"].width = max(12, _widest(r.place_label for r in week.rows) + 2)
    ws.column_dimensions["B"].width = max(12, _widest(r.shift_label for r in week.rows) + 2)
    for k in range(3, columns + 1):
        names = [line for row in week.rows for line in row.cells[k - 3].lines()]
        ws.column_dimensions[get_column_letter(k)].width = max(11, _widest(names) + 2)
    ws.freeze_panes = f"C{GRID_HEADER_ROWS + 1}"
    _print_setup(ws, title_rows=f"1:{GRID_HEADER_ROWS}", title_cols="A:B")


def _people_sheet(ws: Worksheet, roster: Roster, lang: Lang) -> None:
    index = roster.index
    header = [
        label("col_staff_id", lang),
        label("col_name", lang),
        *(tables.day_label(d, lang) for d in index.dates),
        label("col_hours", lang),
        label("col_nights", lang),
    ]
    rows: list[list[object]] = [
        [
            row.person.id,
            row.person.staff.name,
            *("\n".join(duties) or None for duties in row.days),
            row.minutes / 60,
            row.nights,
        ]
        for row in tables.people_rows(roster, lang)
    ]
    _table(ws, header, rows)
    ws.freeze_panes = "C2"
    _print_setup(ws, title_rows="1:1", title_cols="A:B")


def _gaps_sheet(ws: Worksheet, gaps: Sequence[Gap], lang: Lang) -> None:
    _table(
        ws, tables.gap_header(lang), [tables.gap_cells(gap, lang) for gap in gaps], wide_last=True
    )
    for r, gap in enumerate(gaps, start=2):
        ws.cell(r, 1).number_format = "yyyy-mm-dd"
        compound = gap.post.compound
        if compound is not None and compound.unmanaged:
            ws.cell(r, 3).fill = _fill(UNMANAGED_FILL)
    ws.freeze_panes = "A2"
    if gaps:
        ws.auto_filter.ref = ws.dimensions
    _print_setup(ws, title_rows="1:1")


def _watch_sheet(ws: Worksheet, roster: Roster, lang: Lang) -> None:
    found = holes(roster)
    header = [
        label("col_compound", lang),
        label("col_from", lang),
        label("col_to", lang),
        label("col_hours", lang),
        label("col_description", lang),
    ]
    rows: list[list[object]] = [
        [
            tables.place_label(roster.index, hole.compound.id, lang),
            hole.start,
            hole.end,
            hole.hours,
            tables.describe_hole(hole, lang),
        ]
        for hole in found
    ]
    _table(ws, header, rows, wide_last=True)
    for r, hole in enumerate(found, start=2):
        ws.cell(r, 2).number_format = ws.cell(r, 3).number_format = "yyyy-mm-dd hh:mm"
        if hole.unmanaged_night:
            ws.cell(r, 1).fill = _fill(UNMANAGED_FILL)
    for column in (2, 3):
        ws.column_dimensions[get_column_letter(column)].width = 18
    if not found:
        ws.cell(2, 1, label("watch_no_holes", lang))
    ws.freeze_panes = "A2"
    _print_setup(ws, title_rows="1:1")


def _fairness_sheet(ws: Worksheet, roster: Roster, rules: Sequence[Rule], lang: Lang) -> None:
    measures = shown_measures(roster)
    header = [label("col_name", lang)]
    for key in measures:
        header += [label(f"col_{key}", lang), label(f"col_{key}_target", lang)]
    rows: list[list[object]] = []
    unfair: list[tuple[int, int]] = []  # (row, column) of loads outside the fair band
    earlier: list[tuple[int, int]] = []  # ... above it only because of earlier weeks
    for row in fairness_rows(roster, rules):
        cells: list[object] = [row.person.staff.name]
        notes = []
        for key in measures:
            load = row.loads[key]
            if load.over_from_earlier:
                earlier.append((len(rows) + 2, len(cells) + 1))
                notes.append(f"{label(f'col_{key}', lang)}: {carried_note(load, key, lang)}")
            elif not load.fair:
                unfair.append((len(rows) + 2, len(cells) + 1))
            cells += [round(load.actual, 2), None if load.target is None else round(load.target, 1)]
        rows.append([*cells, tables.join(notes, lang) or None])
    if earlier:  # a note column only when some load needs one
        header.append(label("col_note", lang))
    else:
        rows = [cells[:-1] for cells in rows]
    _table(ws, header, rows)
    for row_number, column_number in unfair:
        ws.cell(row_number, column_number).font = Font(color=GAP_FONT, bold=True)
    for row_number, column_number in earlier:
        ws.cell(row_number, column_number).font = Font(color=EARLIER_FONT, bold=True)
    last = len(rows) + 1
    for k in range(len(measures)):
        column = get_column_letter(2 + 2 * k)
        # A bar in each actual value lets a leader see the spread at a glance.
        bars = DataBarRule(  # type: ignore[no-untyped-call]  # openpyxl's stubs leave it untyped
            start_type="num", start_value=0, end_type="max", color=BAR_COLOUR
        )
        ws.conditional_formatting.add(f"{column}2:{column}{last}", bars)
    note = ws.cell(last + 2, 1, label("fair_note", lang))
    note.font = Font(italic=True, color="FF595959")
    if earlier:
        legend = ws.cell(last + 3, 1, label("fair_earlier_legend", lang))
        legend.font = Font(italic=True, color="FF595959")
    ws.freeze_panes = "B2"
    _print_setup(ws, title_rows="1:1", title_cols="A:A")


def _rules_sheet(
    ws: Worksheet,
    roster: Roster,
    violations: Sequence[Violation],
    gaps: Sequence[Gap],
    rules: Sequence[Rule],
    lang: Lang,
    result: SolveResult | None,
) -> None:
    index = roster.index
    row = 1

    def heading(key: str) -> None:
        nonlocal row
        ws.cell(row, 1, label(key, lang)).font = Font(bold=True, size=13)
        row += 1

    def line(*values: CellValue, header: bool = False) -> None:
        nonlocal row
        for k, value in enumerate(values, start=1):
            cell = ws.cell(row, k, value)
            cell.alignment = _WRAP
            if header:
                cell.font, cell.fill = _BOLD, _fill(HEADER_FILL)
        row += 1

    heading("heading_status")
    for text in tables.status_lines(roster, gaps, holes(roster), lang, result):
        line(text)
    row += 1
    heading("heading_rules")
    line(label("col_rule", lang), label("col_kind", lang), label("col_tier", lang), header=True)
    for values in tables.rule_rows(rules, lang):
        line(*values)
    row += 1
    heading("heading_weights")
    line(label("col_setting", lang), label("col_weight", lang), label("col_key", lang), header=True)
    for name, value, key in tables.weight_rows(index, lang):
        line(name, value, key)
    row += 1
    heading("heading_limits")
    line(label("col_name", lang), label("col_limits", lang), header=True)
    for name, text in tables.limits_rows(index, lang):
        line(name, text)
    row += 1
    heading("heading_problems")
    found = tables.problems(violations, lang)
    for hard, text in found:
        line(text)
        if hard:
            ws.cell(row - 1, 1).font = Font(color=GAP_FONT)
    if not found:
        line(label("no_problems", lang))
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = MAX_WIDTH
    ws.column_dimensions["C"].width = 16
    _print_setup(ws)


# --------------------------------------------------------------------------- helpers


def _table(
    ws: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    wide_last: bool = False,
) -> None:
    """A header row and data rows, bordered, with columns as wide as their text."""
    ws.append(list(header))
    _style_header(ws, 1, len(header))
    body = _named(ws, "table")
    count = 1
    for values in rows:
        ws.append(list(values))
        count += 1
        # Cell by cell, not ``ws[count]``: that scans the whole sheet for its width each
        # time (84 s for the 25 000 gaps of an unsolved 1 000 x 28 plan).
        for column in range(1, len(values) + 1):
            ws.cell(count, column).style = body
        lines = max((str(v).count("\n") + 1 for v in values if isinstance(v, str)), default=1)
        if lines > 1:
            ws.row_dimensions[count].height = LINE_HEIGHT * lines + 4
    for k in range(1, len(header) + 1):
        texts = [str(c.value) for c in ws[get_column_letter(k)] if c.value is not None]
        width = min(MAX_WIDTH, max(8, _widest(texts) + 2))
        if wide_last and k == len(header):
            width = MAX_WIDTH
        ws.column_dimensions[get_column_letter(k)].width = width


#: The named cell styles (each cell takes one by name): setting a border and an alignment
#: on each cell makes openpyxl hash both to find them in the workbook's lists, about 4 s of
#: the 11 s the workbook of an unsolved 1 000 x 28 plan (25 000 gaps) took.
STYLES: dict[str, dict[str, object]] = {
    "table": {"border": _BORDER, "alignment": _WRAP},
    "label": {"font": _BOLD, "border": _BORDER, "alignment": _WRAP},
    "unmanaged label": {
        "font": _BOLD,
        "border": _BORDER,
        "alignment": _WRAP,
        "fill": _fill(UNMANAGED_FILL),
    },
    "names": {"border": _BORDER, "alignment": _CENTRE},
    "unmanaged": {"border": _BORDER, "alignment": _CENTRE, "fill": _fill(UNMANAGED_FILL)},
    "no post": {"border": _BORDER, "alignment": _CENTRE, "fill": _fill(NO_POST_FILL)},
    "gap": {
        "border": _BORDER,
        "alignment": _CENTRE,
        "fill": _fill(GAP_FILL),
        "font": Font(color=GAP_FONT, bold=True),
    },
}


def _named(ws: Worksheet, key: str) -> str:
    """The name of the cell style ``key`` of ``STYLES``, added to the workbook once."""
    name = f"roster {key}"
    workbook = ws.parent
    assert workbook is not None  # a sheet made by create_sheet belongs to its workbook
    if name not in workbook.named_styles:
        workbook.add_named_style(NamedStyle(name=name, **STYLES[key]))  # type: ignore[arg-type]
    return name


def _style_header(ws: Worksheet, row: int, columns: int) -> None:
    for k in range(1, columns + 1):
        cell = ws.cell(row, k)
        cell.font, cell.fill, cell.border, cell.alignment = (
            _BOLD,
            _fill(HEADER_FILL),
            _BORDER,
            _CENTRE,
        )


def _print_setup(
    ws: Worksheet, *, title_rows: str | None = None, title_cols: str | None = None
) -> None:
    """A4 landscape, one page wide (as many pages down as needed), headers on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols


def _widest(texts: Iterable[str]) -> int:
    """The widest line, in Excel's character widths: Chinese characters count twice."""
    widths = [width(line) for text in texts for line in str(text).split("\n")]
    return min(MAX_WIDTH, max(widths, default=0))
