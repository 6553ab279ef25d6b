"""Tiny plans built in code, for tests whose expected facts are computed by hand."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from roster.plan.model import Assignment, Compound, Demand, Limits, Plan, Shift, Staff

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from roster.plan.index import PlanIndex
    from roster.roster import Roster

MONDAY = dt.date(2026, 3, 2)

DAY = Shift(id="D", name="day", start="08:00", end="20:00")
NIGHT = Shift(id="N", name="night", start="20:00", end="08:00", night=True)
FULL = Shift(id="F", name="24h", start="08:00", end="08:00")


def people(n: int, **fields: Any) -> tuple[Staff, ...]:
    """Staff s1..sn, all with the given fields."""
    return tuple(Staff(id=f"s{i}", name=f"Person {i}", **fields) for i in range(1, n + 1))


def shift(shift_id: str, start: str, end: str, *, night: bool = False) -> Shift:
    """A shift from "HH:MM" times, named after its id."""
    return Shift(id=shift_id, name=shift_id, start=start, end=end, night=night)


def limited(staff_id: str, *, skills: tuple[str, ...] = (), **limits: Any) -> Staff:
    """A staff member with their own limits (a per-person override), named "Person <id>"."""
    return Staff(id=staff_id, name=f"Person {staff_id}", skills=skills, overrides=Limits(**limits))


def compounds(*ids: str) -> tuple[Compound, ...]:
    """Compounds with these ids, named "<id>小区"."""
    return tuple(Compound(id=i, name=f"{i}小区") for i in ids)


def past(staff_id: str, days_before: int, shift_id: str = "N", place: str = "A") -> Assignment:
    """A duty of the previous period (a ``history.csv`` row), ``days_before`` days before
    MONDAY."""
    date = MONDAY - dt.timedelta(days=days_before)
    return Assignment(date=date, shift=shift_id, place=place, staff_id=staff_id)


def fair_plan() -> Plan:
    """A week of day, night and 24-hour watch at one compound for four people, where every
    fairness measure has something to say: s2 works half hours (24 h a week), s3 had two
    nights last week, s4 takes no nights and no 24-hour duties."""
    staff = (
        *people(1),
        limited("s2", max_hours_per_week=24),
        limited("s3"),
        limited("s4", no_nights=True, no_24h=True),
    )
    return tiny_plan(
        staff=staff, days=7, shifts=(DAY, NIGHT, FULL), history=(past("s3", 3), past("s3", 5))
    )


def boundary_plan() -> Plan:
    """Nine days of day, night and 24-hour watch for two people under tight working-time
    limits, after a previous period that reaches into them: s1 worked the last three days
    (a 24-hour duty and the night just before the start), s2 already broke every limit
    (six nights in a row before a day off). For property tests of the working-time rules."""
    limits = Limits(
        min_rest_hours=12,
        max_hours_per_week=60,
        max_shifts_per_week=4,
        max_consecutive_days=3,
        max_nights_per_week=2,
        max_consecutive_nights=2,
        min_days_off_per_week=2,
    )
    history = (
        past("s1", 3, "D"),
        past("s1", 2, "F"),
        past("s1", 1, "N"),
        *(past("s2", k, "N") for k in range(2, 8)),
    )
    return tiny_plan(days=9, shifts=(DAY, NIGHT, FULL), rules=limits, history=history)


def any_roster(index: PlanIndex) -> SearchStrategy[Roster]:
    """Hypothesis: any set of (person, post) pairs of ``index``, forbidden ones included, up to
    a few more duties than posts. For checking that model and rules agree on any roster."""
    from hypothesis import strategies as st

    from roster.plan.index import Duty
    from roster.roster import Roster

    pairs = [(person.idx, post) for post in index.posts for person in index.people]
    chosen = st.lists(st.sampled_from(pairs), max_size=len(index.posts) + 4, unique=True)
    return chosen.map(
        lambda duties: Roster(index, tuple(Duty(p, post.slot, post.place) for p, post in duties))
    )


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
        else tuple(Demand(place="*", shift=s.id, min=1, priority="critical") for s in shifts),
        **extra,
    )


def rich_plan() -> Plan:
    """A small plan in which every rule can bite: profiles, history, absences, requests,
    pairs, pins, an unmanaged compound, a duty-leader need and an errand. Five days from a
    Thursday, so that a weekend and a Wednesday shopping run fall inside."""
    from roster.plan.model import Absence, Assignment, Pair, Request

    start = dt.date(2026, 3, 5)  # Thursday
    day = Shift(id="D", name="day", start="08:00", end="16:00")
    night = Shift(id="N", name="night", start="20:00", end="08:00", night=True)
    full = Shift(id="F", name="24h", start="08:00", end="08:00")
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
            "young_children": Limits(latest_end="18:00", days_off="sun"),
        },
        staff=(
            Staff(id="s1", name="Lead One", role="leader", skills=("lead",), home_compound="A"),
            Staff(id="s2", name="Two", skills=("shop",), profiles=("pregnant",)),
            Staff(id="s3", name="Three", skills=("lead", "shop"), profiles=("young_children",)),
            # One compound a week (cohorting), and B already guarded on the last night before.
            Staff(
                id="s4",
                name="Four",
                overrides=Limits(earliest_start="09:00", max_compounds_per_week=1),
            ),
            Staff(id="s5", name="Five", home_compound="B"),
        ),
        shifts=(day, night, full),
        compounds=(
            Compound(id="A", name="A小区"),
            Compound(id="B", name="B小区", unmanaged=True),
        ),
        demand=(
            Demand(place="*", shift="D", min=1, priority="high"),
            Demand(place="*", shift="D", min=1, skill="lead", priority="normal", days="fri-sun"),
            Demand(place="unmanaged", shift="N", min=1, max=2, priority="critical"),
            Demand(place="managed", shift="N", min=1, priority="low"),
            Demand(place="A", shift="F", min=0, max=1, days="sat"),
            Demand(place="shopping", shift="D", min=2, skill="shop", days="sat"),
        ),
        absences=(
            Absence(
                staff="s5", start=dt.datetime(2026, 3, 7, 0, 0), end=dt.datetime(2026, 3, 8, 0, 0)
            ),
        ),
        requests=(
            Request(staff="s1", date=dt.date(2026, 3, 6), kind="off", weight=2),
            Request(staff="s4", date=dt.date(2026, 3, 5), shift="N", kind="on"),
        ),
        history=(
            Assignment(date=dt.date(2026, 3, 4), shift="N", place="B", staff_id="s4"),
            Assignment(date=dt.date(2026, 3, 3), shift="D", place="A", staff_id="s1"),
            Assignment(date=dt.date(2026, 3, 2), shift="D", place="A", staff_id="s1"),
        ),
        fixed=(Assignment(date=dt.date(2026, 3, 9), shift="D", place="A", staff_id="s1"),),
        pairs=(Pair(a="s1", b="s3", kind="apart"), Pair(a="s2", b="s5", kind="together")),
    )


def moment(day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A local date-time ``day`` days after MONDAY's midnight (an absence's start or end, a
    repair moment)."""
    return dt.datetime.combine(MONDAY, dt.time(hour, minute)) + dt.timedelta(days=day)


def rows(duties: tuple[tuple[str, int, str, str], ...]) -> tuple[Assignment, ...]:
    """Rows of a roster (a published one, for a repair) from (staff id, day, shift id,
    place) tuples, days counted from MONDAY."""
    return tuple(
        Assignment(date=MONDAY + dt.timedelta(days=day), shift=shift, place=place, staff_id=staff)
        for staff, day, shift, place in duties
    )
