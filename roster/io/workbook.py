"""Reading a plan from one ``.xlsx`` workbook, and turning a plan folder into one.

The workbook's layout is described in :mod:`roster.io.layout`: one sheet per CSV file
(``staff``, ``shifts``, ...; also named ``staff.csv`` or in Chinese, ``人员名单``), and
``plan.toml`` as a ``settings`` sheet (key, value) plus a ``profiles`` sheet (one row per
profile). This module only turns sheets into the :class:`~roster.io.tables.Sheet` and
:class:`~roster.io.tables.Settings` that a folder's files give, and hands them to
:func:`~roster.io.tables.plan_from_tables`, so a workbook is checked by the same code with
the same messages, naming the sheet, and the row as Excel shows it::

    staff sheet row 7, column profiles: unknown profile "pregant" (known: pregnant, ...)
    settings sheet row 9, column value: "4o" is not a number

Excel gives dates, times, numbers and booleans as values, not text: :func:`cell_text`
writes them as the CSV files would (``2026-02-09``, ``08:00``, ``48``, ``TRUE``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.cells import cell_text, typed_cell
from roster.io.columns import (
    TABLES,
    CellError,
    Row,
    Settings,
    Sheet,
    parse_bool,
    parse_counts,
    read_cell,
)
from roster.io.folder import PLAN_FILE, decode, normalize_header, read_csv_sheet, read_settings
from roster.io.layout import (
    LIMIT_KINDS,
    LISTS_SHEET,
    PLAN_SHEETS,
    PROFILE_COLUMNS,
    PROFILE_NAME,
    PROFILES_SHEET,
    SETTING_KEYS,
    SETTINGS_SHEET,
    TOP_SETTINGS,
    CellValue,
    PlanContent,
    TableData,
    setting_kind,
    sheet_names,
    table_headers,
)
from roster.io.tables import plan_from_tables
from roster.io.template import write_plan_workbook
from roster.plan.model import Plan, split_list
from roster.plan.problems import PlanError, Problem, message, problem_order, suggest, unique
from roster.text.i18n import Lang, Text, default_lang, label

MESSAGES: dict[str, dict[Lang, str]] = {
    "not_workbook": {
        "en": "is not an .xlsx workbook that can be read ({error}); save it from Excel or WPS "
        'as "Excel Workbook (*.xlsx)"',
        "zh": "不是可以读取的 .xlsx 工作簿（{error}），"
        "请在 Excel 或 WPS 中另存为“Excel 工作簿(*.xlsx)”",
    },
    "locked": {
        "en": "is password-protected or an old .xls file; save it as an .xlsx workbook "
        "without a password",
        "zh": "设有打开密码，或是旧的 .xls 文件；请另存为不设密码的 .xlsx 工作簿",
    },
    "no_plan_sheets": {
        "en": "has none of a plan's sheets (expected {expected}); "
        "`roster template plan.xlsx` writes a workbook to fill in",
        "zh": "没有计划所需的工作表（应有 {expected}）；"
        "可用 `roster template plan.xlsx` 生成一个待填写的工作簿",
    },
    "missing_sheet": {
        "en": "has no {sheet} sheet (a sheet named {names})",
        "zh": "缺少 {sheet} 工作表（名为 {names} 的工作表）",
    },
    "sheet_twice": {
        "en": 'the sheets "{first}" and "{second}" are both the {sheet} sheet; keep one',
        "zh": "工作表“{first}”和“{second}”都是 {sheet} 工作表，请只保留一个",
    },
    "unknown_sheet": {
        "en": 'unknown sheet "{value}" (did you mean {suggestion}?)',
        "zh": "未知的工作表“{value}”（是否应为 {suggestion}？）",
    },
    "setting_twice": {
        "en": "set twice (already in row {first})",
        "zh": "重复设置（第{first}行已有）",
    },
}


def _text(key: str, **params: object) -> Text:
    return Text(MESSAGES[key], params)


# Excel files start like any zip archive; encrypted ones and old .xls files are OLE files.
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Sheets written for the leader's help, never read.
_HELPER_SHEETS = frozenset(
    {LISTS_SHEET, label("plan_sheet_readme", "en").casefold(), label("plan_sheet_readme", "zh")}
)


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A problem in a workbook sheet, said as "staff sheet row 7, column profiles: ..."
    (Chinese: "staff 工作表 第7行，profiles列：...")."""

    def render(self, lang: Lang = "en") -> str:
        """The problem as one line."""
        where = label("sheet_named", lang).format(sheet=self.file)
        if isinstance(self.row, int):
            where += f" 第{self.row}行" if lang == "zh" else f" row {self.row}"
        if self.column:
            where += f"，{self.column}列" if lang == "zh" else f", column {self.column}"
        separator = "：" if lang == "zh" else ": "
        return where + separator + self.message.render(lang)


