"""Next week's plan from this week's: the same workbook, its period moved on by its length,
the published roster as its ``history`` sheet (rest, consecutive days and nights and the
fairness ledgers carry over the boundary), and only what still concerns the new period
kept of the dated sheets (an absence that runs on, from the new first day; requests and
pins inside the new period). A plan uploaded as a CSV folder becomes a workbook first
(``roster template --from``'s conversion). The leader downloads it to add the new week's
absences and wishes, or solves it as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.roster_file import ROSTER_HEADER
from roster.io.workbook import plan_folder_to_workbook
from roster.web.files import PlanKind, materialize


def next_week_workbook(kind: PlanKind, data: bytes, roster_csv: bytes) -> bytes:
    """The workbook of the period after the plan in ``data``, with ``roster_csv`` (the
    published roster) as its history."""
    with tempfile.TemporaryDirectory(prefix="roster-next-") as tmp:
        folder = Path(tmp)
        if kind == "zip":
            source = materialize(kind, data, folder)
            path = plan_folder_to_workbook(source, folder / "plan.xlsx")
            data = path.read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    settings = book["settings"]
    start, days = _setting(settings, "start"), _setting(settings, "days") or 7
    first = _as_date(start) + dt.timedelta(days=int(days))
    last = first + dt.timedelta(days=int(days) - 1)
    _set_setting(settings, "start", first)
    _history(book, roster_csv)
    _keep_rows(book, "absences", lambda row: _absence_kept(row, first))
    for name in ("requests", "fixed"):
        _keep_rows(book, name, lambda row: _date_in(row.get("date"), first, last))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _setting(sheet: Worksheet, key: str) -> Any:
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == key:
            return row[1].value
    return None


def _set_setting(sheet: Worksheet, key: str, value: dt.date) -> None:
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value
            return


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def _history(book: openpyxl.Workbook, roster_csv: bytes) -> None:
    import csv

    rows = list(csv.reader(io.StringIO(roster_csv.decode("utf-8-sig"))))
    if "history" in book.sheetnames:
        sheet = book["history"]
        sheet.delete_rows(1, sheet.max_row)
    else:
        sheet = book.create_sheet("history")
    sheet.append(list(ROSTER_HEADER))
    for row in rows[1:]:
        sheet.append(row)


def _keep_rows(book: openpyxl.Workbook, name: str, keep: Any) -> None:
    if name not in book.sheetnames:
        return
    sheet = book[name]
    header = [str(c.value).strip().lower() if c.value is not None else "" for c in sheet[1]]
    for number in range(sheet.max_row, 1, -1):
        cells = sheet[number]
        row = {header[k]: cells[k].value for k in range(min(len(header), len(cells)))}
        if all(v is None or str(v).strip() == "" for v in row.values()):
            continue
        if not keep(row):
            sheet.delete_rows(number)
        elif name == "absences":
            start = row.get("from")
            if start is not None and _as_date(start) < _cut(row):
                cells[header.index("from")].value = _cut(row)


def _cut(row: dict[str, Any]) -> dt.date:
    return row["_first"]  # type: ignore[no-any-return]


def _absence_kept(row: dict[str, Any], first: dt.date) -> bool:
    row["_first"] = first
    end = row.get("to")
    try:
        return end is not None and _as_date(end) >= first
    except ValueError:
        return True  # the reader will say what is wrong with it


def _date_in(value: object, first: dt.date, last: dt.date) -> bool:
    try:
        return value is not None and first <= _as_date(value) <= last
    except ValueError:
        return True
