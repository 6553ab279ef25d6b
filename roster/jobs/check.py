"""Check any roster against its plan: one the solver made, a repaired one, or one a leader
typed into Excel (design §1.3 and §6, ``roster check``).

The pipeline: read the roster from ``roster.csv`` or the grid of a ``roster.xlsx`` and match
its entries to the plan (:mod:`roster.io.roster_file`), judge it with the one checker
(:func:`roster.check.judge.judge`), and write the findings
(:mod:`roster.report.check_csv`); the terminal report is :mod:`roster.report.terminal`.

Exit status (``CheckReport.exit_code``):

* 0: every hard rule holds, every critical post is covered and every unmanaged compound's
  night has the people it needs;
* 1: a hard rule is broken, a critical post is short of people, or a night post at an
  unmanaged compound is short of people or an hour of its night has nobody on watch,
  whatever the demand's priority (nobody else guards those gates: design §1); the same
  with or without ``--unmanaged-nights``, which only chooses what is shown;
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

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roster.check.judge import CheckReport, judge
from roster.io import load_plan
from roster.io.roster_file import Location, RosterInput, match_entries, read_roster
from roster.io.write import guard_outputs, write_csv
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Plan
from roster.report.check_csv import check_tables
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import Lang, default_lang


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
    matched = match_entries(index, assignments, file=file, where=where)
    report = judge(
        Roster.from_assignments(index, matched.usable), rules, lang or default_lang(plan.title)
    )
    report.problems, report.notes = matched.problems, matched.notes
    return report


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
    """Load a plan, read a roster (CSV or workbook grid), check it and write the findings
    into ``out_dir`` (never the plan's or the roster's folder): ``check.csv`` (the watch
    falling short: hours with nobody on watch and the unmanaged compounds' night posts short
    of people), ``gaps.csv``, ``why.csv`` and ``violations.csv``
    (:mod:`roster.report.check_csv`).

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
    written = []
    tables = check_tables(report, lang, unmanaged_nights=unmanaged_nights)
    for name, (header, rows) in tables.items():
        write_csv(out_dir / name, header, rows)
        written.append(out_dir / name)
    return written