def _cells(ws: Worksheet) -> Iterable[tuple[int, list[str]]]:
    """Every row of a sheet as (row number, cell texts)."""
    for number, row in enumerate(ws.iter_rows(min_row=1), start=1):
        yield number, [_one_cell(cell) for cell in row]


def _one_cell(cell: Cell | MergedCell) -> str:
    return cell_text(cell.value, cell.number_format or "General")


def sheet_of(ws: Worksheet) -> Sheet:
    """A worksheet as a :class:`~roster.io.tables.Sheet` of trimmed text, as
    :func:`~roster.io.folder.read_csv_sheet` reads a CSV file: the first non-blank row is
    the header, blank rows are skipped but counted, and cells past the header's end are a
    problem of their row."""
    name = ws.title
    columns: tuple[str, ...] = ()
    header_row = 1
    rows: list[Row] = []
    for number, cells in _cells(ws):
        if not any(cells):
            continue
        if not columns:
            columns = tuple(normalize_header(cell) for cell in cells)
            # Every row runs to the sheet's widest column: blank header cells at the end
            # are not columns (a value under one is reported, as a CSV row too long).
            while columns and not columns[-1]:
                columns = columns[:-1]
            header_row = number
            continue
        overflow: tuple[Problem, ...] = ()
        if any(cells[len(columns) :]):
            used = max(i for i, cell in enumerate(cells) if cell) + 1
            why = message("extra_cells", cells=used, columns=len(columns))
            overflow = (Problem(name, number, None, None, why),)
        values: dict[str, str] = {}
        for header, cell in zip(columns, cells, strict=False):
            if header and cell and header not in values:
                values[header] = cell
        rows.append(Row(number, values, overflow))
    return Sheet(name, columns, tuple(rows), header_row)


# --------------------------------------------------------------------------- the workbook


def read_workbook(path: Path) -> Plan:
    """The validated plan of an ``.xlsx`` workbook.

    Args:
        path: The workbook: the sheets of :mod:`roster.io.layout` (``settings``, ``staff``
            and ``shifts`` required). Other sheets (notes of the leader's own) are ignored,
            except one named almost like a plan sheet, which is surely a typo.

    Raises:
        PlanError: With every problem found, each naming the sheet, row and column; or why
            the file is not a workbook that can be read.
    """
    workbook = _open(path)
    found, problems = _plan_sheets(workbook, path.name)
    if not found:
        expected = ", ".join(PLAN_SHEETS)
        raise PlanError([_whole(path, _text("no_plan_sheets", expected=expected))])
    missing = {
        sheet: _whole(
            path, _text("missing_sheet", sheet=sheet, names=" / ".join(sheet_names(sheet)))
        )
        for sheet in (SETTINGS_SHEET, *(t.name for t in TABLES if t.required))
        if sheet not in found
    }
    reading = _SettingsReader(found.get(SETTINGS_SHEET), found.get(PROFILES_SHEET))
    settings = reading.settings(missing.get(SETTINGS_SHEET))
    problems += reading.problems
    sheets = {table.name: _table_sheet(table.name, found, missing) for table in TABLES}
    try:
        plan = plan_from_tables(settings, sheets)
    except PlanError as error:
        problems += [reading.locate(problem) for problem in error.problems]
        raise _in_sheets(problems, path, found, error.title) from None
    if problems:
        raise _in_sheets(problems, path, found, plan.title)
    return plan


def _whole(path: Path, text: Text) -> Problem:
    """A problem with the workbook as a whole."""
    return Problem(path.name, None, None, None, text)


def _table_sheet(
    name: str, found: Mapping[str, Worksheet], missing: Mapping[str, Problem]
) -> Sheet:
    """A table's sheet as read; a required sheet that is not there carries the problem
    saying so (the tables' own "required file is missing" would speak of a file)."""
    if name in found:
        return sheet_of(found[name])
    if name in missing:
        return Sheet(name, problems=(missing[name],))
    return Sheet(name, found=False)


def _in_sheets(
    problems: Iterable[Problem], path: Path, found: Mapping[str, Worksheet], title: str
) -> PlanError:
    """Every problem, those of a sheet said as such ("staff sheet row 7"), the workbook's
    own first, then sheet by sheet in the plan's order."""
    titles = [path.name, *(found[sheet].title for sheet in PLAN_SHEETS if sheet in found)]
    sheets = set(titles[1:])
    shown = [
        SheetProblem(p.file, p.row, p.column, p.value, p.message) if p.file in sheets else p
        for p in unique(problems)
    ]
    return PlanError(sorted(shown, key=problem_order(titles)), title=title)


