"""The plan workbook's layout: its sheets, columns, notes and drop-downs.

A plan workbook holds one sheet per file of a plan folder (design §3). Sheet names are the
file names without ``.csv`` (the reader also accepts them with ``.csv``, and the Chinese names
of :func:`sheet_names`); the columns are those of the CSV files. ``plan.toml`` becomes two
sheets:

``settings``
    Columns ``key``, ``value`` (and ``note``, which is not read). One row per setting, the
    key written as in ``plan.toml`` with its table in front: ``title``, ``start``, ``days``,
    ``tiers``, ``rules.max_hours_per_week``, ``rules.forbidden_successions``,
    ``weights.fair_nights``, ... A blank value means "not set" (the default), so the
    template lists every key. Lists are separated by ``;`` (``tiers``,
    ``rules.forbidden_successions`` as ``night>am;pm>am``, ``rules.days_off``); shift
    counts as ``night:2;full:1``.
``profiles``
    Column ``name``, then one column per limit (``no_nights``, ``no_24h``,
    ``max_hours_per_day``, ``latest_end``, ...): one row per profile, a blank cell meaning
    "no limit from this profile".

Every written workbook (a template or a converted folder) gets a ``README`` sheet first, a
note (cell comment) on every header saying what goes there, required headers in orange, a
frozen header row, columns as wide as their text, and drop-downs: roles, skills, profile
names (from the ``profiles`` sheet), compound ids, places (compound ids and ``*``,
``managed``, ``unmanaged``), shift ids (from the ``shifts`` sheet), staff ids, priorities,
request and pair kinds, weekdays and true/false. Drop-downs that name other sheets follow
them as the leader adds rows (through a hidden ``lists`` sheet and ``OFFSET`` ranges).
Columns that take several values (``skills``, ``profiles``, ``days``) or free text too
(``place``: errands) only suggest; closed lists refuse other values.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from roster.io.columns import TABLE_BY_NAME, TABLES, CellKind
from roster.plan.limits import limit_info
from roster.plan.model import Limits
from roster.plan.model import Weights as WeightsModel
from roster.text.i18n import CATALOGUE, Lang

# --------------------------------------------------------------------------- layout

SETTINGS_SHEET = "settings"
PROFILES_SHEET = "profiles"
LISTS_SHEET = "lists"
"""The hidden sheet behind the drop-downs; the reader skips it."""

PLAN_SHEETS: tuple[str, ...] = (SETTINGS_SHEET, PROFILES_SHEET, *(t.name for t in TABLES))
"""Every sheet a plan workbook may have, in the order they are written."""

SETTINGS_HEADER = ("key", "value", "note")
PROFILE_NAME = "name"

TOP_SETTINGS = ("title", "start", "days", "tiers")
LIMIT_KINDS: dict[str, CellKind] = {
    column.name: column.kind
    for column in TABLE_BY_NAME["staff"].columns
    if column.target.startswith("overrides.")
}
"""Each limit and how its cells are read (the same as a staff sheet's override column)."""

RULE_KEYS: tuple[str, ...] = (*Limits.model_fields, "forbidden_successions")
WEIGHT_KEYS: tuple[str, ...] = tuple(WeightsModel.model_fields)
SETTING_KEYS: tuple[str, ...] = (
    *TOP_SETTINGS,
    *(f"rules.{key}" for key in RULE_KEYS),
    *(f"weights.{key}" for key in WEIGHT_KEYS),
)
"""Every key of the settings sheet, in the order the template lists them."""

# The limits design §3 names for profiles first, then the rest in the model's order.
_PROFILE_FIRST = (
    "no_nights",
    "no_24h",
    "max_hours_per_day",
    "max_hours_per_week",
    "latest_end",
    "earliest_start",
    "days_off",
)
PROFILE_COLUMNS: tuple[str, ...] = (
    PROFILE_NAME,
    *_PROFILE_FIRST,
    *(key for key in Limits.model_fields if key not in _PROFILE_FIRST),
)

# Per-person limit columns the template's staff sheet shows (any limit may be added).
STAFF_LIMIT_COLUMNS = ("max_hours_per_week", "max_nights_per_week", "no_nights", "days_off")

SettingKind = Literal["text", "bool", "counts", "list"]


def setting_kind(key: str) -> SettingKind:
    """How the value cell of a settings key is read (``key`` must be in SETTING_KEYS)."""
    if key in ("tiers", "rules.forbidden_successions"):
        return "list"
    table, _, name = key.partition(".")
    if table == "rules":
        kind = LIMIT_KINDS[name]
        return "bool" if kind == "bool" else "counts" if kind == "counts" else "text"
    if table == "weights":
        annotation = WeightsModel.model_fields[name].annotation
        return "bool" if annotation is bool else "text"
    return "text"


def sheet_names(sheet: str) -> tuple[str, ...]:
    """The names a plan sheet may have: its own (``staff``) and its Chinese one (``人员名单``)."""
    return (sheet, CATALOGUE[f"plan_sheet_{sheet}"]["zh"])


def table_headers(sheet: str) -> tuple[str, ...]:
    """The header a new sheet gets (the staff sheet shows only a few limit columns)."""
    if sheet == PROFILES_SHEET:
        return PROFILE_COLUMNS
    if sheet == "staff":
        columns = [c.name for c in TABLE_BY_NAME[sheet].columns if c.name not in LIMIT_KINDS]
        return (*columns, *STAFF_LIMIT_COLUMNS)
    if sheet == "fixed":
        return ("staff", "date", "shift", "place")  # as fixed.csv is usually written
    return tuple(c.name for c in TABLE_BY_NAME[sheet].columns)


def required_headers(sheet: str) -> frozenset[str]:
    """The headers that must be filled in a sheet."""
    if sheet == SETTINGS_SHEET:
        return frozenset({"key", "value"})
    if sheet == PROFILES_SHEET:
        return frozenset({PROFILE_NAME})
    table = TABLE_BY_NAME[sheet]
    names = {c.name for c in table.columns if c.required}
    names |= {alias for alias, name in table.aliases.items() if name in names}
    return frozenset(names)


# --------------------------------------------------------------------------- what to write

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass
class TableData:
    """One sheet's cells.

    Attributes:
        header: The header cells, as the leader wrote them.
        rows: The data rows, each with the row number it goes on (as Excel counts).
        header_row: The row the header goes on.
    """

    header: list[str]
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)
    header_row: int = 1


