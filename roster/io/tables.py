"""From rows of text to a validated plan: the half of reading that does not care where the
rows came from.

A reader gives a :class:`~roster.io.columns.Sheet` per file and the
:class:`~roster.io.columns.Settings` of ``plan.toml``. :func:`plan_from_tables` then turns cells
into the models of ``roster.plan.model``, converts every pydantic error into a plain
:class:`~roster.plan.problems.Problem`, runs the cross-file checks and raises one
:class:`~roster.plan.problems.PlanError` with everything found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from roster.io.columns import (
    ROSTER_TABLE,
    TABLE_BY_NAME,
    TABLES,
    CellError,
    Row,
    Settings,
    Sheet,
    Table,
    parse_date,
    read_cell,
)
from roster.plan.model import (
    Absence,
    Assignment,
    Limits,
    Plan,
    Weights,
)
from roster.plan.problems import (
    PlanError,
    Problem,
    Provenance,
    Source,
    message,
    problem_order,
    suggest,
    unique,
)
from roster.plan.validate import validate_plan
from roster.text.i18n import Text

SETTINGS_KEYS = ("title", "start", "days", "rules", "weights", "tiers", "profiles")

# Stands in for a start that could not be read, so the other checks can still run; checks
# against the period are then skipped (Provenance.period_known).
_STAND_IN_START = dt.date(2000, 1, 3)

# --------------------------------------------------------------------------- pydantic errors


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def plain_error(error: ErrorDetails, raw: str | None) -> Text:
    """A pydantic error in plain words a leader can act on, in both languages.

    Args:
        error: One entry of ``ValidationError.errors()``.
        raw: The value as the leader wrote it, when known.
    """
    kind = error["type"]
    given = error.get("input")
    value = _number(given) if isinstance(given, str | int | float) else (raw or "")
    ctx = error.get("ctx") or {}
    if kind in ("missing", "string_too_short"):
        return message("blank")
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return message("not_int", value=value)
    if kind in ("float_parsing", "float_type", "finite_number"):
        return message("not_number", value=value)
    if kind in ("bool_parsing", "bool_type"):
        return message("not_bool", value=value)
    bounds = {
        "greater_than_equal": ("too_small", "ge"),
        "greater_than": ("too_small_strict", "gt"),
        "less_than_equal": ("too_large", "le"),
        "less_than": ("too_large_strict", "lt"),
    }
    if kind in bounds:
        key, bound = bounds[kind]
        return message(key, value=value, limit=_number(ctx.get(bound)))
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return message("not_one_of", value=value, expected=expected)
    if kind.startswith(("date", "datetime")):
        return message("not_date", value=value)
    if kind == "string_type":
        return message("not_text")
    if kind in ("list_type", "tuple_type", "set_type"):
        return message("not_list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return message("not_table")
    detail = str(ctx.get("error", error["msg"]))
    # The model's own validators (roster.plan.model) say these in English; give both languages.
    if "is not a time of day" in detail:
        return message("not_clock", value=value)
    if "is not a weekday" in detail:
        return message("not_weekday", value=value)
    if "must start before 24:00" in detail:
        return message("shift_start_24")
    return message("invalid", value=value, detail=detail)


def _field_of(loc: Sequence[int | str], fields: Iterable[str]) -> str:
    """The model field (possibly dotted) an error location points at."""
    known = set(fields)
    dotted = ".".join(str(part) for part in loc[:2])
    return dotted if dotted in known else str(loc[0]) if loc else ""


# --------------------------------------------------------------------------- rows → models


@dataclass
class _Loaded:
    """One table's items, where each came from, and what went wrong."""

    items: list[Any]
    source: Source
    problems: list[Problem]