def _open(path: Path) -> Workbook:
    """The workbook, or a problem saying why it cannot be read (never a traceback)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        why = message("unreadable", error=error.strerror or error)
        raise PlanError([_whole(path, why)]) from None
    if head.startswith(_OLE_MAGIC):
        raise PlanError([_whole(path, _text("locked"))])
    if not head.startswith(_ZIP_MAGIC):
        raise PlanError([_whole(path, _text("not_workbook", error="not a zip file"))])
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (extensions, slicers): not ours.
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except Exception as error:  # a damaged file fails in many ways, all the same to a leader
        why = _text("not_workbook", error=str(error) or type(error).__name__)
        raise PlanError([_whole(path, why)]) from None


def sheet_key(title: str) -> str | None:
    """The plan sheet a sheet title names (``staff``, ``Staff.csv``, ``人员名单``), if any."""
    name = title.strip().casefold().removesuffix(".csv")
    for sheet in PLAN_SHEETS:
        if name in {n.casefold() for n in sheet_names(sheet)}:
            return sheet
    return None


def _plan_sheets(workbook: Workbook, file: str) -> tuple[dict[str, Worksheet], list[Problem]]:
    """The workbook's plan sheets by plan name, and problems with sheet names: a plan
    sheet twice, and a sheet named almost like a plan sheet."""
    found: dict[str, Worksheet] = {}
    problems: list[Problem] = []
    known = [n for sheet in PLAN_SHEETS for n in sheet_names(sheet)]
    for ws in workbook.worksheets:
        if not isinstance(ws, Worksheet):
            continue
        key = sheet_key(ws.title)
        if key is None:
            name = ws.title.strip()
            hint = suggest(name.casefold(), known)
            if hint and name.casefold() not in _HELPER_SHEETS:
                problems.append(
                    Problem(
                        file, None, None, None, _text("unknown_sheet", value=name, suggestion=hint)
                    )
                )
        elif key in found:
            text = _text("sheet_twice", first=found[key].title, second=ws.title, sheet=key)
            problems.append(Problem(file, None, None, None, text))
        else:
            found[key] = ws
    return found, problems


# --------------------------------------------------------------------------- settings


@dataclass
class _SettingsReader:
    """Reads the settings and profiles sheets into :class:`~roster.io.tables.Settings`,
    remembering where each value came from, so that the problems the settings checks find
    (which speak of ``plan.toml`` tables and keys) can name the sheet, row and column."""

    settings_ws: Worksheet | None
    profiles_ws: Worksheet | None
    problems: list[Problem] = field(default_factory=list)
    key_rows: dict[str, int] = field(default_factory=dict)
    profile_rows: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """What the settings' problems call them: the settings sheet's title."""
        return self.settings_ws.title if self.settings_ws else SETTINGS_SHEET

    def settings(self, missing: Problem | None) -> Settings:
        """The settings, as ``plan.toml`` would give them."""
        if self.settings_ws is None:
            return Settings(self.name, problems=(missing,) if missing else ())
        values: dict[str, Any] = {}
        sheet = sheet_of(self.settings_ws)
        unreadable = self._settings_rows(sheet, values)
        if unreadable:
            return Settings(self.name, problems=(unreadable,))
        if self.profiles_ws is not None:
            values["profiles"] = self._profiles(sheet_of(self.profiles_ws))
        return Settings(self.name, values)

    def _settings_rows(self, sheet: Sheet, values: dict[str, Any]) -> Problem | None:
        """Fill ``values`` from the key/value rows; the problem that stops it, if any."""
        for column in ("key", "value"):
            if column not in sheet.columns:
                found = ", ".join(h for h in sheet.columns if h) or "-"
                return Problem(
                    sheet.name, None, column, None, message("missing_column", found=found)
                )
        for row in sheet.rows:
            self.problems += row.problems
            raw_key, text = row.cells.get("key", ""), row.cells.get("value", "")
            key = normalize_header(raw_key)
            if not key:
                if text:
                    self.problems.append(
                        Problem(sheet.name, row.number, "key", None, message("blank"))
                    )
                continue
            if key not in SETTING_KEYS:
                self.problems.append(self._unknown_key(sheet.name, row.number, raw_key))
                continue
            if key in self.key_rows:
                text_twice = _text("setting_twice", first=self.key_rows[key])
                self.problems.append(Problem(sheet.name, row.number, "key", raw_key, text_twice))
                continue
            self.key_rows[key] = row.number
            if not text:
                continue  # not set: the default
            try:
                value = _setting_value(key, text)
            except CellError as error:
                self.problems.append(Problem(sheet.name, row.number, "value", text, error.text))
                continue
            table, _, name = key.rpartition(".")
            (values.setdefault(table, {}) if table else values)[name] = value
        return None

    @staticmethod
    def _unknown_key(sheet: str, row: int, key: str) -> Problem:
        hint = suggest(normalize_header(key), SETTING_KEYS)
        known = ", ".join([*TOP_SETTINGS, "rules.…", "weights.…"])
        text = (
            message("unknown_setting_suggest", suggestion=hint)
            if hint
            else message("unknown_setting", known=known)
        )
        return Problem(sheet, row, "key", key, text)

    def _profiles(self, sheet: Sheet) -> dict[str, dict[str, Any]]:
        """The profiles sheet as ``[profiles.NAME]`` tables."""
        self.problems += sheet.problems
        if not sheet.columns:
            return {}
        name_column = next((h for h in sheet.columns if h in (PROFILE_NAME, "profile")), None)
        if name_column is None:
            found = ", ".join(h for h in sheet.columns if h) or "-"
            self.problems.append(
                Problem(
                    sheet.name, None, PROFILE_NAME, None, message("missing_column", found=found)
                )
            )
            return {}
        self._profile_headers(sheet)
        profiles: dict[str, dict[str, Any]] = {}
        for row in sheet.rows:
            self.problems += row.problems
            name = row.cells.get(name_column, "")
            if not name:
                self.problems.append(
                    Problem(sheet.name, row.number, name_column, None, message("blank"))
                )
                continue
            if name in self.profile_rows:
                twice = message("duplicate_id", value=name, first=self.profile_rows[name])
                self.problems.append(Problem(sheet.name, row.number, name_column, name, twice))
                continue
            self.profile_rows[name] = row.number
            limits: dict[str, Any] = {}
            for header, text in row.cells.items():
                if header not in LIMIT_KINDS:
                    continue
                try:
                    limits[header] = read_cell(LIMIT_KINDS[header], text)
                except CellError as error:
                    self.problems.append(Problem(sheet.name, row.number, header, text, error.text))
            profiles[name] = limits
        return profiles

    def _profile_headers(self, sheet: Sheet) -> None:
        """Report a header twice, and one named almost like a limit (a typo that would
        drop the limit); other columns are the leader's own (notes) and are not read."""
        seen: set[str] = set()
        for header in sheet.columns:
            if not header:
                continue
            if header in seen:
                self.problems.append(
                    Problem(sheet.name, sheet.header_row, header, None, message("duplicate_column"))
                )
            seen.add(header)
            if header not in LIMIT_KINDS and header not in (PROFILE_NAME, "profile"):
                hint = suggest(header, PROFILE_COLUMNS)
                if hint:
                    text = message("unknown_column", suggestion=hint)
                    self.problems.append(Problem(sheet.name, sheet.header_row, header, None, text))

    def locate(self, problem: Problem) -> Problem:
        """A settings problem, which names a ``plan.toml`` table and key, moved to the cell
        it came from: ``[rules]``, ``max_hours_per_week`` is the value in the row of
        ``rules.max_hours_per_week``; ``[profiles.NAME]``, ``no_nights`` is the no_nights
        cell of NAME's row in the profiles sheet."""
        if problem.file != self.name or isinstance(problem.row, int):
            return problem
        table = problem.row or ""
        if table.startswith("[profiles.") and self.profiles_ws is not None:
            name = table.removeprefix("[profiles.").removesuffix("]")
            row = self.profile_rows.get(name)
            return replace(problem, file=self.profiles_ws.title, row=row, column=problem.column)
        key = problem.column or ""
        if table:
            key = f"{table.strip('[]')}.{key}"
        row = self.key_rows.get(key)
        return replace(problem, row=row, column="value" if row else None)