@dataclass
class PlanContent:
    """What a plan workbook holds.

    Attributes:
        settings: Dotted settings key (``rules.max_hours_per_week``) -> value.
        profiles: The profiles sheet.
        tables: Per table name (``staff``, ``shifts``, ...), its sheet; a table missing here
            is not written.
        examples: Whether the data rows are examples (they get a note saying so).
        skills: Skills offered in the skills drop-downs.
    """

    settings: dict[str, CellValue]
    profiles: TableData
    tables: dict[str, TableData]
    examples: bool = False
    skills: tuple[str, ...] = ("lead", "shop", "survey", "drive")


# --------------------------------------------------------------------------- notes

Texts = dict[Lang, str]
"""One text in both languages."""

_NOTES: dict[str, Any] = tomllib.loads(
    resources.files("roster.io").joinpath("template_notes.toml").read_text(encoding="utf-8")
)
"""The workbook's notes and words (``template_notes.toml``); limits' notes are their fields'."""

_TOP_NOTES: dict[str, Texts] = _NOTES["top"]
_WEIGHT_NOTES: dict[str, Texts] = _NOTES["weights"]
_RULE_NOTES: dict[str, Texts] = _NOTES["rules"]
_RULE_PREFIX: Texts = _NOTES["prefix"]["rule"]
_OVERRIDE_PREFIX: Texts = _NOTES["prefix"]["override"]
_SETTINGS_COLUMN_NOTES: dict[str, Texts] = _NOTES["settings_columns"]
_COLUMN_NOTES: dict[str, dict[str, Texts]] = _NOTES["columns"]
# history and fixed also accept the roster format's staff_id.
_COLUMN_NOTES["history"]["staff_id"] = _COLUMN_NOTES["history"]["staff"]
_COLUMN_NOTES["fixed"]["staff_id"] = _COLUMN_NOTES["fixed"]["staff"]
SHEET_NOTES: dict[str, Texts] = _NOTES["sheets"]
"""What each sheet holds, for the README sheet."""
README: dict[str, Texts] = _NOTES["readme"]
"""The README sheet's texts and the writer's messages."""
EXAMPLE_WORDS: dict[str, Texts] = _NOTES["examples"]
"""The words of the template's example rows."""