def load_table(table: Table, sheet: Sheet) -> _Loaded:
    """Turn a sheet's rows into the table's models, collecting every problem.

    A row with any problem is left out of the items (its id still counts as known, see
    :class:`~roster.plan.problems.Source`).
    """
    problems: list[Problem] = list(sheet.problems)
    if not sheet.found:
        # An optional table that is not there is simply empty; a required one is missing.
        if table.required:
            problems.append(Problem(sheet.name, None, None, None, message("missing_file")))
        return _Loaded([], Source(sheet.name, complete=not table.required), problems)
    if sheet.problems:
        return _Loaded([], Source(sheet.name, complete=False), problems)
    if not sheet.columns:
        if table.required:
            expected = ", ".join(c.name for c in table.columns if c.required)
            problems.append(
                Problem(sheet.name, None, None, None, message("no_header", expected=expected))
            )
        return _Loaded([], Source(sheet.name, complete=not table.required), problems)

    header_of = _headers(table, sheet, problems)
    missing = [c for c in table.columns if c.required and c.name not in header_of]
    for column in missing:
        found = ", ".join(h for h in sheet.columns if h) or "-"
        problems.append(
            Problem(sheet.name, None, column.name, None, message("missing_column", found=found))
        )
    columns = {c.target: header_of.get(c.name, c.name) for c in table.columns}
    columns = {target: header for target, header in columns.items() if target != header}
    if missing:
        # Every row would lack the column too: one problem says it all.
        return _Loaded([], Source(sheet.name, columns=columns, complete=False), problems)

    items: list[Any] = []
    rows: list[int] = []
    broken: set[str] = set()
    for row in sheet.rows:
        item, row_problems = _load_row(table, sheet.name, row, header_of)
        problems += row_problems
        if item is None:
            row_id = row.cells.get(header_of.get(table.id_column or "", ""), "")
            if row_id:
                broken.add(row_id)
        else:
            items.append(item)
            rows.append(row.number)
    source = Source(sheet.name, rows=tuple(rows), columns=columns, broken_ids=frozenset(broken))
    return _Loaded(items, source, problems)


def _headers(table: Table, sheet: Sheet, problems: list[Problem]) -> dict[str, str]:
    """Column name -> the header the sheet uses for it; reports repeated and mistyped ones."""
    header_of: dict[str, str] = {}
    seen: set[str] = set()
    for header in sheet.columns:
        if not header:
            continue
        if header in seen:
            text = message("duplicate_column")
            problems.append(Problem(sheet.name, sheet.header_row, header, None, text))
            continue
        seen.add(header)
        column = table.column(header)
        if column is not None:
            # The column's own name wins over an alias if a sheet has both.
            if column.name not in header_of or header == column.name:
                header_of[column.name] = header
        elif header not in table.ignored:
            # Leaders add their own columns (notes, phone); only a near-miss of a known
            # column is surely a typo that would silently drop a limit.
            hint = suggest(header, table.headers())
            if hint:
                text = message("unknown_column", suggestion=hint)
                problems.append(Problem(sheet.name, sheet.header_row, header, None, text))
    return header_of


def _load_row(
    table: Table, sheet: str, row: Row, header_of: Mapping[str, str]
) -> tuple[Any | None, list[Problem]]:
    problems: list[Problem] = list(row.problems)
    data: dict[str, Any] = {}
    unread: set[str] = set()
    for column in table.columns:
        header = header_of.get(column.name)
        text = row.cells.get(header) if header else None
        if text is None:
            continue
        try:
            value = read_cell(column.kind, text)
        except CellError as error:
            problems.append(Problem(sheet, row.number, header, text, error.text))
            unread.add(column.target)
            continue
        node = data
        *parents, leaf = column.target.split(".")
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
    try:
        item = table.model.model_validate(data)
    except ValidationError as error:
        targets = {c.target: c for c in table.columns}
        for detail in error.errors():
            target = _field_of(detail["loc"], targets)
            if target in unread:
                continue  # already said why this cell could not be read
            known = targets.get(target)
            header = header_of.get(known.name, known.name) if known else target
            raw = row.cells.get(header)
            problems.append(Problem(sheet, row.number, header, raw, plain_error(detail, raw)))
        return None, problems
    return (None if problems else item), problems


# --------------------------------------------------------------------------- settings


