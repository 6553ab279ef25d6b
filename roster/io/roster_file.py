"""A roster's own file, both ways: the rows of ``roster.csv`` written from a roster, and a
roster read back from ``roster.csv`` (or any file in its format) or the grid of an edited
``roster.xlsx``, its entries matched to the plan (``roster check``).

Matching is forgiving: an entry may name a compound by its name; entries that name unknown
staff, shifts or places, or dates outside the period, are problems and left out; duplicates
are counted once and noted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roster.io.folder import read_csv_sheet
from roster.io.grid import is_workbook, read_roster_grid
from roster.io.tables import assignments_from_sheet
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Plan
from roster.plan.validate import Problem, known_list, message, period_text, suggest
from roster.roster import Roster
from roster.text.i18n import CATALOGUE, Lang, Text

ROSTER_HEADER = ("date", "shift", "start", "end", "place", "staff_id", "staff_name")

Location = int | str
"""Where an entry of a roster file is: a row number of ``roster.csv``, or a grid cell."""


def roster_rows(roster: Roster) -> list[tuple[str, ...]]:
    """Rows of ``roster.csv``: one per person per shift, start and end as ISO date-times."""
    origin = dt.datetime.combine(roster.index.plan.start, dt.time())
    rows: list[tuple[str, ...]] = []
    for duty in sorted(
        roster.duties, key=lambda d: (d.slot.start, d.place, roster.index.people[d.person].id)
    ):
        person = roster.index.people[duty.person]
        start = origin + dt.timedelta(minutes=duty.slot.start)
        end = origin + dt.timedelta(minutes=duty.slot.end)
        rows.append(
            (
                duty.slot.date.isoformat(),
                duty.slot.shift.id,
                start.isoformat(timespec="minutes"),
                end.isoformat(timespec="minutes"),
                duty.place,
                person.id,
                person.staff.name,
            )
        )
    return rows


@dataclass
class RosterInput:
    """A roster as read from a file, before it meets the rules.

    Attributes:
        name: The file's name, for problems.
        assignments: The entries read.
        where: Each entry's row (``roster.csv``) or cell (``排班表!D5``).
        problems: Entries that could not be read.
        notes: Readings the leader should confirm (misspelt names matched to someone).
    """

    name: str
    assignments: list[Assignment]
    where: list[Location]
    problems: list[Problem] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)


def read_roster(path: Path, plan: Plan) -> RosterInput:
    """A roster from ``roster.csv`` (or any file in its format) or a ``roster.xlsx`` grid.

    Raises:
        PlanError: When the file cannot be read at all.
    """
    if is_workbook(path):
        grid = read_roster_grid(path, plan)
        notes = [Text(_WHERE_NOTE, {"where": m.where, "note": m.note()}) for m in grid.matches]
        return RosterInput(path.name, grid.assignments, list(grid.where), grid.problems, notes)
    sheet = read_csv_sheet(path)
    assignments = assignments_from_sheet(sheet)
    # A sheet that reads without problems gives one entry per non-blank row.
    return RosterInput(path.name, assignments, [row.number for row in sheet.rows])


_WHERE_NOTE: dict[Lang, str] = {"en": "{where}: {note}", "zh": "{where}：{note}"}


@dataclass
class MatchedEntries:
    """A roster's entries matched to its plan.

    Attributes:
        usable: The entries that fit the plan, places as compound ids, each once.
        problems: Entries that name unknown staff, shifts or places, or dates outside the
            period (left out of ``usable``).
        notes: Duplicates counted once.
    """

    usable: list[Assignment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)


def match_entries(
    index: PlanIndex,
    assignments: Sequence[Assignment],
    *,
    file: str = "roster.csv",
    where: Sequence[Location] | None = None,
) -> MatchedEntries:
    """Match each entry to the plan.

    Args:
        index: The plan the roster is for.
        assignments: The roster's entries (rows of ``roster.csv``).
        file: The roster's file name, for problems.
        where: Each entry's row or cell, for problems (default: CSV rows 2, 3, ...).
    """
    places = _PlaceNames(index)
    matched = MatchedEntries()
    seen: set[Assignment] = set()
    for k, entry in enumerate(assignments):
        location = where[k] if where is not None else k + 2
        found = _entry_problems(index, places, entry)
        matched.problems += [
            _problem(file, location, column, value, text) for column, value, text in found
        ]
        if found:
            continue
        entry = entry.model_copy(update={"place": places.id_of(entry.place)})
        if entry in seen:
            matched.notes.append(_duplicate(index, entry))
            continue
        seen.add(entry)
        matched.usable.append(entry)
    return matched


class _PlaceNames:
    """Places an entry may name: compound ids and names, and the plan's errands."""

    def __init__(self, index: PlanIndex) -> None:
        self.ids = {c.id for c in index.plan.compounds}
        self.by_name = {c.name: c.id for c in index.plan.compounds}
        self.errands = {p.place for p in index.posts if p.compound is None}

    def id_of(self, place: str) -> str:
        return self.by_name.get(place, place)

    def known(self, place: str) -> bool:
        return place in self.ids or place in self.by_name or place in self.errands

    def hint(self) -> str:
        return known_list([*sorted(self.ids), *sorted(self.errands)])


def _entry_problems(
    index: PlanIndex, places: _PlaceNames, entry: Assignment
) -> list[tuple[str, str, Text]]:
    """What is wrong with one entry, as (column, value, message)."""
    plan = index.plan
    found = []
    if entry.staff_id not in index.person_by_id:
        by_name = {s.name: s.id for s in plan.staff}
        hint = (
            f"{by_name[entry.staff_id]} ({entry.staff_id})"
            if entry.staff_id in by_name
            else suggest(entry.staff_id, sorted(index.person_by_id))
        )
        text = (
            message("unknown_staff_suggest", value=entry.staff_id, suggestion=hint)
            if hint
            else message("unknown_staff", value=entry.staff_id)
        )
        found.append(("staff_id", entry.staff_id, text))
    if entry.shift not in index.shift_by_id:
        known = known_list(s.id for s in plan.shifts)
        text = message("unknown_shift", value=entry.shift, known=known)
        found.append(("shift", entry.shift, text))
    if not 0 <= (entry.date - plan.start).days < plan.days:
        text = message("date_outside", value=entry.date.isoformat(), period=period_text(plan))
        found.append(("date", entry.date.isoformat(), text))
    if not places.known(entry.place):
        text = Text(
            CATALOGUE["check_unknown_place"], {"value": entry.place, "known": places.hint()}
        )
        found.append(("place", entry.place, text))
    return found


def _problem(file: str, location: Location, column: str, value: str, text: Text) -> Problem:
    if isinstance(location, int):
        return Problem(file, location, column, value, text)
    return Problem(file, location, None, value, text)  # a grid cell names its own column


def _duplicate(index: PlanIndex, entry: Assignment) -> Text:
    person = index.person_by_id[entry.staff_id]
    compound = index.compound_by_id.get(entry.place)
    return Text(
        CATALOGUE["check_duplicate"],
        {
            "staff": person.staff.name,
            "date": entry.date,
            "shift": index.shift_by_id[entry.shift].name,
            "place": compound.name if compound else entry.place,
        },
    )
