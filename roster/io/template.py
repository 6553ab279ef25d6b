"""Writing the plan workbook (``roster template``, folder conversion), laid out as
:mod:`roster.io.layout` says: a README sheet first, a note on every header, required headers
in orange, frozen header rows, columns as wide as their text, and drop-downs.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.folder import normalize_header
from roster.io.layout import (
    BOOLS,
    DATA_ROWS,
    EXAMPLE_WORDS,
    LIMIT_KINDS,
    LIST_ROWS,
    LISTS_SHEET,
    PLAN_SHEETS,
    PROFILE_COLUMNS,
    PROFILE_NAME,
    PROFILES_SHEET,
    README,
    SETTING_KEYS,
    SETTINGS_HEADER,
    SETTINGS_SHEET,
    SHEET_NOTES,
    TOP_SETTINGS,
    CellValue,
    ListSource,
    PlanContent,
    TableData,
    dropdown,
    header_note,
    required_headers,
    setting_kind,
    setting_note,
    sheet_names,
    table_headers,
)
from roster.io.write import OutputError, atomic_write_bytes
from roster.plan.model import PLACE_SELECTORS, WEEKDAYS, PairKind, Priority, RequestKind, Role
from roster.text.i18n import Lang, label
from roster.text.width import width as text_width

__all__ = [
    "LIMIT_KINDS",
    "LISTS_SHEET",
    "PLAN_SHEETS",
    "PROFILES_SHEET",
    "PROFILE_COLUMNS",
    "PROFILE_NAME",
    "SETTINGS_SHEET",
    "SETTING_KEYS",
    "TOP_SETTINGS",
    "CellValue",
    "PlanContent",
    "TableData",
    "header_note",
    "setting_kind",
    "setting_note",
    "sheet_names",
    "table_headers",
    "write_plan_workbook",
    "write_template",
]

# --------------------------------------------------------------------------- writing

HEADER_FILL = "FFD9E1F2"  # as roster.xlsx's headers
REQUIRED_FILL = "FFF8CBAD"  # orange: must be filled
NOTE_WIDTH = 60
MAX_WIDTH = 40

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_template(
    path: Path, lang: Lang = "zh", *, start: dt.date | None = None, force: bool = False
) -> Path:
    """Write an empty, annotated plan workbook with a few example rows that load as they are.

    Args:
        path: The ``.xlsx`` file to write.
        lang: The language of the notes and examples (sheet names and headers stay English).
        start: The example plan's first day (default: next Monday).
        force: Overwrite ``path`` if it exists.

    Raises:
        OutputError: When ``path`` exists and ``force`` is not given, or cannot be written.
    """
    if start is None:
        today = dt.date.today()
        start = today + dt.timedelta(days=7 - today.weekday())
    return write_plan_workbook(path, example_content(lang, start), lang, force=force)


def write_plan_workbook(path: Path, content: PlanContent, lang: Lang, *, force: bool) -> Path:
    """Write a plan workbook atomically (never half a file, even if Excel has the old one).

    Raises:
        OutputError: When ``path`` exists and ``force`` is not given, or cannot be written.
    """
    if path.exists() and not force:
        raise OutputError(README["exists"][lang].format(path=path))
    buffer = io.BytesIO()
    build_workbook(content, lang).save(buffer)
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror or error}") from None
    return path


def build_workbook(content: PlanContent, lang: Lang) -> Workbook:
    """The plan workbook in memory: README, settings, profiles, the tables, hidden lists."""
    workbook = Workbook()
    readme = workbook.active
    assert isinstance(readme, Worksheet)
    readme.title = label("plan_sheet_readme", lang)
    _readme_sheet(readme, content, lang)
    _settings_sheet(workbook.create_sheet(SETTINGS_SHEET), content.settings, lang)
    sheets = {PROFILES_SHEET: content.profiles, **content.tables}
    written: dict[str, Worksheet] = {}
    for name in PLAN_SHEETS[1:]:
        if name in sheets:
            written[name] = workbook.create_sheet(name)
            _table_sheet(written[name], name, sheets[name], lang, examples=content.examples)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    sources = _list_sources(lists, sheets, content.skills)
    for name, ws in written.items():
        _dropdowns(ws, name, sheets[name], sources, lang)
    return workbook


def _readme_sheet(ws: Worksheet, content: PlanContent, lang: Lang) -> None:
    ws["A1"] = README["title"][lang]
    ws["A1"].font = Font(bold=True, size=14)
    keys = ["intro", "examples", "lists", "check", "private"]
    if not content.examples:
        keys.remove("examples")
    row = 3
    for key in keys:
        ws.cell(row, 1, README[key][lang]).alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 16 * math.ceil(_width(README[key][lang]) / 110) + 4
        row += 1
    row += 1
    for k, key in enumerate(("sheet", "also", "holds"), start=1):
        cell = ws.cell(row, k, README[key][lang])
        cell.font, cell.fill = _BOLD, _fill(HEADER_FILL)
    for name in PLAN_SHEETS:
        row += 1
        ws.cell(row, 1, name).font = _BOLD
        ws.cell(row, 2, sheet_names(name)[1])
        ws.cell(row, 3, SHEET_NOTES[name][lang]).alignment = _WRAP
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 90


def _settings_sheet(ws: Worksheet, settings: Mapping[str, CellValue], lang: Lang) -> None:
    """key | value | note, one row per known key (blank when not set), then unknown keys."""
    for k, header in enumerate(SETTINGS_HEADER, start=1):
        _header_cell(ws, 1, k, header, SETTINGS_SHEET, lang)
    keys = [*SETTING_KEYS, *(key for key in settings if key not in SETTING_KEYS)]
    bool_cells: list[str] = []
    for row, key in enumerate(keys, start=2):
        ws.cell(row, 1, key).font = _BOLD if key in ("title", "start") else Font()
        _set(ws, row, 2, settings.get(key))
        ws.cell(row, 3, setting_note(key, lang) if key in SETTING_KEYS else None)
        ws.cell(row, 3).alignment = _WRAP
        if key in SETTING_KEYS and setting_kind(key) == "bool":
            bool_cells.append(f"B{row}")
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = NOTE_WIDTH + 20
    if bool_cells:
        validation = _validation(BOOLS, strict=False, lang=lang)
        for cell in bool_cells:
            validation.add(cell)
        ws.add_data_validation(validation)


def _table_sheet(ws: Worksheet, sheet: str, data: TableData, lang: Lang, *, examples: bool) -> None:
    required = required_headers(sheet)
    for k, header in enumerate(data.header, start=1):
        _header_cell(ws, data.header_row, k, header, sheet, lang, required=required)
    for number, cells in data.rows:
        for k, value in enumerate(cells, start=1):
            _set(ws, number, k, value)
    if examples and data.rows:
        number = data.rows[0][0]
        ws.cell(number, 1).comment = _comment(README["example"][lang])
    ws.freeze_panes = f"A{data.header_row + 1}"
    for k, header in enumerate(data.header, start=1):
        texts = [header, *(_shown(cells[k - 1]) for _, cells in data.rows if len(cells) >= k)]
        width = min(MAX_WIDTH, max(8, max(_width(t) for t in texts) + 3))
        ws.column_dimensions[get_column_letter(k)].width = width


def _header_cell(
    ws: Worksheet,
    row: int,
    column: int,
    header: str,
    sheet: str,
    lang: Lang,
    *,
    required: frozenset[str] = frozenset(),
) -> None:
    cell = ws.cell(row, column, header)
    name = normalize_header(header)
    must = name in required or (sheet == SETTINGS_SHEET and name in ("key", "value"))
    cell.font = _BOLD
    cell.fill = _fill(REQUIRED_FILL if must else HEADER_FILL)
    note = header_note(sheet, name, lang)
    if note:
        cell.comment = _comment(note)


def _list_sources(
    lists: Worksheet, sheets: Mapping[str, TableData], skills: Iterable[str]
) -> dict[ListSource, str]:
    """The formula of every drop-down list.

    Lists of ids follow their sheet as rows are added (an ``OFFSET`` as tall as the column
    has ids). Lists that add fixed words to ids (places: ``*``, ``managed``, ``unmanaged``
    and the compound ids) are built on the hidden lists sheet, whose cells copy the ids.
    """
    sources: dict[ListSource, str] = {
        "roles": _inline(r.value for r in Role),
        "priorities": _inline(p.value for p in Priority),
        "request_kinds": _inline(k.value for k in RequestKind),
        "pair_kinds": _inline(k.value for k in PairKind),
        "weekdays": _inline(WEEKDAYS),
        "days": _inline(("*", "weekdays", "weekend", "mon-fri", *WEEKDAYS)),
        "bools": BOOLS,
    }
    compounds = _id_column(sheets, "compounds", "id")
    shifts = _id_column(sheets, "shifts", "id")
    id_lists: list[tuple[ListSource, IdColumn | None]] = [
        ("profiles", _id_column(sheets, PROFILES_SHEET, PROFILE_NAME)),
        ("compounds", compounds),
        ("shifts", shifts),
        ("staff", _id_column(sheets, "staff", "id")),
    ]
    for source, ids in id_lists:
        if ids:
            sources[source] = f"OFFSET({ids.first_cell},0,0,MAX(1,{ids.count}),1)"
    # The lists sheet: column A places, column B shift ids or "*", column C skills.
    sources["places"] = _words_and_ids(lists, 1, PLACE_SELECTORS, compounds)
    sources["shifts_or_all"] = _words_and_ids(lists, 2, ("*",), shifts)
    skill_list = list(dict.fromkeys(skills))
    for row, skill in enumerate(skill_list, start=1):
        lists.cell(row, 3, skill)
    sources["skills"] = f"{LISTS_SHEET}!$C$1:$C${max(1, len(skill_list))}"
    return sources


@dataclass(frozen=True)
class IdColumn:
    """Where a sheet's ids are: the sheet, the column letter and the first data row."""

    sheet: str
    letter: str
    first: int

    def cell(self, offset: int) -> str:
        """The reference of the id ``offset`` rows below the first."""
        return f"{quote_sheetname(self.sheet)}!{self.letter}{self.first + offset}"

    @property
    def first_cell(self) -> str:
        """The absolute reference of the first id."""
        return f"{quote_sheetname(self.sheet)}!${self.letter}${self.first}"

    @property
    def count(self) -> str:
        """A formula counting the ids (the column's non-blank cells)."""
        last = self.first + LIST_ROWS - 1
        sheet = quote_sheetname(self.sheet)
        return f"COUNTA({sheet}!${self.letter}${self.first}:${self.letter}${last})"