def _validate_partly(
    model: type[BaseModel],
    values: Mapping[str, Any],
    file: str,
    table: str,
    problems: list[Problem],
) -> BaseModel:
    """Validate a settings table, reporting bad keys and keeping the good ones, so that one
    typo does not hide what the other settings mean for the cross-file checks."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as error:
        bad: set[str] = set()
        known = list(model.model_fields)
        for detail in error.errors():
            key = str(detail["loc"][0]) if detail["loc"] else ""
            bad.add(key)
            raw = values.get(key)
            if detail["type"] == "extra_forbidden":
                hint = suggest(key, known)
                text = (
                    message("unknown_setting_suggest", suggestion=hint)
                    if hint
                    else message("unknown_setting", known=", ".join(known))
                )
                problems.append(Problem(file, table, key, None, text))
            else:
                problems.append(
                    Problem(file, table, key, _show(raw), plain_error(detail, _show(raw)))
                )
        good = {k: v for k, v in values.items() if k not in bad}
        try:
            return model.model_validate(good)
        except ValidationError:
            return model()


def _show(value: object) -> str | None:
    return None if value is None else str(value)


def _table(
    values: Mapping[str, Any], key: str, file: str, problems: list[Problem]
) -> dict[str, Any]:
    value = values.get(key, {})
    if isinstance(value, Mapping):
        return dict(value)
    problems.append(Problem(file, None, key, _show(value), message("not_table")))
    return {}


def _successions(value: object, file: str, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """``forbidden_successions``: "A>B" strings or [A, B] pairs."""
    if not isinstance(value, list | tuple):
        problems.append(
            Problem(file, "[rules]", "forbidden_successions", _show(value), message("not_list"))
        )
        return ()
    pairs = []
    for item in value:
        parts: list[str] = []
        if isinstance(item, str):
            parts = [p.strip() for p in re.split(r"->|→|>", item)]
        elif isinstance(item, list | tuple) and all(isinstance(p, str) for p in item):
            parts = [p.strip() for p in item]
        if len(parts) == 2 and all(parts):
            pairs.append((parts[0], parts[1]))
        else:
            text = message("not_succession", value=item)
            problems.append(Problem(file, "[rules]", "forbidden_successions", str(item), text))
    return tuple(pairs)


@dataclass
class LoadedSettings:
    """The settings as keyword arguments of :class:`~roster.plan.model.Plan`, and what could
    not be read.

    Attributes:
        fields: ``title``, ``start``, ``rules``, ``profiles``, ... (a stand-in ``start``
            when it could not be read).
        problems: Every problem found in the settings.
        start_known: Whether ``start`` was read.
        profiles_known: Whether the profiles were read (else their names are unknown).
    """

    fields: dict[str, Any]
    problems: list[Problem]
    start_known: bool
    profiles_known: bool


def load_settings(settings: Settings) -> LoadedSettings:
    """The plan's settings, validated key by key, with every problem found."""
    file = settings.name
    problems: list[Problem] = list(settings.problems)
    if not settings.found:
        problems.append(Problem(file, None, None, None, message("missing_file")))
    values = settings.values
    for key in values:
        if key not in SETTINGS_KEYS:
            hint = suggest(key, SETTINGS_KEYS)
            text = (
                message("unknown_setting_suggest", suggestion=hint)
                if hint
                else message("unknown_setting", known=", ".join(SETTINGS_KEYS))
            )
            problems.append(Problem(file, None, key, None, text))

    rules = _table(values, "rules", file, problems)
    successions = _successions(rules.pop("forbidden_successions", []), file, problems)
    found: dict[str, Any] = {
        "rules": _validate_partly(Limits, rules, file, "[rules]", problems),
        "forbidden_successions": successions,
        "weights": _validate_partly(
            Weights, _table(values, "weights", file, problems), file, "[weights]", problems
        ),
        "profiles": {},
    }
    for name, profile in _table(values, "profiles", file, problems).items():
        where = f"[profiles.{name}]"
        if isinstance(profile, Mapping):
            found["profiles"][name] = _validate_partly(Limits, profile, file, where, problems)
        else:
            problems.append(
                Problem(file, None, f"profiles.{name}", _show(profile), message("not_table"))
            )
            found["profiles"][name] = Limits()

    top = {key: values[key] for key in ("title", "start", "days", "tiers") if key in values}
    start = top.get("start")
    if isinstance(start, str):
        try:
            top["start"] = parse_date(start)
        except CellError as error:
            problems.append(Problem(file, None, "start", start, error.text))
            del top["start"]
    elif isinstance(start, dt.datetime) or (start is not None and not isinstance(start, dt.date)):
        problems.append(Problem(file, None, "start", str(start), message("not_date", value=start)))
        del top["start"]
    elif start is None and settings.found and not settings.problems:
        problems.append(Problem(file, None, "start", None, message("missing_start")))
    # The plan's own validators judge title, days and tiers; only the settings are given.
    try:
        Plan.model_validate({"start": _STAND_IN_START, **top, "staff": (), "shifts": ()})
    except ValidationError as error:
        for detail in error.errors():
            key = str(detail["loc"][0])
            raw = _show(values.get(key))
            problems.append(Problem(file, None, key, raw, plain_error(detail, raw)))
            top.pop(key, None)
    found.update({"start": _STAND_IN_START} | top)
    readable = settings.found and not settings.problems
    profiles_known = readable and isinstance(values.get("profiles", {}), Mapping)
    return LoadedSettings(found, problems, "start" in top, profiles_known)


