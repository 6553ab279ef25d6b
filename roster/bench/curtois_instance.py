"""The Curtois & Qu instance files (``../shared/benchmarks/curtois``), read as written, and
the benchmark's objective exactly as the format's README defines it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


class FormatError(ValueError):
    """An instance file does not follow the format."""


@dataclass(frozen=True)
class ShiftType:
    """A row of ``SECTION_SHIFTS``."""

    id: str
    minutes: int
    forbidden_next: tuple[str, ...]


@dataclass(frozen=True)
class Employee:
    """A row of ``SECTION_STAFF`` (minutes and counts as in the file)."""

    id: str
    max_shifts: Mapping[str, int]
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class ShiftRequest:
    """A row of ``SECTION_SHIFT_ON_REQUESTS`` or ``SECTION_SHIFT_OFF_REQUESTS``."""

    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    """A row of ``SECTION_COVER``."""

    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class Instance:
    """One instance file, as written."""

    name: str
    horizon: int
    shifts: tuple[ShiftType, ...]
    staff: tuple[Employee, ...]
    days_off: Mapping[str, tuple[int, ...]]
    on_requests: tuple[ShiftRequest, ...]
    off_requests: tuple[ShiftRequest, ...]
    cover: tuple[Cover, ...]


Assignment = Mapping[tuple[str, int], str]
"""A roster in the benchmark's terms: (employee id, day) -> shift id; absent means off."""


def parse(text: str, name: str) -> Instance:
    """An instance from the text of its file."""
    rows = _sections(text)
    try:
        horizon = int(_only(rows["SECTION_HORIZON"])[0])
        shifts = tuple(
            ShiftType(r[0], int(r[1]), tuple(s for s in _field(r, 2).split("|") if s))
            for r in rows["SECTION_SHIFTS"]
        )
        staff = tuple(_employee(r) for r in rows["SECTION_STAFF"])
        days_off = {r[0]: tuple(int(d) for d in r[1:] if d) for r in rows["SECTION_DAYS_OFF"]}
        on = tuple(_request(r) for r in rows["SECTION_SHIFT_ON_REQUESTS"])
        off = tuple(_request(r) for r in rows["SECTION_SHIFT_OFF_REQUESTS"])
        cover = tuple(
            Cover(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in rows["SECTION_COVER"]
        )
    except (IndexError, ValueError) as error:
        raise FormatError(f"{name}: {error}") from None
    return Instance(name, horizon, shifts, staff, days_off, on, off, cover)


def read_instance(path: Path) -> Instance:
    """An instance from its ``.txt`` file; its name is the file's stem (``Instance1``)."""
    return parse(path.read_text(encoding="utf-8"), path.stem)


def _sections(text: str) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            rows[current] = []
        elif current is None:
            raise FormatError(f"data before the first section: {line!r}")
        else:
            rows[current].append([cell.strip() for cell in line.split(",")])
    missing = [s for s in SECTIONS if s not in rows]
    if missing:
        raise FormatError(f"missing sections: {', '.join(missing)}")
    return rows


def _only(rows: list[list[str]]) -> list[str]:
    if len(rows) != 1:
        raise FormatError(f"expected one row, found {len(rows)}")
    return rows[0]


def _field(row: list[str], k: int) -> str:
    return row[k] if k < len(row) else ""


def _employee(row: list[str]) -> Employee:
    caps = {}
    for pair in row[1].split("|"):
        shift, _, cap = pair.partition("=")
        caps[shift] = int(cap)
    numbers = [int(v) for v in row[2:8]]
    if len(numbers) != 6:
        raise FormatError(f"staff row {row[0]}: expected 8 fields")
    return Employee(row[0], caps, *numbers)


def _request(row: list[str]) -> ShiftRequest:
    return ShiftRequest(row[0], int(row[1]), row[2], int(row[3]))


def benchmark_objective(instance: Instance, assignment: Assignment) -> int:
    """The objective exactly as the format's README defines it: on-requests not met,
    off-requests met, and weighted under- and over-cover."""
    total = 0
    for r in instance.on_requests:
        total += r.weight * (assignment.get((r.staff, r.day)) != r.shift)
    for r in instance.off_requests:
        total += r.weight * (assignment.get((r.staff, r.day)) == r.shift)
    working: dict[tuple[int, str], int] = {}
    for (_, day), shift in assignment.items():
        working[day, shift] = working.get((day, shift), 0) + 1
    for c in instance.cover:
        n = working.get((c.day, c.shift), 0)
        total += c.weight_under * max(0, c.requirement - n) + c.weight_over * max(
            0, n - c.requirement
        )
    return total
