"""``roster cover``: who can take the duties a person leaves when they fall ill, without a
new roster (design §6; issue 21).

The pipeline: load the plan, read the roster (``roster.csv`` or an edited ``roster.xlsx``
grid, :mod:`roster.io.roster_file`), match its entries, check what the leader typed on the
command line, then ask :func:`roster.check.cover.cover` for each duty's candidates; the
terminal table and the JSON are :mod:`roster.report.cover`. No solver runs and no file is
written: applying a choice is ``roster reschedule``'s work.

Bad input (an unknown staff id, a date outside the period, ``--to`` before ``--from``, a
roster that cannot be read or has entries that do not fit the plan) raises ``PlanError``
with every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from roster.check.cover import TOP, DutyCover, cover
from roster.io import load_plan
from roster.io.roster_file import match_entries, read_roster
from roster.plan.index import Person, PlanIndex
from roster.plan.model import Plan
from roster.plan.validate import PlanError, Problem
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import CATALOGUE, Lang, Text, default_lang


@dataclass
class CoverOutcome:
    """What ``cover_duties`` found, with what the report needs to say it."""

    plan: Plan
    index: PlanIndex
    ill: Person
    first: dt.date
    last: dt.date
    duties: list[DutyCover]
    lang: Lang


def cover_duties(
    plan_path: Path,
    roster_path: Path,
    staff: str,
    start: str,
    end: str | None,
    rules: Sequence[Rule],
    *,
    top: int = TOP,
    lang: Lang | None = None,
) -> CoverOutcome:
    """Read the plan and the roster and say, for each duty of ``staff`` from ``start`` (to
    ``end``, default the period's last day), who can take it.

    Raises:
        PlanError: The plan or the roster cannot be read, or the options do not fit the plan.
    """
    plan = load_plan(plan_path)
    source = read_roster(roster_path, plan)
    index = PlanIndex(plan)
    matched = match_entries(index, source.assignments, file=source.name, where=source.where)
    problems = [*source.problems, *matched.problems, *option_problems(plan, staff, start, end)]
    if problems:
        raise PlanError(problems, plan.title)
    first = dt.date.fromisoformat(start.strip())
    last = dt.date.fromisoformat(end.strip()) if end else plan.dates[-1]
    roster = Roster.from_assignments(index, matched.usable)
    ill = index.person_by_id[staff]
    found = cover(roster, rules, ill, (first - plan.start).days, (last - plan.start).days, top=top)
    return CoverOutcome(plan, index, ill, first, last, found, lang or default_lang(plan.title))


def option_problems(plan: Plan, staff: str, start: str, end: str | None) -> list[Problem]:
    """``--staff`` must name someone in the plan; ``--from`` and ``--to`` must be dates in
    the period, in order."""
    problems = []
    known = [s.id for s in plan.staff]
    if staff not in known:
        text = Text(CATALOGUE["absence_unknown_staff"], {"value": staff, "known": ", ".join(known)})
        problems.append(Problem("--staff", None, "staff", staff, text))
    dates = {}
    for option, value in (("--from", start), ("--to", end)):
        if value is None:
            continue
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            text = Text(CATALOGUE["cover_bad_date"], {"value": value})
            problems.append(Problem(option, None, option[2:], value, text))
            continue
        if day not in plan.dates:
            text = Text(
                CATALOGUE["cover_outside_period"], {"first": plan.start, "last": plan.dates[-1]}
            )
            problems.append(Problem(option, None, option[2:], value, text))
            continue
        dates[option] = day
    if len(dates) == 2 and dates["--to"] < dates["--from"]:
        text = Text(CATALOGUE["cover_to_before_from"], {})
        problems.append(Problem("--to", None, "to", end, text))
    return problems