def _limit_note(name: str, lang: Lang) -> str:
    """What a limit means (from its field), or a rule's that is not a limit."""
    if name in Limits.model_fields:
        return limit_info(name).note_text(lang)
    return _RULE_NOTES[name][lang]


def header_note(sheet: str, column: str, lang: Lang) -> str | None:
    """What goes in a column, for the note on its header (None for a column of the leader's)."""
    if sheet == SETTINGS_SHEET:
        notes = _SETTINGS_COLUMN_NOTES.get(column)
        return notes[lang] if notes else None
    note = _COLUMN_NOTES.get(sheet, {}).get(column)
    if note:
        return note[lang]
    if column in LIMIT_KINDS and sheet in (PROFILES_SHEET, "staff"):
        prefix = _OVERRIDE_PREFIX[lang] if sheet == "staff" else ""
        return prefix + _limit_note(column, lang)
    return None


def setting_note(key: str, lang: Lang) -> str:
    """What a settings key means."""
    table, _, name = key.partition(".")
    if table == "rules" and (name in Limits.model_fields or name in _RULE_NOTES):
        return _RULE_PREFIX[lang] + _limit_note(name, lang)
    if table == "weights" and name in _WEIGHT_NOTES:
        return _WEIGHT_NOTES[name][lang]
    return _TOP_NOTES[key][lang] if key in _TOP_NOTES else ""


# --------------------------------------------------------------------------- drop-downs

BOOLS = '"true,false"'

ListSource = Literal[
    "roles",
    "skills",
    "profiles",
    "compounds",
    "places",
    "shifts",
    "shifts_or_all",
    "staff",
    "priorities",
    "request_kinds",
    "pair_kinds",
    "weekdays",
    "days",
    "bools",
]


@dataclass(frozen=True)
class DropDown:
    """A drop-down on a column: where its values come from, and whether other values are
    refused (else the list only suggests)."""

    source: ListSource
    strict: bool = False


_DROPDOWNS: dict[str, dict[str, DropDown]] = {
    PROFILES_SHEET: {"days_off": DropDown("weekdays")},
    "staff": {
        "role": DropDown("roles", strict=True),
        "skills": DropDown("skills"),
        "profiles": DropDown("profiles"),
        "home_compound": DropDown("compounds", strict=True),
        "days_off": DropDown("weekdays"),
    },
    "demand": {
        "place": DropDown("places"),
        "shift": DropDown("shifts", strict=True),
        "days": DropDown("days"),
        "skill": DropDown("skills"),
        "priority": DropDown("priorities", strict=True),
    },
    "absences": {"staff": DropDown("staff", strict=True)},
    "requests": {
        "staff": DropDown("staff", strict=True),
        "shift": DropDown("shifts_or_all", strict=True),
        "kind": DropDown("request_kinds", strict=True),
    },
    "history": {
        "shift": DropDown("shifts"),
        "place": DropDown("places"),
        "staff": DropDown("staff"),
        "staff_id": DropDown("staff"),
    },
    "fixed": {
        "staff": DropDown("staff", strict=True),
        "staff_id": DropDown("staff", strict=True),
        "shift": DropDown("shifts", strict=True),
        "place": DropDown("places"),
    },
    "pairs": {
        "a": DropDown("staff", strict=True),
        "b": DropDown("staff", strict=True),
        "kind": DropDown("pair_kinds", strict=True),
    },
}


def dropdown(sheet: str, column: str) -> DropDown | None:
    """The drop-down a column of a sheet gets, if any (every yes/no column gets true/false)."""
    found = _DROPDOWNS.get(sheet, {}).get(column)
    if found:
        return found
    if sheet == PROFILES_SHEET or (sheet == "staff" and column in LIMIT_KINDS):
        return DropDown("bools") if LIMIT_KINDS.get(column) == "bool" else None
    if sheet in TABLE_BY_NAME:
        known = TABLE_BY_NAME[sheet].column(column)
        if known is not None and known.kind == "bool":
            return DropDown("bools")
    return None


LIST_ROWS = 300
"""Rows of other sheets a drop-down follows (staff ids, shift ids, ...)."""
DATA_ROWS = 500
"""Rows below a header that get the column's drop-down."""
