"""A Curtois & Qu instance as an ordinary plan for the engine, and rosters both ways.

The format and the exact objective are in ``../shared/benchmarks/curtois/README.md``. An
instance becomes an ordinary :class:`roster.plan.model.Plan`:

* one place, the errand ``ward`` (not a compound, so no empty-watch cost), day 0 = Monday
  2024-01-01;
* each shift type is a shift starting at 08:00 with its length, so all shifts of a day
  overlap and ``one_place`` gives "at most one shift per day"; ``ForbiddenNext`` becomes
  ``forbidden_successions``;
* each employee is a staff member whose own limits (``Limits`` overrides) carry the format's
  hard constraints; fixed days off are whole-day absences;
* shift on/off requests are ``Request`` rows with their weights (``weights.request = 1``);
* each cover row is a critical ``Demand`` (min = requirement, max = the number of staff),
  with a linear shortfall cost of ``WeightUnder`` and an over-cover cost of ``WeightOver``;
* every tier that has costs is solved as one weighted sum (``LEVEL``), so the objective is
  the benchmark's single sum.

Only the rules the format needs are used (``RULES``), so that unrelated rules (fairness,
...) add no cost. A roster is judged by the rules' own ``violations`` (``score``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.bench.curtois_instance import Assignment, Employee, FormatError, Instance
from roster.check.violations import check
from roster.plan import model
from roster.plan.index import PlanIndex
from roster.plan.model import (
    Absence,
    Demand,
    Limits,
    Plan,
    Priority,
    Request,
    RequestKind,
    Shift,
    Staff,
    Weights,
)
from roster.roster import Roster
from roster.rules import Rule, Violation

START = dt.date(2024, 1, 1)
"""Day 0 of every instance (a Monday, as the format says)."""
PLACE = "ward"
SHIFT_START = 8 * 60
LEVEL = "critical+high+coverage+preferences"
"""The one solving level: coverage and requests minimised together as one sum."""
MAX_DEMAND = 100
"""``Demand.max`` is at most this; no instance covers a shift with more people."""

RULES = (
    "absence",
    "one_place",
    "shift_type_limit",
    "total_hours",
    "consecutive_days",
    "min_consecutive_days",
    "min_days_off_run",
    "weekends",
    "successions",
    "coverage",
    "requests",
)
"""The rules the format needs, by registry name."""


def to_plan(instance: Instance) -> Plan:
    """The instance as a plan for the engine (see the module docstring for the mapping)."""
    under = {c.weight_under for c in instance.cover}
    over = {c.weight_over for c in instance.cover}
    if len(under) > 1 or len(over) > 1:
        raise FormatError(f"{instance.name}: cover weights differ between rows")
    weight_under, weight_over = (under or {100}).pop(), (over or {1}).pop()
    day = [START + dt.timedelta(days=d) for d in range(instance.horizon)]
    midnight = [dt.datetime.combine(date, dt.time()) for date in day]
    headcount = min(len(instance.staff), MAX_DEMAND)
    return Plan(
        title=f"Curtois & Qu {instance.name}",
        start=START,
        days=instance.horizon,
        forbidden_successions=tuple(
            (s.id, nxt) for s in instance.shifts for nxt in s.forbidden_next
        ),
        weights=Weights(
            critical=weight_under,
            high=weight_under,
            normal=weight_under,
            low=weight_under,
            over_cover=weight_over,
            request=1,
            convex_shortfall=False,
            # Nothing else costs: no gates, no previous roster, no fairness, no pairs.
            empty_watch=0,
            change=0,
            change_next_24h=0,
            fair_hours=0,
            fair_nights=0,
            fair_weekends=0,
            fair_24h=0,
            together=0,
            home_compound=0,
            compound_switch=0,
        ),
        tiers=(LEVEL,),
        staff=tuple(Staff(id=e.id, name=e.id, overrides=_limits(e)) for e in instance.staff),
        shifts=tuple(
            Shift(id=s.id, name=s.id, start=SHIFT_START, end=(SHIFT_START + s.minutes) % 1440)
            for s in instance.shifts
        ),
        demand=tuple(
            Demand(
                place=PLACE,
                shift=c.shift,
                days=day[c.day].isoformat(),
                min=c.requirement,
                max=headcount,
                priority=Priority.CRITICAL,
            )
            for c in instance.cover
        ),
        absences=tuple(
            Absence(staff=staff, start=midnight[d], end=midnight[d] + dt.timedelta(days=1))
            for staff, days in instance.days_off.items()
            for d in days
        ),
        requests=tuple(
            Request(staff=r.staff, date=day[r.day], shift=r.shift, kind=kind, weight=r.weight)
            for kind, rows in (
                (RequestKind.ON, instance.on_requests),
                (RequestKind.OFF, instance.off_requests),
            )
            for r in rows
        ),
    )


def _limits(e: Employee) -> Limits:
    """An employee's hard constraints as their own limits (a minimum of 1 or less, or a
    minimum total of 0, is no constraint)."""
    return Limits(
        max_shifts_of_type=dict(e.max_shifts),
        max_total_hours=e.max_total_minutes / 60,
        min_total_hours=e.min_total_minutes / 60 if e.min_total_minutes > 0 else None,
        max_consecutive_days=e.max_consecutive_shifts,
        min_consecutive_days=e.min_consecutive_shifts if e.min_consecutive_shifts > 1 else None,
        min_consecutive_days_off=(
            e.min_consecutive_days_off if e.min_consecutive_days_off > 1 else None
        ),
        max_weekends=e.max_weekends,
    )


def bench_rules() -> list[Rule]:
    """One instance of each rule the format needs (``RULES``), from the registry."""
    from constraints import by_name  # roster's core does not import the rules

    return [by_name(name)() for name in RULES]


def roster_of(index: PlanIndex, assignment: Assignment) -> Roster:
    """A roster in the benchmark's terms as one of the engine's (``assignment_of`` undone)."""
    rows = [
        model.Assignment(
            date=START + dt.timedelta(days=day), shift=shift, place=PLACE, staff_id=who
        )
        for (who, day), shift in assignment.items()
    ]
    return Roster.from_assignments(index, rows)


def assignment_of(roster: Roster) -> dict[tuple[str, int], str]:
    """A roster in the benchmark's terms. Two shifts of one person on one day (which the
    hard rules forbid) keep the last; ``benchmark_objective`` then sees only one."""
    people = roster.index.people
    return {(people[d.person].id, d.slot.day): d.slot.shift.id for d in roster.duties}


@dataclass(frozen=True)
class Score:
    """A roster judged by the rules: its objective (the sum of the soft violations' costs)
    and its hard violations (none in a valid roster)."""

    objective: int
    hard: tuple[Violation, ...]


def score(roster: Roster, rules: Sequence[Rule]) -> Score:
    """Judge a roster with the rules' own ``violations``."""
    found = check(roster, rules)
    soft = sum(v.cost for v in found if not v.hard)
    return Score(soft, tuple(v for v in found if v.hard))