# --------------------------------------------------------------------------- the plan


def plan_from_tables(settings: Settings, sheets: Mapping[str, Sheet]) -> Plan:
    """The validated plan from its settings and tables, or every problem at once.

    Args:
        settings: ``plan.toml`` (or a settings sheet) as read.
        sheets: Per table name (``staff``, ``shifts``, ...), the sheet as read; a table
            missing from the mapping counts as a file that is not there.

    Raises:
        PlanError: With every problem found: bad cells and settings first, then the
            cross-file checks of :func:`roster.plan.validate.validate_plan`.
    """
    loaded_settings = load_settings(settings)
    fields, problems = loaded_settings.fields, loaded_settings.problems
    sources: dict[str, Source] = {}
    for table in TABLES:
        sheet = sheets.get(table.name) or Sheet(f"{table.name}.csv", found=False)
        loaded = load_table(table, sheet)
        fields[table.name] = tuple(loaded.items)
        sources[table.name] = loaded.source
        problems += loaded.problems
    plan = Plan(**fields)
    provenance = Provenance(
        sources,
        settings=settings.name,
        period_known=loaded_settings.start_known,
        profiles_known=loaded_settings.profiles_known,
    )
    problems += validate_plan(plan, provenance)
    if problems:
        files = [settings.name, *(s.file for s in sources.values())]
        raise PlanError(sorted(unique(problems), key=problem_order(files)), title=plan.title)
    return plan


def assignments_from_sheet(sheet: Sheet) -> list[Assignment]:
    """The duties of a roster-format sheet (``roster.csv``: date, shift, place, staff_id).

    Raises:
        PlanError: With every bad row.
    """
    return _rows_or_problems(ROSTER_TABLE, sheet)


def absences_from_sheet(sheet: Sheet) -> list[Absence]:
    """The absences of a sheet in the ``absences.csv`` format (staff, from, to, reason).

    Raises:
        PlanError: With every bad row.
    """
    return _rows_or_problems(TABLE_BY_NAME["absences"], sheet)


def _rows_or_problems(table: Table, sheet: Sheet) -> list[Any]:
    """A standalone sheet's rows as ``table``'s models; a missing sheet or any bad row
    raises :class:`PlanError` with every problem."""
    loaded = load_table(table, sheet)
    if not sheet.found and not loaded.problems:
        loaded.problems.append(Problem(sheet.name, None, None, None, message("missing_file")))
    if loaded.problems:
        raise PlanError(sorted(unique(loaded.problems), key=problem_order([sheet.name])))
    return list(loaded.items)
