"""Tiny plans built in code, for tests whose expected facts are computed by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.model import Compound, Demand, Limits, Plan, Shift, Staff

MONDAY = dt.date(2026, 3, 2)

DAY = Shift(id="D", name="day", start="08:00", end="20:00")  # type: ignore[arg-type]
NIGHT = Shift(id="N", name="night", start="20:00", end="08:00", night=True)  # type: ignore[arg-type]
FULL = Shift(id="F", name="24h", start="08:00", end="08:00")  # type: ignore[arg-type]


def people(n: int, **fields: Any) -> tuple[Staff, ...]:
    """Staff s1..sn, all with the given fields."""
    return tuple(Staff(id=f"s{i}", name=f"Person {i}", **fields) for i in range(1, n + 1))


def tiny_plan(
    *,
    staff: tuple[Staff, ...] | None = None,
    days: int = 1,
    shifts: tuple[Shift, ...] = (DAY, NIGHT),
    demand: tuple[Demand, ...] | None = None,
    compounds: tuple[Compound, ...] = (Compound(id="A", name="A小区"),),
    rules: Limits | None = None,
    **extra: Any,
) -> Plan:
    """One compound with day and night watch of one person each, unless told otherwise."""
    return Plan(
        title="test",
        start=MONDAY,
        days=days,
        rules=rules or Limits(),
        staff=staff if staff is not None else people(2),
        shifts=shifts,
        compounds=compounds,
        demand=demand
        if demand is not None
        else tuple(Demand(place="*", shift=s.id, min=1, priority="critical") for s in shifts),  # type: ignore[arg-type]
        **extra,
    )


def rich_plan() -> Plan:
    """A small plan in which every rule can bite: profiles, history, absences, requests,
    pairs, pins, an unmanaged compound, a duty-leader need and an errand. Five days from a
    Thursday, so that a weekend and a Wednesday shopping run fall inside."""
    from roster.model import Absence, Assignment, Pair, Request

    start = dt.date(2026, 3, 5)  # Thursday
    day = Shift(id="D", name="day", start="08:00", end="16:00")  # type: ignore[arg-type]
    night = Shift(id="N", name="night", start="20:00", end="08:00", night=True)  # type: ignore[arg-type]
    full = Shift(id="F", name="24h", start="08:00", end="08:00")  # type: ignore[arg-type]
    return Plan(
        title="rich",
        start=start,
        days=5,
        rules=Limits(
            min_rest_hours=10,
            max_hours_per_week=40,
            max_shifts_per_week=4,
            max_consecutive_days=3,
            max_nights_per_week=2,
            max_consecutive_nights=1,
            min_days_off_per_week=1,
            max_compounds_per_week=2,
        ),
        profiles={
            "pregnant": Limits(no_nights=True, no_24h=True, max_hours_per_day=8),
            "young_children": Limits(latest_end="18:00", days_off="sun"),  # type: ignore[arg-type]
        },
        staff=(
            Staff(id="s1", name="Lead One", role="leader", skills=("lead",), home_compound="A"),  # type: ignore[arg-type]
            Staff(id="s2", name="Two", skills=("shop",), profiles=("pregnant",)),  # type: ignore[arg-type]
            Staff(id="s3", name="Three", skills=("lead", "shop"), profiles=("young_children",)),  # type: ignore[arg-type]
            Staff(id="s4", name="Four", overrides=Limits(earliest_start="09:00")),  # type: ignore[arg-type]
            Staff(id="s5", name="Five", home_compound="B"),
        ),
        shifts=(day, night, full),
        compounds=(
            Compound(id="A", name="A小区"),
            Compound(id="B", name="B小区", unmanaged=True),
        ),
        demand=(
            Demand(place="*", shift="D", min=1, priority="high"),  # type: ignore[arg-type]
            Demand(place="*", shift="D", min=1, skill="lead", priority="normal", days="fri-sun"),  # type: ignore[arg-type]
            Demand(place="unmanaged", shift="N", min=1, max=2, priority="critical"),  # type: ignore[arg-type]
            Demand(place="managed", shift="N", min=1, priority="low"),  # type: ignore[arg-type]
            Demand(place="A", shift="F", min=0, max=1, days="sat"),  # type: ignore[arg-type]
            Demand(place="shopping", shift="D", min=2, skill="shop", days="sat"),  # type: ignore[arg-type]
        ),
        absences=(
            Absence(staff="s5", start=dt.datetime(2026, 3, 7, 0, 0), end=dt.datetime(2026, 3, 8, 0, 0)),
        ),
        requests=(
            Request(staff="s1", date=dt.date(2026, 3, 6), kind="off", weight=2),  # type: ignore[arg-type]
            Request(staff="s4", date=dt.date(2026, 3, 5), shift="N", kind="on"),  # type: ignore[arg-type]
        ),
        history=(
            Assignment(date=dt.date(2026, 3, 4), shift="N", place="B", staff_id="s4"),
            Assignment(date=dt.date(2026, 3, 3), shift="D", place="A", staff_id="s1"),
            Assignment(date=dt.date(2026, 3, 2), shift="D", place="A", staff_id="s1"),
        ),
        fixed=(Assignment(date=dt.date(2026, 3, 9), shift="D", place="A", staff_id="s1"),),
        pairs=(Pair(a="s1", b="s3", kind="apart"), Pair(a="s2", b="s5", kind="together")),  # type: ignore[arg-type]
    )
