"""Reading a roster back from the printable grid of ``roster.xlsx``, as a leader edits it.

The grid is the layout :mod:`roster.report.xlsx` writes: one sheet per week named ``grid``
(``排班表``), or ``grid 1``, ``grid 2``, ... for longer periods; a row of dates over the day
columns (real date cells, or text such as ``2026-02-12`` or ``2月12日``) and a row of
weekdays under it; then one row per place and shift, the place's name in column A (marked
"(unmanaged)" / "（无物业）" for unmanaged compounds) and the shift in column B ("上午班
08:00–14:00", or just its name or id); the names of the people on duty in the day cells.

Leaders type names by hand, so a cell is read generously:

* names may be on separate lines or separated by 、 , ， ; ； / (and by spaces when every
  part is a name); spaces inside a name and letter case do not matter; a staff id is taken
  for the person too;
* the solver's own notes ("short 1", "缺1人") and placeholders ("-", "无") are skipped;
* a name that is not spelt exactly is taken for the one staff member it is clearly closest
  to (similarity at least 0.8, no other name as close, and the same digits), and every such
  reading is reported so that the leader can confirm it;
* a name that cannot be matched is a problem naming the cell and the closest known names.

Other sheets (people, gaps, ...) are not read: the grid is what leaders edit.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from roster.plan.index import PlanIndex
from roster.plan.model import MINUTES_PER_DAY, Assignment, Plan, Shift, Staff
from roster.plan.problems import PlanError, Problem, known_list
from roster.text.i18n import CATALOGUE, LANGS, Lang, Text
from roster.text.labels import errand_label

FUZZY_CUTOFF = 0.8
"""How alike (difflib ratio of the normalised names) a typed name and a staff member's name
must be for the name to be read as that person."""

SEPARATORS = r"[\r\n、,，;；/|]+"
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "无", "空", "none", "nobody", "x"})

MESSAGES: dict[str, dict[Lang, str]] = {
    "not_workbook": {
        "en": "is not an Excel workbook that can be read ({error})",
        "zh": "不是可以读取的 Excel 工作簿（{error}）",
    },
    "no_grid": {
        "en": "has no roster grid sheet (expected a sheet named {expected})",
        "zh": "没有排班表工作表（应有名为 {expected} 的工作表）",
    },
    "no_dates": {
        "en": "no row of dates found above the day columns",
        "zh": "找不到各天列上方的日期行",
    },
    "unknown_name": {
        "en": 'cannot match the name "{value}" to anyone in staff.csv (closest: {closest})',
        "zh": "无法识别的姓名“{value}”，staff.csv 中没有（最接近的：{closest}）",
    },
    "ambiguous_name": {
        "en": '"{value}" could be any of {who}: write the staff id instead',
        "zh": "“{value}”可能是{who}中的任何一位，请改写为人员编号",
    },
    "unknown_row_place": {
        "en": 'unknown place "{value}" (known: {known})',
        "zh": "未知的地点“{value}”（已有：{known}）",
    },
    "unknown_row_shift": {
        "en": 'unknown shift "{value}" (known: {known})',
        "zh": "未知的班次“{value}”（已有：{known}）",
    },
    "no_row_label": {
        "en": "names in a row without a place and a shift in columns A and B",
        "zh": "这一行有姓名，但 A、B 列没有地点和班次",
    },
    "no_column_date": {
        "en": "names in a column without a date above it",
        "zh": "这一列有姓名，但上方没有日期",
    },
    "read_as": {
        "en": '"{value}" read as {name} ({id})',
        "zh": "“{value}”按 {name}（{id}）读取",
    },
}


def _text(key: str, **params: object) -> Text:
    return Text(MESSAGES[key], params)


@dataclass(frozen=True)
class NameMatch:
    """A name typed in a cell that was read as a staff member though not spelt exactly."""

    where: str
    typed: str
    staff: Staff

    def note(self) -> Text:
        """The reading, for the leader to confirm: '"Zhou Xiaoyna" read as Zhou Xiaoyan (s01)'."""
        return _text("read_as", value=self.typed, name=self.staff.name, id=self.staff.id)


@dataclass
class GridRoster:
    """What a grid workbook holds.

    Attributes:
        assignments: The duties read, in sheet, row and column order.
        where: For each assignment, its cell (``排班表!D5``).
        problems: Cells that could not be read (unknown names, places, shifts).
        matches: Names read as someone though not spelt exactly.
    """

    assignments: list[Assignment] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    matches: list[NameMatch] = field(default_factory=list)


def is_workbook(path: Path) -> bool:
    """Whether ``path`` looks like an Excel workbook (by its name or its zip signature)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def read_roster_grid(path: Path, plan: Plan) -> GridRoster:
    """The duties in the grid sheets of a ``roster.xlsx`` a leader may have edited.

    Args:
        path: The workbook.
        plan: The plan the roster belongs to (its staff, places and shifts name the cells).

    Returns:
        The duties read, with every cell that could not be read as a problem.

    Raises:
        PlanError: When the file is not a readable workbook or has no grid sheet.
    """
    name = path.name
    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PlanError(
            [Problem(name, None, None, None, _text("not_workbook", error=error))]
        ) from None
    sheets = [ws for ws in workbook.worksheets if is_grid_sheet(ws.title)]
    if not sheets:
        expected = " / ".join(sorted({CATALOGUE["sheet_grid"][lang] for lang in LANGS}))
        raise PlanError([Problem(name, None, None, None, _text("no_grid", expected=expected))])
    reader = _GridReader(name, PlanIndex(plan))
    for ws in sheets:
        reader.read_sheet(ws)
    return reader.result


