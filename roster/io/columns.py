"""What readers give and what they read: rows of text, the tables of columns each plan file
has (:data:`TABLES`), and how one cell's text becomes a value.

A reader (``folder.py`` for CSV files, ``workbook.py`` for a workbook) only turns each file
or sheet into a :class:`Sheet` of :class:`Row` s of trimmed text, and ``plan.toml`` (or a
settings sheet) into a :class:`Settings` mapping; :mod:`roster.io.tables` makes the plan.
The column tables are also what the template writer puts in a header.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from roster.plan.limits import Unit, limit_infos
from roster.plan.model import (
    Absence,
    Assignment,
    Compound,
    Demand,
    Pair,
    Request,
    Shift,
    Staff,
    split_list,
)
from roster.plan.problems import Problem, message
from roster.text.i18n import Text

# --------------------------------------------------------------------------- what readers give


@dataclass(frozen=True)
class Row:
    """One data row: its number as Excel shows it (the header is row 1), its non-blank
    cells keyed by the lower-case column header with stray spaces trimmed, and what the
    reader found wrong with the row as a whole (cells beyond the header)."""

    number: int
    cells: Mapping[str, str]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """One table of a plan as read from a file or a workbook sheet.

    Attributes:
        name: What problems call it: ``staff.csv``, or a sheet name.
        columns: The header, lower-case and trimmed, in order (repeats kept, to report).
        rows: The non-blank data rows.
        header_row: The row the header is on (1 unless blank rows come first).
        found: False when the file or sheet does not exist.
        problems: Why it could not be read (encoding, not a CSV, ...), if it could not;
            a sheet with problems is treated as unreadable.
    """

    name: str
    columns: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    header_row: int = 1
    found: bool = True
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Settings:
    """``plan.toml`` (or a workbook's settings) as plain values.

    Attributes:
        name: What problems call it: ``plan.toml``.
        values: The settings, nested as in ``plan.toml`` (``rules``, ``profiles.NAME``...).
        found: False when the file does not exist.
        problems: Why it could not be read, if it could not.
    """

    name: str
    values: Mapping[str, Any] = field(default_factory=dict)
    found: bool = True
    problems: tuple[Problem, ...] = ()


# --------------------------------------------------------------------------- the tables

CellKind = Literal["text", "bool", "date", "from", "to", "shift_or_all", "counts"]


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes:
        name: The header (lower case).
        required: Whether the column must be in the header and its cells filled.
        kind: How a cell is read before the model checks it (booleans in Chinese, dates
            with slashes, "to" dates that include the whole day, ...); "text" leaves it
            to the model.
        field: The model field, dotted into a nested model (``overrides.no_nights``);
            the header when None.
    """

    name: str
    required: bool = False
    kind: CellKind = "text"
    field: str | None = None

    @property
    def target(self) -> str:
        """The model field this column fills."""
        return self.field or self.name


@dataclass(frozen=True)
class Table:
    """A plan table: its model, its columns, and the headers it also accepts.

    Attributes:
        name: The plan collection it fills (``staff``), also the file's stem.
        model: The model of one row.
        columns: The columns it reads.
        required: Whether the plan needs this table.
        aliases: Other headers accepted for a column (``staff`` for ``staff_id``).
        ignored: Columns that may be there and are not read (a roster's ``start``).
        id_column: The column holding the row's id, for references to it.
    """

    name: str
    model: type[BaseModel]
    columns: tuple[Column, ...]
    required: bool = False
    aliases: Mapping[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    id_column: str | None = None

    def column(self, name: str) -> Column | None:
        """The column of a header (an alias resolves to its column)."""
        name = self.aliases.get(name, name)
        return next((c for c in self.columns if c.name == name), None)

    def headers(self) -> list[str]:
        """Every header this table knows, for "did you mean" hints."""
        return [*(c.name for c in self.columns), *self.aliases, *self.ignored]


def _limit_columns() -> tuple[Column, ...]:
    """Any limit of ``Limits`` may be a per-person column of staff.csv."""
    kinds: dict[Unit, CellKind] = {"flag": "bool", "shift_counts": "counts"}
    return tuple(
        Column(name, kind=kinds.get(info.unit, "text"), field=f"overrides.{name}")
        for name, info in limit_infos()
    )


_ROSTER_COLUMNS = (
    Column("date", required=True, kind="date"),
    Column("shift", required=True),
    Column("place", required=True),
    Column("staff_id", required=True),
)
_ROSTER_IGNORED = ("start", "end", "staff_name")

TABLES: tuple[Table, ...] = (
    Table(
        "staff",
        Staff,
        (
            Column("id", required=True),
            Column("name", required=True),
            Column("role"),
            Column("skills"),
            Column("profiles"),
            Column("home_compound"),
            Column("unit"),
            Column("areas"),
            *_limit_columns(),
        ),
        required=True,
        id_column="id",
    ),
    Table(
        "compounds",
        Compound,
        (
            Column("id", required=True),
            Column("name", required=True),
            Column("unmanaged", kind="bool"),
            Column("round_the_clock", kind="bool"),
            Column("households"),
            Column("residents"),
            Column("area"),
        ),
        id_column="id",
    ),
    Table(
        "shifts",
        Shift,
        (
            Column("id", required=True),
            Column("name", required=True),
            Column("start", required=True),
            Column("end", required=True),
            Column("night", kind="bool"),
        ),
        required=True,
        id_column="id",
    ),
    Table(
        "demand",
        Demand,
        (
            Column("place", required=True),
            Column("shift", required=True),
            Column("days"),
            Column("min", required=True),
            Column("max"),
            Column("skill"),
            Column("priority"),
        ),
    ),
    Table(
        "absences",
        Absence,
        (
            Column("staff", required=True),
            Column("from", required=True, kind="from", field="start"),
            Column("to", required=True, kind="to", field="end"),
            Column("reason"),
        ),
    ),
    Table(
        "requests",
        Request,
        (
            Column("staff", required=True),
            Column("date", required=True, kind="date"),
            Column("shift", kind="shift_or_all"),
            Column("kind", required=True),
            Column("weight"),
        ),
    ),
    Table(
        "history",
        Assignment,
        _ROSTER_COLUMNS,
        aliases={"staff": "staff_id"},
        ignored=_ROSTER_IGNORED,
    ),
    Table(
        "fixed",
        Assignment,
        _ROSTER_COLUMNS,
        aliases={"staff": "staff_id"},
        ignored=_ROSTER_IGNORED,
    ),
    Table(
        "pairs",
        Pair,
        (
            Column("a", required=True),
            Column("b", required=True),
            Column("kind", required=True),
        ),
    ),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}

# The roster format (roster.csv, history.csv): what `check` and `reschedule` read.
ROSTER_TABLE = TABLE_BY_NAME["history"]


# --------------------------------------------------------------------------- cells


class CellError(ValueError):
    """A cell that cannot be read; ``text`` says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.render("en"))
        self.text = text


TRUE_WORDS = frozenset({"true", "yes", "y", "1", "是"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "否"})

_MOMENT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)


def parse_bool(text: str) -> bool:
    """true/false, yes/no, y/n, 1/0, 是/否 (any case)."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(message("not_bool", value=text))


def parse_moment(text: str) -> tuple[dt.datetime, bool]:
    """A date or a date-time, as leaders and Excel write them, and whether it had a time.

    Accepts ``2026-02-09``, ``2026/2/9``, ``2026年2月9日``, with an optional ``HH:MM[:SS]``
    after a space or ``T``.
    """
    match = _MOMENT.fullmatch(text.strip())
    if not match:
        raise CellError(message("not_moment", value=text))
    year, month, day, hour, minute, second = match.groups()
    try:
        moment = dt.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise CellError(message("not_moment", value=text)) from None
    return moment, hour is not None


def absence_moment(text: str, *, end: bool) -> dt.datetime:
    """An absence's ``from`` or (``end``) ``to``, as absences.csv and the web page read them:
    a date-time, or a date alone, which means that whole day (from its first minute; to the
    next midnight). Raises :class:`CellError`."""
    moment, has_time = parse_moment(text)
    return moment + dt.timedelta(days=1) if end and not has_time else moment


def parse_date(text: str) -> dt.date:
    """A date (a time part is accepted only at midnight, as Excel sometimes writes dates)."""
    try:
        moment, _ = parse_moment(text)
    except CellError:
        raise CellError(message("not_date", value=text)) from None
    if moment.time() != dt.time():
        raise CellError(message("not_date", value=text))
    return moment.date()


def parse_counts(text: str) -> dict[str, int]:
    """``night:2;full:1`` as a mapping of shift id to count (``max_shifts_of_type``)."""
    counts: dict[str, int] = {}
    for part in split_list(text):
        match = re.fullmatch(r"(.+?)\s*[:：=]\s*(\d+)", part)
        if not match:
            raise CellError(message("not_counts", value=text))
        counts[match[1]] = int(match[2])
    return counts


def read_cell(kind: CellKind, text: str) -> Any:
    """A cell's value for the model; raises :class:`CellError`."""
    if kind == "bool":
        return parse_bool(text)
    if kind == "date":
        return parse_date(text)
    if kind in ("from", "to"):
        return absence_moment(text, end=kind == "to")
    if kind == "shift_or_all":
        return None if text == "*" else text
    if kind == "counts":
        return parse_counts(text)
    return text
