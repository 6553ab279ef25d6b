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