def is_grid_sheet(title: str) -> bool:
    """Whether a sheet is a week of the grid: "grid", "grid 2", "排班表", "排班表 1"."""
    names = {CATALOGUE["sheet_grid"][lang].casefold() for lang in LANGS}
    return re.sub(r"\s*\d+$", "", title.strip()).casefold() in names


# --------------------------------------------------------------------------- names


def normalize(text: str) -> str:
    """A name as compared: full-width folded, spaces removed, case ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class NameLookup:
    """The staff by normalised name and id, for reading typed names."""

    by_name: dict[str, list[Staff]]
    by_id: dict[str, Staff]

    @classmethod
    def of(cls, staff: Iterable[Staff]) -> NameLookup:
        """The lookup of a plan's staff."""
        by_name: dict[str, list[Staff]] = {}
        by_id: dict[str, Staff] = {}
        for person in staff:
            by_name.setdefault(normalize(person.name), []).append(person)
            by_id[normalize(person.id)] = person
        return cls(by_name, by_id)

    def exact(self, typed: str) -> list[Staff]:
        """Everyone whose name (or id) is ``typed`` up to spaces and case."""
        key = normalize(typed)
        if key in self.by_name:
            return self.by_name[key]
        return [self.by_id[key]] if key in self.by_id else []

    def close(self, typed: str) -> tuple[Staff | None, list[str]]:
        """The one person ``typed`` clearly means, and the closest known names (best first).

        Clearly means: similarity at least :data:`FUZZY_CUTOFF`, no other name as close, and
        the same digits (``Person 3`` is not ``Person 1``).
        """
        key = normalize(typed)
        # Best first; equally close names in the plan's staff order (the sort is stable).
        scored = sorted(
            ((difflib.SequenceMatcher(None, key, name).ratio(), name) for name in self.by_name),
            key=lambda pair: -pair[0],
        )
        closest = [self.by_name[name][0].name for score, name in scored[:3] if score > 0]
        if not scored:
            return None, closest
        best, name = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        digits = re.findall(r"\d+", key) == re.findall(r"\d+", name)
        people = self.by_name[name]
        if best >= FUZZY_CUTOFF and runner_up < best and digits and len(people) == 1:
            return people[0], closest
        return None, closest


def split_names(cell: str, lookup: NameLookup) -> list[str]:
    """The names typed in one cell, notes and placeholders left out."""
    names: list[str] = []
    for piece in re.split(SEPARATORS, cell):
        piece = piece.strip()
        if not piece or piece.casefold() in PLACEHOLDERS or _is_note(piece):
            continue
        parts = piece.split()
        # "张三 李四" is two names, but "Li Na" is one: split on spaces only when every
        # part is a name and the whole is not.
        if len(parts) > 1 and not lookup.exact(piece) and all(lookup.exact(p) for p in parts):
            names += parts
        else:
            names.append(piece)
    return names


