"""Reading a plan folder: ``plan.toml`` and CSV files, as leaders save them from Excel or WPS.

Only the file handling lives here: encodings (UTF-8 with or without BOM, GBK/GB18030 as
Excel on Chinese Windows writes them), header clean-up and blank rows. Cells become models
in :mod:`roster.io.tables`, which a workbook reader will share.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from pathlib import Path

from roster.io.columns import TABLES, Row, Settings, Sheet
from roster.io.tables import absences_from_sheet, assignments_from_sheet, plan_from_tables
from roster.plan.model import Absence, Assignment, Plan
from roster.plan.problems import Problem, message

PLAN_FILE = "plan.toml"

# An .xlsx file starts like any zip archive.
_ZIP_MAGIC = b"PK\x03\x04"


def read_folder(folder: Path) -> Plan:
    """The validated plan of a folder holding ``plan.toml`` and the CSV files of design §3.

    Args:
        folder: The plan folder. ``staff.csv`` and ``shifts.csv`` are required; the other
            CSV files are optional.

    Raises:
        PlanError: With every problem found in any file.
    """
    settings = read_settings(folder / PLAN_FILE)
    sheets = {table.name: read_csv_sheet(folder / f"{table.name}.csv") for table in TABLES}
    return plan_from_tables(settings, sheets)


def read_roster_csv(path: Path) -> list[Assignment]:
    """The duties of a file in the roster format: ``date,shift,start,end,place,staff_id,
    staff_name`` (``start``, ``end`` and ``staff_name`` are not read; ``staff`` may stand
    for ``staff_id``).

    Raises:
        PlanError: With every bad row, or why the file cannot be read.
    """
    return assignments_from_sheet(read_csv_sheet(path))


def read_absences_csv(path: Path) -> list[Absence]:
    """Absences in the ``absences.csv`` format (``roster reschedule --absences FILE``).

    Raises:
        PlanError: With every bad row, or why the file cannot be read.
    """
    return absences_from_sheet(read_csv_sheet(path))


def decode(data: bytes) -> str:
    """Text of a file saved as UTF-8 (with or without BOM) or GBK/GB18030.

    Raises:
        UnicodeDecodeError: When it is neither.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Chinese Windows saves "CSV" in the ANSI code page, GBK; GB18030 is its
        # superset and decodes every GBK file.
        return data.decode("gb18030")


def _read_text(path: Path) -> str | Problem:
    """The file's text, or the problem that stops it being read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        why = message("unreadable", error=error.strerror or error)
        return Problem(path.name, None, None, None, why)
    if data.startswith(_ZIP_MAGIC):
        return Problem(path.name, None, None, None, message("workbook_not_csv"))
    try:
        return decode(data)
    except UnicodeDecodeError:
        return Problem(path.name, None, None, None, message("bad_encoding"))


def normalize_header(text: str) -> str:
    """A header as the tables name it: trimmed, lower case, inner spaces as "_"."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def read_csv_sheet(path: Path) -> Sheet:
    """One CSV file as a :class:`~roster.io.tables.Sheet` of trimmed text.

    Row numbers are those Excel shows (the header is row 1; blank rows are skipped but
    counted). A file that is not there gives a sheet with ``found`` False.
    """
    if not path.is_file():
        return Sheet(path.name, found=False)
    text = _read_text(path)
    if isinstance(text, Problem):
        return Sheet(path.name, problems=(text,))
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return Sheet(
            path.name,
            problems=(Problem(path.name, None, None, None, message("bad_csv", error=error)),),
        )

    columns: tuple[str, ...] = ()
    header_row = 1
    rows: list[Row] = []
    # A CSV record is one Excel row even when a quoted cell holds a line break.
    for number, record in enumerate(records, start=1):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if not columns:
            columns = tuple(normalize_header(cell) for cell in cells)
            header_row = number
            continue
        # Cells past the header's end have no column to go to: say so rather than drop them.
        overflow: tuple[Problem, ...] = ()
        if any(cells[len(columns) :]):
            used = max(i for i, cell in enumerate(cells) if cell) + 1
            why = message("extra_cells", cells=used, columns=len(columns))
            overflow = (Problem(path.name, number, None, None, why),)
        values: dict[str, str] = {}
        for header, cell in zip(columns, cells, strict=False):
            if header and cell and header not in values:
                values[header] = cell
        rows.append(Row(number, values, overflow))
    return Sheet(path.name, columns, tuple(rows), header_row)


def read_settings(path: Path) -> Settings:
    """``plan.toml`` as plain values, or the problem that stops it being read (a TOML syntax
    error names its line)."""
    if not path.is_file():
        return Settings(path.name, found=False)
    text = _read_text(path)
    if isinstance(text, Problem):
        return Settings(path.name, problems=(text,))
    try:
        return Settings(path.name, tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        where = int(line[1]) if line else None
        return Settings(
            path.name,
            problems=(Problem(path.name, where, None, None, message("bad_toml", error=error)),),
        )