def _words_and_ids(
    lists: Worksheet, column: int, words: Iterable[str], ids: IdColumn | None
) -> str:
    """Fill a column of the lists sheet with fixed words, then formulas copying the ids;
    the formula of the list that shows exactly those."""
    fixed = list(words)
    for row, word in enumerate(fixed, start=1):
        lists.cell(row, column, word)
    count = str(len(fixed))
    if ids is not None:
        for offset in range(LIST_ROWS):
            # &"" shows a blank id as blank rather than 0.
            lists.cell(len(fixed) + 1 + offset, column, f'={ids.cell(offset)}&""')
        count += f"+{ids.count}"
    letter = get_column_letter(column)
    return f"OFFSET({LISTS_SHEET}!${letter}$1,0,0,{count},1)"


def _id_column(sheets: Mapping[str, TableData], sheet: str, column: str) -> IdColumn | None:
    """Where a sheet's ids are, if the sheet is written and has the column."""
    data = sheets.get(sheet)
    if data is None:
        return None
    headers = [normalize_header(h) for h in data.header]
    if column not in headers:
        return None
    return IdColumn(sheet, get_column_letter(headers.index(column) + 1), data.header_row + 1)


def _inline(words: Iterable[str]) -> str:
    return '"' + ",".join(words) + '"'