def _is_note(piece: str) -> bool:
    """The solver's own notes in a cell ("short 1", "缺1人（lead）") and "(nobody)"."""
    for lang in LANGS:
        if piece == CATALOGUE["unassigned"][lang]:
            return True
        for key in ("short_people", "short_skill"):
            template = re.escape(CATALOGUE[key][lang])
            pattern = template.replace(r"\{n\}", r"\d+").replace(r"\{skill\}", r".+")
            if re.fullmatch(pattern, piece):
                return True
    return False


# --------------------------------------------------------------------------- the sheet


class _GridReader:
    """Reads grid sheets one after another into one :class:`GridRoster`."""

    def __init__(self, file: str, index: PlanIndex) -> None:
        self.file = file
        self.index = index
        self.plan = index.plan
        self.lookup = NameLookup.of(self.plan.staff)
        self.result = GridRoster()
        self.places = self._place_names()
        self.weekdays = {
            normalize(day) for lang in LANGS for day in CATALOGUE["weekdays"][lang].split()
        }

    def problem(self, where: str, value: str | None, text: Text) -> None:
        self.result.problems.append(Problem(self.file, where, None, value, text))

    def read_sheet(self, ws: Worksheet) -> None:
        found = self._date_row(ws)
        if found is None:
            self.problem(ws.title, None, _text("no_dates"))
            return
        header_row, dates = found
        # A blank place cell repeats the place above (a leader may merge them); None after
        # an unknown place, whose rows are then skipped (the place was reported once).
        place: str | None = None
        place_seen = False
        for r in range(header_row + 1, ws.max_row + 1):
            cells = {
                k: str(ws.cell(r, k).value).strip()
                for k in range(3, ws.max_column + 1)
                if ws.cell(r, k).value not in (None, "")
            }
            place_text = _cell_text(ws, r, 1)
            shift_text = _cell_text(ws, r, 2)
            if self._weekday_row(cells) or (not cells and not shift_text):
                continue  # the weekday row, blank rows, the legend under the grid
            if place_text:
                place, place_seen = self._place(ws, r, place_text), True
            if not shift_text or not place_seen:
                if any(split_names(text, self.lookup) for text in cells.values()):
                    self.problem(f"{ws.title}!A{r}", None, _text("no_row_label"))
                continue
            shift = self._shift(ws, r, shift_text)
            if place is None or shift is None:
                continue  # said already
            for k, text in cells.items():
                self._cell(ws, r, k, text, dates.get(k), place, shift)

    def _cell(
        self,
        ws: Worksheet,
        r: int,
        k: int,
        text: str,
        date: dt.date | None,
        place: str,
        shift: Shift,
    ) -> None:
        where = f"{ws.title}!{ws.cell(r, k).coordinate}"
        names = split_names(text, self.lookup)
        if names and date is None:
            self.problem(where, text, _text("no_column_date"))
            return
        for typed in names:
            person = self._person(where, typed)
            if person is not None and date is not None:
                self.result.assignments.append(
                    Assignment(date=date, shift=shift.id, place=place, staff_id=person.id)
                )
                self.result.where.append(where)

    def _person(self, where: str, typed: str) -> Staff | None:
        exact = self.lookup.exact(typed)
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            who = ", ".join(f"{s.name} ({s.id})" for s in exact)
            self.problem(where, typed, _text("ambiguous_name", value=typed, who=who))
            return None
        person, closest = self.lookup.close(typed)
        if person is not None:
            self.result.matches.append(NameMatch(where, typed, person))
            return person
        shown = ", ".join(closest) or "-"
        self.problem(where, typed, _text("unknown_name", value=typed, closest=shown))
        return None

    # -- headers ------------------------------------------------------------------------

    def _date_row(self, ws: Worksheet) -> tuple[int, dict[int, dt.date]] | None:
        """The first row (of the first ten) with dates over the day columns."""
        for r in range(1, min(ws.max_row, 10) + 1):
            dates = {}
            for k in range(3, ws.max_column + 1):
                date = self._date(ws.cell(r, k).value)
                if date is not None:
                    dates[k] = date
            if dates:
                return r, dates
        return None

    def _date(self, value: object) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            return None
        text = value.strip()
        iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
        zh = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?", text)
        try:
            if iso:
                return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
            if zh:
                year = int(zh[1]) if zh[1] else None
                return self._in_period(int(zh[2]), int(zh[3]), year)
            parsed = dt.datetime.strptime(text, "%d %b")
            return self._in_period(parsed.month, parsed.day, None)
        except ValueError:
            return None

    def _in_period(self, month: int, day: int, year: int | None) -> dt.date:
        """A date written without a year: the year that puts it nearest the period."""
        if year is not None:
            return dt.date(year, month, day)
        start = self.plan.start
        candidates = [dt.date(y, month, day) for y in (start.year - 1, start.year, start.year + 1)]
        return min(candidates, key=lambda d: abs((d - start).days))

    def _weekday_row(self, cells: dict[int, str]) -> bool:
        return bool(cells) and all(normalize(text) in self.weekdays for text in cells.values())

    def _place_names(self) -> dict[str, str]:
        """Normalised place labels (names and ids of compounds, errand names and their labels in
        either language) -> place id."""
        names: dict[str, str] = {}
        errands = {p.place for p in self.index.posts if p.compound is None}
        errands |= {d.place for d in self.plan.demand if not self.index.is_selector(d.place)}
        errands -= {c.id for c in self.plan.compounds} | {c.name for c in self.plan.compounds}
        for errand in sorted(errands):
            names[normalize(errand)] = errand
            for lang in LANGS:  # the workbook names errands in its language ("采买")
                names.setdefault(normalize(errand_label(errand, lang)), errand)
        for compound in self.plan.compounds:
            names[normalize(compound.id)] = compound.id
            names[normalize(compound.name)] = compound.id
        return names

    def _place(self, ws: Worksheet, r: int, text: str) -> str | None:
        label = text
        for lang in LANGS:
            label = label.replace(CATALOGUE["unmanaged_mark"][lang].strip(), "")
        place = self.places.get(normalize(label))
        if place is None:
            known = known_list([c.name for c in self.plan.compounds] + sorted(self._errands()))
            self.problem(
                f"{ws.title}!A{r}", text, _text("unknown_row_place", value=text, known=known)
            )
        return place

    def _errands(self) -> set[str]:
        compound_ids = {c.id for c in self.plan.compounds}
        return {place for place in self.places.values() if place not in compound_ids}

    def _shift(self, ws: Worksheet, r: int, text: str) -> Shift | None:
        found = match_shift(text, self.plan.shifts)
        if found is None:
            known = known_list(s.name for s in self.plan.shifts)
            self.problem(
                f"{ws.title}!B{r}", text, _text("unknown_row_shift", value=text, known=known)
            )
        return found


def match_shift(text: str, shifts: Sequence[Shift]) -> Shift | None:
    """The shift a row label names: "上午班 08:00–14:00", "上午班", "am" or "08:00-14:00"."""
    key = normalize(text)
    for shift in shifts:
        if key in (normalize(shift.name), normalize(shift.id)):
            return shift
    words = text.split()
    if words:
        named = [s for s in shifts if normalize(words[0]) in (normalize(s.name), normalize(s.id))]
        if len(named) == 1:
            return named[0]
    times = re.findall(r"(\d{1,2})[:：](\d{2})", text)
    if len(times) == 2:
        start, end = (int(h) * 60 + int(m) for h, m in times)
        timed = [
            s
            for s in shifts
            if s.start == start and (s.start + s.minutes) % MINUTES_PER_DAY == end % MINUTES_PER_DAY
        ]
        if len(timed) == 1:
            return timed[0]
    return None


def _cell_text(ws: Worksheet, r: int, k: int) -> str:
    value = ws.cell(r, k).value
    return "" if value is None else str(value).strip()
