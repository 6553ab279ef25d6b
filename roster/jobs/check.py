"""Check any roster against its plan: one the solver made, a repaired one, or one a leader
typed into Excel (design §1.3 and §6, ``roster check``).

The roster is read from ``roster.csv`` or from the grid of a ``roster.xlsx``
(:mod:`roster.io.grid`). Every rule's own ``violations`` judges it
(:func:`roster.check.violations.check`), so ``check`` and the solver never disagree about
what a rule means; the watch at the round-the-clock gates is followed hour by hour
(:mod:`roster.check.watch`); and for every post short of people, each person who could
have taken it is listed with the rule that keeps them away (:mod:`roster.check.why`).

Exit status (``CheckReport.exit_code``):

* 0: every hard rule holds and every critical post is covered;
* 1: a hard rule is broken, or a critical post is short of people;
* 2: the input could not be read. A file that cannot be read at all (missing, not a CSV or
  workbook, a malformed row in ``roster.csv``, no grid sheet) stops before any check. When
  only some entries are bad (an unknown staff id, shift or place, a date outside the
  period, a name in the grid that matches nobody), they are listed, the rest is checked
  and reported all the same, and the status is still 2: the verdict is about a roster that
  is not quite the one the leader wrote, so the input must be fixed first.

Names read with a correction (a misspelt name matched to one person) and duplicate entries
(counted once) are notes, not problems: they do not change the status.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roster.check.gaps import GAPS_HEADER, Gap
from roster.check.violations import check, hard_violations
from roster.check.watch import HOLES_HEADER, Hole, describe_hole, holes, span_text
from roster.check.why import Blocker, blockers, summarize
from roster.io import load_plan
from roster.io.folder import read_csv_sheet
from roster.io.grid import is_workbook, read_roster_grid
from roster.io.tables import assignments_from_sheet
from roster.io.write import guard_outputs, write_csv
from roster.plan.index import Need, PlanIndex, Post
from roster.plan.model import Assignment, Plan, Priority
from roster.plan.validate import Problem, known_list, message, period_text, suggest
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import CATALOGUE, Lang, Text, default_lang, fmt_date, fmt_hours, label

CHECK_HEADER = (*HOLES_HEADER, "description")
WHY_HEADER = ("date", "shift", "place", "skill", "staff_id", "staff_name", "rule", "reason")
VIOLATIONS_HEADER = ("rule", "hard", "staff", "date", "shift", "place", "message")

Location = int | str
"""Where an entry of a roster file is: a row number of ``roster.csv``, or a grid cell."""


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


@dataclass(frozen=True)
class GapReasons:
    """A post short of people, and what keeps each person who could take it away."""

    gap: Gap
    blockers: tuple[Blocker, ...]
    violation: Violation


@dataclass
class CheckReport:
    """Everything ``roster check`` finds in a roster.

    Attributes:
        roster: The duties that could be read and placed in the plan.
        lang: The language of the gaps' ``why`` summaries.
        problems: Entries that could not be read or do not fit the plan.
        notes: Readings to confirm and duplicates counted once.
        violations: Every rule's findings, hard ones first.
        gaps: The posts short of people, most important first, with their reasons.
        holes: The spans with nobody on watch at round-the-clock gates, most urgent first.
    """

    roster: Roster
    lang: Lang
    problems: list[Problem] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    gaps: list[GapReasons] = field(default_factory=list)
    holes: list[Hole] = field(default_factory=list)

    @property
    def hard(self) -> list[Violation]:
        """The hard rules broken."""
        return hard_violations(self.violations)

    @property
    def critical_gaps(self) -> list[GapReasons]:
        """The critical posts short of people."""
        return [g for g in self.gaps if g.gap.need.priority is Priority.CRITICAL]

    @property
    def unmanaged_night_holes(self) -> list[Hole]:
        """The holes at unmanaged compounds that touch night hours."""
        return [h for h in self.holes if h.unmanaged_night]

    @property
    def exit_code(self) -> int:
        """0 all well, 1 hard violations or critical gaps, 2 entries that could not be read."""
        if self.problems:
            return 2
        return 1 if self.hard or self.critical_gaps else 0


def check_roster(
    plan: Plan,
    assignments: Sequence[Assignment],
    rules: Sequence[Rule],
    *,
    lang: Lang | None = None,
    file: str = "roster.csv",
    where: Sequence[Location] | None = None,
) -> CheckReport:
    """Check a roster against its plan: every rule's violations, the gaps and why, and the
    hours with nobody on watch.

    Args:
        plan: The plan the roster is for.
        assignments: The roster's entries (rows of ``roster.csv``).
        rules: The rules in force.
        lang: The language of the gaps' ``why`` summaries (default: from the plan's title).
        file: The roster's file name, for problems.
        where: Each entry's row or cell, for problems (default: CSV rows 2, 3, ...).

    Returns:
        The report. Entries that name unknown staff, shifts or places, or dates outside the
        period, are problems and left out; the rest is checked.
    """
    index = PlanIndex(plan)
    lang = lang or default_lang(plan.title)
    places = _PlaceNames(index)
    usable: list[Assignment] = []
    problems: list[Problem] = []
    notes: list[Text] = []
    seen: set[Assignment] = set()
    for k, entry in enumerate(assignments):
        location = where[k] if where is not None else k + 2
        found = _entry_problems(index, places, entry)
        problems += [_problem(file, location, column, value, text) for column, value, text in found]
        if found:
            continue
        entry = entry.model_copy(update={"place": places.id_of(entry.place)})
        if entry in seen:
            notes.append(_duplicate(index, entry))
            continue
        seen.add(entry)
        usable.append(entry)
    roster = Roster.from_assignments(index, usable)
    violations = check(roster, rules)
    return CheckReport(
        roster=roster,
        lang=lang,
        problems=problems,
        notes=notes,
        violations=violations,
        gaps=gap_reasons(roster, violations, rules, lang),
        holes=holes(roster),
    )


def gap_reasons(
    roster: Roster, violations: Sequence[Violation], rules: Sequence[Rule], lang: Lang
) -> list[GapReasons]:
    """Every shortfall the coverage rule found, most important first, each with every person
    who could take it and what keeps them away."""
    found = []
    for violation in violations:
        if violation.rule != "coverage" or "need" not in violation.details:
            continue
        post, need = violation.details["post"], violation.details["need"]
        assigned = violation.details["assigned"]
        assert isinstance(post, Post)
        assert isinstance(need, Need)
        assert isinstance(assigned, int)
        blocked = blockers(roster, rules, post, need)
        gap = Gap(post, need, assigned, summarize(blocked, lang))
        found.append(GapReasons(gap, tuple(blocked), violation))
    order = list(Priority)
    return sorted(
        found,
        key=lambda g: (order.index(g.gap.need.priority), g.gap.post.slot.start, g.gap.post.place),
    )


# --------------------------------------------------------------------------- entries


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


# --------------------------------------------------------------------------- the command


@dataclass
class CheckOutcome:
    """What ``check_files`` produced."""

    plan: Plan
    source: RosterInput
    report: CheckReport
    lang: Lang
    written: list[Path] = field(default_factory=list)


def check_files(
    plan_path: Path,
    roster_path: Path,
    out_dir: Path,
    rules: Sequence[Rule],
    *,
    lang: Lang | None = None,
    unmanaged_nights: bool = False,
) -> CheckOutcome:
    """Load a plan, read a roster (CSV or workbook grid), check it and write the findings.

    Writes into ``out_dir`` (never the plan's or the roster's folder): ``check.csv`` (the
    spans with nobody on watch; only unmanaged compounds' nights with ``unmanaged_nights``),
    ``gaps.csv`` (as ``roster solve`` writes it), ``why.csv`` (each person who could take
    each short post, and the rule that keeps them away) and ``violations.csv`` (every rule
    broken, and by whom).

    Raises:
        PlanError: When the plan, or the roster as a whole, cannot be read.
        OutputError: When ``out_dir`` is an input's folder.
    """
    plan = load_plan(plan_path)
    source = read_roster(roster_path, plan)
    guard_outputs(out_dir, [plan_path, roster_path])
    lang = lang or default_lang(plan.title)
    report = check_roster(
        plan, source.assignments, rules, lang=lang, file=source.name, where=source.where
    )
    report.problems[:0] = source.problems
    report.notes[:0] = source.notes
    outcome = CheckOutcome(plan, source, report, lang)
    outcome.written = write_check_files(out_dir, report, lang, unmanaged_nights=unmanaged_nights)
    return outcome


def write_check_files(
    out_dir: Path, report: CheckReport, lang: Lang, *, unmanaged_nights: bool = False
) -> list[Path]:
    """``check.csv``, ``gaps.csv``, ``why.csv`` and ``violations.csv``, written atomically."""
    shown = report.unmanaged_night_holes if unmanaged_nights else report.holes
    files = {
        "check.csv": (CHECK_HEADER, [(*h.row(), describe_hole(h, lang)) for h in shown]),
        "gaps.csv": (GAPS_HEADER, [g.gap.row() for g in report.gaps]),
        "why.csv": (WHY_HEADER, why_rows(report, lang)),
        "violations.csv": (VIOLATIONS_HEADER, violation_rows(report, lang)),
    }
    written = []
    for name, (header, rows) in files.items():
        write_csv(out_dir / name, header, rows)
        written.append(out_dir / name)
    return written


def why_rows(report: CheckReport, lang: Lang) -> list[tuple[object, ...]]:
    """Rows of ``why.csv``: one per short post and person who could take it."""
    rows: list[tuple[object, ...]] = []
    for item in report.gaps:
        post, need = item.gap.post, item.gap.need
        for blocker in item.blockers:
            rows.append(
                (
                    post.slot.date.isoformat(),
                    post.slot.shift.id,
                    post.place,
                    need.skill or "",
                    blocker.person.id,
                    blocker.person.staff.name,
                    blocker.rule or "",
                    _reason_text(blocker, lang),
                )
            )
    return rows


def _reason_text(blocker: Blocker, lang: Lang) -> str:
    """The specific reason without the person's name in front (the row names them)."""
    if blocker.detail is not None:
        return blocker.sentence().render(lang)
    return blocker.reason.render(lang)


def violation_rows(report: CheckReport, lang: Lang) -> list[tuple[object, ...]]:
    """Rows of ``violations.csv``: every rule broken (shortfalls are in ``gaps.csv``)."""
    return [
        (
            v.rule,
            str(v.hard).lower(),
            ";".join(v.staff),
            v.date.isoformat() if v.date else "",
            v.shift or "",
            v.place or "",
            v.message(lang),
        )
        for v in report.violations
        if v.hard or v.rule != "coverage"
    ]


# --------------------------------------------------------------------------- terminal


def check_lines(
    outcome: CheckOutcome, *, why: bool = False, unmanaged_nights: bool = False
) -> list[str]:
    """The report for the terminal: headline, hard rules, unwatched hours as a table, gaps
    (with each person's reason when ``why``), the verdict and the files written. Problems
    reading the roster are not included (the command prints them on stderr)."""
    report, lang, plan = outcome.report, outcome.lang, outcome.plan
    lines = [
        label("check_heading", lang).format(
            file=outcome.source.name,
            duties=len(report.roster.duties),
            title=plan.title,
            period=period_text(plan).render(lang),
        )
    ]
    if report.notes:
        lines.append(label("check_notes", lang))
        lines += [f"  {note.render(lang)}" for note in report.notes]
    if not unmanaged_nights:
        lines += _hard_lines(report, lang)
    lines += hole_lines(report, lang, unmanaged_nights=unmanaged_nights)
    if not unmanaged_nights:
        lines += _gap_lines(report, lang, why=why)
    else:
        lines.append(label("check_only_unmanaged", lang))
    lines.append(verdict_line(report, lang))
    folder = outcome.written[0].parent if outcome.written else ""
    files = ", ".join(p.name for p in outcome.written)
    lines.append(label("summary_written", lang).format(folder=folder, files=files))
    return lines


def _hard_lines(report: CheckReport, lang: Lang) -> list[str]:
    hard = report.hard
    if not hard:
        return [label("check_hard_ok", lang)]
    return [
        label("check_hard_broken", lang).format(count=len(hard)),
        *(f"  {v.message(lang)}" for v in hard),
    ]


def hole_lines(report: CheckReport, lang: Lang, *, unmanaged_nights: bool = False) -> list[str]:
    """The spans with nobody on watch as a table: compound, when, hours, night hours."""
    shown = report.unmanaged_night_holes if unmanaged_nights else report.holes
    heading = "check_holes_unmanaged" if unmanaged_nights else "check_holes_heading"
    if not shown:
        return [label("check_no_unmanaged_holes" if unmanaged_nights else "watch_no_holes", lang)]
    header = [
        label("col_compound", lang),
        label("col_span", lang),
        label("col_hole_hours", lang),
        label("col_night_hours", lang),
    ]
    rows = [
        [
            hole.compound.name + (label("unmanaged_mark", lang) if hole.compound.unmanaged else ""),
            span_text(hole.start, hole.end, lang),
            fmt_hours(hole.minutes),
            fmt_hours(hole.night_minutes),
        ]
        for hole in shown
    ]
    return [label(heading, lang), *(f"  {line}" for line in table(header, rows))]


def _gap_lines(report: CheckReport, lang: Lang, *, why: bool) -> list[str]:
    if not report.gaps:
        return [label("summary_no_gaps", lang)]
    lines = [
        label("check_gaps", lang).format(count=len(report.gaps), critical=len(report.critical_gaps))
    ]
    for item in report.gaps:
        lines.append(f"  {item.violation.message(lang)}")
        if why:
            lines += [f"      {b.sentence().render(lang)}" for b in item.blockers]
        elif item.gap.why:
            lines.append(f"      {label('check_why', lang).format(why=item.gap.why)}")
    return lines


def verdict_line(report: CheckReport, lang: Lang) -> str:
    """The last word: OK, not OK (and why), or entries that must be fixed first."""
    if report.problems:
        return label("check_verdict_unread", lang).format(count=len(report.problems))
    if report.exit_code:
        return label("check_verdict_bad", lang).format(
            hard=len(report.hard), critical=len(report.critical_gaps)
        )
    return label("check_verdict_ok", lang)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a plain-text table, columns padded to their widest cell (Chinese characters
    are two columns wide in a terminal)."""
    widths = [max(display_width(row[k]) for row in [header, *rows]) for k in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [cell + " " * (widths[k] - display_width(cell)) for k, cell in enumerate(cells)]
        return "  ".join(padded).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(row) for row in rows)]


def display_width(text: str) -> int:
    """Columns a text takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def moment_text(moment: dt.datetime, lang: Lang) -> str:
    """A moment as a leader reads it: "2月10日 08:00" / "10 Feb 08:00"."""
    return f"{fmt_date(moment.date(), lang)} {moment:%H:%M}"
