"""The plan model survives a JSON round trip: what ``plan_hash`` and saved plans rely on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from roster.plan.model import (
    WEEKDAYS,
    Absence,
    Assignment,
    Compound,
    Demand,
    Limits,
    Pair,
    PairKind,
    Plan,
    Priority,
    Request,
    RequestKind,
    Role,
    Shift,
    Staff,
    Tier,
    Weights,
)
from tests.plans import rich_plan

ids = st.text("abcxyz0123456789_", min_size=1, max_size=6)
# Any text JSON can carry (the utf-8 codec leaves out lone surrogates).
names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)
hours = st.floats(0, 168, allow_nan=False, allow_infinity=False)
clock = st.integers(0, 24 * 60 - 1)
dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
moments = st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 12, 31))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


limits = st.builds(
    Limits,
    min_rest_hours=optional(st.floats(0, 72, allow_nan=False)),
    max_hours_per_week=optional(hours),
    max_shifts_per_week=optional(st.integers(0, 21)),
    max_consecutive_days=optional(st.integers(1, 14)),
    max_nights_per_week=optional(st.integers(0, 7)),
    max_consecutive_nights=optional(st.integers(1, 7)),
    min_days_off_per_week=optional(st.integers(0, 7)),
    max_compounds_per_week=optional(st.integers(1, 8)),
    min_total_hours=optional(hours),
    max_total_hours=optional(hours),
    min_consecutive_days=optional(st.integers(1, 7)),
    min_consecutive_days_off=optional(st.integers(1, 7)),
    max_weekends=optional(st.integers(0, 5)),
    max_shifts_of_type=st.dictionaries(ids, st.integers(0, 7), max_size=2),
    no_nights=optional(st.booleans()),
    no_24h=optional(st.booleans()),
    max_hours_per_day=optional(st.floats(0.5, 24, allow_nan=False)),
    latest_end=optional(st.integers(0, 24 * 60)),
    earliest_start=optional(clock),
    # Every weekday, Sunday (6) included: a day off must not move in the round trip.
    days_off=optional(st.lists(st.sampled_from(WEEKDAYS), max_size=3).map(tuple)),
)

staff = st.builds(
    Staff,
    id=ids,
    name=names,
    role=st.sampled_from(Role),
    skills=st.lists(ids, max_size=3).map(tuple),
    profiles=st.lists(ids, max_size=2).map(tuple),
    overrides=limits,
    home_compound=optional(ids),
    unit=optional(names),
)

compounds = st.builds(
    Compound,
    id=ids,
    name=names,
    unmanaged=st.booleans(),
    round_the_clock=st.booleans(),
    households=optional(st.integers(0, 5000)),
    residents=optional(st.integers(0, 20000)),
)

shifts = st.builds(
    Shift, id=ids, name=names, start=clock, end=st.integers(0, 24 * 60), night=st.booleans()
)

demand = st.builds(
    Demand,
    place=ids,
    shift=ids,
    days=st.sampled_from(["*", "mon-fri", "wed;sat", "2026-02-12", "weekend"]),
    min=st.integers(0, 5),
    max=optional(st.integers(0, 5)),
    skill=optional(ids),
    priority=st.sampled_from(Priority),
)

absences = st.builds(Absence, staff=ids, start=moments, end=moments, reason=optional(names))
requests = st.builds(
    Request,
    staff=ids,
    date=dates,
    shift=optional(ids),
    kind=st.sampled_from(RequestKind),
    weight=st.integers(0, 1000),
)
assignments = st.builds(Assignment, date=dates, shift=ids, place=ids, staff_id=ids)
pairs = st.builds(Pair, a=ids, b=ids, kind=st.sampled_from(PairKind))
weights = st.builds(
    Weights,
    normal=st.integers(0, 100),
    fair_nights=st.integers(0, 100),
    convex_shortfall=st.booleans(),
)
tiers = st.permutations([t.value for t in Tier]).map(
    # Join the last two, as a benchmark plan may ("fairness+preferences").
    lambda order: (*order[:-2], f"{order[-2]}+{order[-1]}")
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Any plan the model accepts; references between its parts need not resolve."""
    return Plan(
        title=draw(st.text(max_size=20)),
        start=draw(dates),
        days=draw(st.integers(1, 366)),
        rules=draw(limits),
        forbidden_successions=tuple(draw(st.lists(st.tuples(ids, ids), max_size=2))),
        weights=draw(weights),
        tiers=draw(tiers),
        profiles=draw(st.dictionaries(ids, limits, max_size=2)),
        staff=tuple(draw(st.lists(staff, min_size=1, max_size=3))),
        compounds=tuple(draw(st.lists(compounds, max_size=2))),
        shifts=tuple(draw(st.lists(shifts, min_size=1, max_size=3))),
        demand=tuple(draw(st.lists(demand, max_size=3))),
        absences=tuple(draw(st.lists(absences, max_size=2))),
        requests=tuple(draw(st.lists(requests, max_size=2))),
        history=tuple(draw(st.lists(assignments, max_size=2))),
        fixed=tuple(draw(st.lists(assignments, max_size=2))),
        pairs=tuple(draw(st.lists(pairs, max_size=2))),
    )


@given(plans())
def test_json_round_trip(plan: Plan) -> None:
    assert Plan.model_validate_json(plan.model_dump_json()) == plan


@given(plans())
def test_python_round_trip(plan: Plan) -> None:
    assert Plan.model_validate(plan.model_dump()) == plan


def test_rich_plan_round_trip() -> None:
    plan = rich_plan()
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