def _setting_value(key: str, text: str) -> Any:
    """A settings cell's value as ``plan.toml`` would give it; raises CellError."""
    kind = setting_kind(key)
    if kind == "bool":
        return parse_bool(text)
    if kind == "counts":
        return parse_counts(text)
    if kind == "list":
        return list(split_list(text))
    return text


# --------------------------------------------------------------------------- folder → workbook


def plan_folder_to_workbook(
    folder: Path, path: Path, *, lang: Lang | None = None, force: bool = False
) -> Path:
    """Write a plan folder (``plan.toml`` + CSV files) as a plan workbook.

    Cells keep what the files say: a cell that Excel can hold as a number, a date or a time
    and that reads back as the same text becomes one (``48``, ``2026-02-09``, ``08:00``);
    everything else stays text. Rows keep their numbers, so a problem names the same row
    in both. The plan need not be valid: a leader may convert first and fix in Excel.

    Args:
        folder: The plan folder.
        path: The ``.xlsx`` file to write.
        lang: The language of the header notes (default: from the plan's title).
        force: Overwrite ``path`` if it exists.

    Raises:
        PlanError: When ``plan.toml`` or a CSV file cannot be read at all.
        OutputError: When ``path`` exists (without ``force``) or cannot be written.
    """
    settings = read_settings(folder / PLAN_FILE)
    problems = list(settings.problems)
    if not settings.found:
        problems.append(Problem(PLAN_FILE, None, None, None, message("missing_file")))
    tables: dict[str, TableData] = {}
    for table in TABLES:
        file = folder / f"{table.name}.csv"
        sheet = read_csv_sheet(file)
        problems += sheet.problems
        if sheet.found and not sheet.problems:
            tables[table.name] = _csv_table(file)
        elif not table.required:
            tables[table.name] = TableData(list(table_headers(table.name)))
    if problems:
        raise PlanError(problems)
    values = settings.values
    content = PlanContent(
        settings=_settings_cells(values),
        profiles=_profiles_table(values.get("profiles", {})),
        tables=tables,
        skills=_skills(tables),
    )
    title = values.get("title")
    chosen = lang or default_lang(title if isinstance(title, str) else "")
    return write_plan_workbook(path, content, chosen, force=force)