def _dropdowns(
    ws: Worksheet, sheet: str, data: TableData, sources: Mapping[ListSource, str], lang: Lang
) -> None:
    last_row = max([data.header_row + DATA_ROWS, *(n for n, _ in data.rows)])
    for k, header in enumerate(data.header, start=1):
        found = dropdown(sheet, normalize_header(header))
        if found is None or found.source not in sources:
            continue
        validation = _validation(sources[found.source], strict=found.strict, lang=lang)
        letter = get_column_letter(k)
        validation.add(f"{letter}{data.header_row + 1}:{letter}{last_row}")
        ws.add_data_validation(validation)


def _validation(formula: str, *, strict: bool, lang: Lang) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle="roster",
        error=README["pick"][lang],
    )


def _set(ws: Worksheet, row: int, column: int, value: CellValue) -> None:
    """Write a value with a number format a leader reads (dates ISO, times HH:MM); text
    that starts with "=" stays text, not a formula."""
    if value is None:
        return
    cell = ws.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, dt.time):
        cell.number_format = "hh:mm"


def _shown(value: CellValue) -> str:
    """About what Excel shows for a value (for column widths)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value)


def _width(text: str) -> int:
    """The widest line in Excel character widths: Chinese characters count twice."""
    return max((text_width(line) for line in text.split("\n")), default=0)


def _comment(text: str) -> Comment:
    comment = Comment(text, "roster")
    comment.width = 320
    comment.height = 30 + 18 * math.ceil(_width(text) / 42)
    return comment


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def example_content(lang: Lang, start: dt.date) -> PlanContent:
    """The template's example rows: a tiny plan (four people, two compounds, three shifts)
    that loads without a problem, so a leader can try ``roster validate`` on it at once."""

    def w(key: str) -> str:
        return EXAMPLE_WORDS[key][lang]

    def day(offset: int) -> dt.date:
        return start + dt.timedelta(days=offset)

    def table(sheet: str, *rows: dict[str, CellValue]) -> TableData:
        header = table_headers(sheet)
        cells = [[row.get(column) for column in header] for row in rows]
        return TableData(list(header), list(enumerate(cells, start=2)))

    settings: dict[str, CellValue] = {
        "title": w("title"),
        "start": start,
        "days": 7,
        "rules.min_rest_hours": 10,
        "rules.max_hours_per_week": 48,
        "rules.max_nights_per_week": 3,
        "rules.min_days_off_per_week": 1,
    }
    # One row per line reads best here.
    # fmt: off
    profiles = table(
        PROFILES_SHEET,
        {"name": w("p1"), "no_nights": "true", "no_24h": "true", "max_hours_per_day": 6},
        {"name": w("p2"), "max_nights_per_week": 1},
    )
    tables = {
        "staff": table(
            "staff",
            {"id": "s01", "name": w("s01"), "role": "leader", "skills": "lead;drive",
             "home_compound": "C1", "unit": w("unit")},
            {"id": "s02", "name": w("s02"), "role": "cadre", "skills": "lead;survey",
             "profiles": w("p1"), "home_compound": "C2", "unit": w("unit")},
            {"id": "s03", "name": w("s03"), "role": "volunteer", "skills": "shop",
             "profiles": w("p2"), "max_hours_per_week": 30, "days_off": "sun"},
            {"id": "s04", "name": w("s04"), "role": "cadre", "skills": "lead",
             "unit": w("unit")},
        ),
        "compounds": table(
            "compounds",
            {"id": "C1", "name": w("C1"), "unmanaged": "false", "round_the_clock": "false",
             "households": 260, "residents": 690},
            {"id": "C2", "name": w("C2"), "unmanaged": "true", "round_the_clock": "true",
             "households": 90, "residents": 210},
        ),
        "shifts": table(
            "shifts",
            {"id": "am", "name": w("am"), "start": dt.time(8), "end": dt.time(14),
             "night": "false"},
            {"id": "pm", "name": w("pm"), "start": dt.time(14), "end": dt.time(20),
             "night": "false"},
            {"id": "night", "name": w("night"), "start": dt.time(20), "end": dt.time(8),
             "night": "true"},
        ),
        "demand": table(
            "demand",
            {"place": "unmanaged", "shift": "night", "days": "*", "min": 1,
             "priority": "critical"},
            {"place": "managed", "shift": "am", "days": "*", "min": 1, "skill": "lead",
             "priority": "high"},
            {"place": w("errand"), "shift": "pm", "days": "wed;sat", "min": 1, "max": 1,
             "skill": "shop", "priority": "low"},
        ),
        "absences": table(
            "absences", {"staff": "s03", "from": day(2), "to": day(2), "reason": w("reason")}
        ),
        "requests": table(
            "requests", {"staff": "s01", "date": day(5), "shift": "*", "kind": "off", "weight": 2}
        ),
        "history": table(
            "history", {"date": day(-1), "shift": "night", "place": "C2", "staff_id": "s04"}
        ),
        "fixed": table("fixed", {"staff": "s02", "date": day(0), "shift": "am", "place": "C2"}),
        "pairs": table("pairs", {"a": "s02", "b": "s03", "kind": "together"}),
    }
    # fmt: on
    return PlanContent(settings=settings, profiles=profiles, tables=tables, examples=True)