def _csv_table(file: Path) -> TableData:
    """A CSV file's records, each on its own row number (blank ones left blank)."""
    records = list(csv.reader(io.StringIO(decode(file.read_bytes()), newline="")))
    header: list[str] = []
    header_row = 1
    rows: list[tuple[int, list[CellValue]]] = []
    for number, record in enumerate(records, start=1):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if not header:
            header, header_row = cells, number
        else:
            rows.append((number, [typed_cell(cell) for cell in cells]))
    return TableData(header, rows, header_row)


def _setting_cell(value: object) -> CellValue:
    """A ``plan.toml`` value as a cell: lists joined by ";", shift counts as ``night:2``,
    booleans as the true/false of the drop-downs."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date | dt.time):
        return value
    if isinstance(value, str):
        return typed_cell(value.strip())
    if isinstance(value, Mapping):
        return ";".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, Sequence):
        return ";".join(">".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    return str(value)


def _settings_cells(values: Mapping[str, Any]) -> dict[str, CellValue]:
    """``plan.toml`` as settings-sheet rows: ``title``, ``rules.min_rest_hours``, ...
    (profiles go to their own sheet)."""
    cells: dict[str, CellValue] = {}
    for key, value in values.items():
        if key == "profiles":
            continue
        if key in ("rules", "weights") and isinstance(value, Mapping):
            for name, item in value.items():
                cells[f"{key}.{name}"] = _setting_cell(item)
        else:
            cells[key] = _setting_cell(value)
    return cells


def _profiles_table(profiles: object) -> TableData:
    """``[profiles.NAME]`` tables as profiles-sheet rows (keys outside the usual columns
    get columns of their own)."""
    header = list(PROFILE_COLUMNS)
    rows: list[tuple[int, list[CellValue]]] = []
    if not isinstance(profiles, Mapping):
        return TableData(header)
    for limits in profiles.values():
        if isinstance(limits, Mapping):
            header += [key for key in limits if key not in header]
    for number, (name, limits) in enumerate(profiles.items(), start=2):
        row: dict[str, CellValue] = {PROFILE_NAME: str(name)}
        if isinstance(limits, Mapping):
            row |= {key: _setting_cell(value) for key, value in limits.items()}
        rows.append((number, [row.get(column) for column in header]))
    return TableData(header, rows)


def _skills(tables: Mapping[str, TableData]) -> tuple[str, ...]:
    """The skills the plan uses, then the usual ones, for the skills drop-downs."""
    found: list[str] = []
    for sheet, column in (("staff", "skills"), ("demand", "skill")):
        data = tables.get(sheet)
        headers = [normalize_header(h) for h in data.header] if data else []
        if data is None or column not in headers:
            continue
        k = headers.index(column)
        for _, cells in data.rows:
            if k < len(cells) and cells[k] is not None:
                found += split_list(str(cells[k]))
    return tuple(dict.fromkeys([*found, "lead", "shop", "survey", "drive"]))
