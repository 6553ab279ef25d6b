"""Hour-by-hour watch on hand-made rosters whose holes are known by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.check.watch import (
    DEFAULT_NIGHT,
    holes,
    night_clock_spans,
    watch,
    watch_window,
)
from roster.plan.index import PlanIndex
from roster.plan.model import Compound, Demand, Plan
from roster.report.tables import describe_hole, span_text
from tests.helpers import roster_of
from tests.plans import DAY, MONDAY, NIGHT, past, shift, tiny_plan

A = Compound(id="A", name="A小区")
B = Compound(id="B", name="B小区", unmanaged=True)
C = Compound(id="C", name="C小区", round_the_clock=False)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A date-time ``day`` days after the plan's first day (a Monday)."""
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(hour, minute))


def two_gates(days: int = 2, **extra: object) -> PlanIndex:
    """A managed and an unmanaged compound, day 08–20 and night 20–08, for ``days`` days."""
    return PlanIndex(tiny_plan(days=days, compounds=(A, B), **extra))  # type: ignore[arg-type]


def full_watch(days: int) -> list[tuple[str, int, str, str]]:
    """Everybody's duties when every gate is watched every hour."""
    return [
        (person, day, shift_id, place)
        for day in range(days)
        for shift_id, person in (("D", "s1"), ("N", "s2"))
        for place in ("A", "B")
    ]


def test_a_fully_watched_roster_has_no_holes_and_names_who_is_on_watch() -> None:
    index = two_gates()
    roster = roster_of(index, full_watch(2))

    assert holes(roster) == []
    found = watch(roster)
    assert [w.compound.id for w in found] == ["B", "A"]  # unmanaged first
    first_day = found[0].days[0]
    assert first_day.date == MONDAY
    assert len(first_day.hours) == 24
    assert first_day.hours[0].start == at(0, 8)  # duty days start with the first gate shift
    assert [p.id for p in first_day.hours[0].people] == ["s1"]
    assert [p.id for p in first_day.hours[12].people] == ["s2"]  # 20:00
    assert all(h.state == "full" for d in found[0].days for h in d.hours)
    assert [h.night for h in first_day.hours] == [False] * 12 + [True] * 12


def test_a_missing_night_at_the_unmanaged_compound_is_one_twelve_hour_hole() -> None:
    index = two_gates()
    duties = [d for d in full_watch(2) if d != ("s2", 0, "N", "B")]

    [hole] = holes(roster_of(index, duties))

    assert (hole.compound.id, hole.start, hole.end) == ("B", at(0, 20), at(1, 8))
    assert hole.hours == 12
    assert hole.night_minutes == 720
    assert hole.unmanaged_night
    assert describe_hole(hole, "zh") == "B小区 3月2日 20:00–08:00 无人值守, 12 h"
    assert describe_hole(hole, "en") == "B小区 2 Mar 20:00–08:00: nobody on watch, 12 h"


def test_adjacent_empty_shifts_merge_into_one_span_with_both_dates() -> None:
    index = two_gates()
    duties = [d for d in full_watch(2) if d not in (("s2", 0, "N", "A"), ("s1", 1, "D", "A"))]

    [hole] = holes(roster_of(index, duties))

    assert (hole.compound.id, hole.start, hole.end, hole.hours) == ("A", at(0, 20), at(1, 20), 24)
    assert hole.night_minutes == 720
    assert describe_hole(hole, "zh") == "A小区 3月2日 20:00 – 3月3日 20:00 无人值守, 24 h"


def test_holes_are_minute_exact_and_an_hour_with_a_gap_is_partial() -> None:
    early, late = shift("E", "08:00", "14:00"), shift("L", "14:30", "20:00")
    plan = tiny_plan(days=1, shifts=(early, late, NIGHT), compounds=(A,))
    index = PlanIndex(plan)
    roster = roster_of(index, [("s1", 0, "E", "A"), ("s2", 0, "L", "A"), ("s1", 0, "N", "A")])

    [hole] = holes(roster)

    assert (hole.start, hole.end, hole.minutes, hole.hours) == (at(0, 14), at(0, 14, 30), 30, 0.5)
    assert not hole.night
    assert describe_hole(hole, "en") == "A小区 2 Mar 14:00–14:30: nobody on watch, 0.5 h"
    two_pm = watch(roster)[0].days[0].hours[6]
    assert (two_pm.start, two_pm.covered, two_pm.state) == (at(0, 14), 30, "partial")
    assert [p.id for p in two_pm.people] == ["s2"]


def test_holes_list_unmanaged_nights_first() -> None:
    index = two_gates(days=1)
    roster = roster_of(index, [])  # nothing at all: a day and a night hole per gate, merged
    every = holes(roster)
    assert [(h.compound.id, h.start, h.end) for h in every] == [
        ("B", at(0, 8), at(1, 8)),
        ("A", at(0, 8), at(1, 8)),
    ]

    index = two_gates(days=2)
    duties = [
        d
        for d in full_watch(2)
        if d
        not in (("s1", 1, "D", "A"), ("s2", 1, "N", "A"), ("s1", 0, "D", "B"), ("s2", 1, "N", "B"))
    ]
    found = holes(roster_of(index, duties))
    assert [(h.compound.id, h.start) for h in found] == [
        ("B", at(1, 20)),  # unmanaged, night
        ("B", at(0, 8)),  # unmanaged, day
        ("A", at(1, 8)),  # managed, day and night merged (touches the night)
    ]
    only = holes(roster_of(index, duties), unmanaged_nights_only=True)
    assert [(h.compound.id, h.start, h.end) for h in only] == [("B", at(1, 20), at(2, 8))]


def test_compounds_without_round_the_clock_watch_are_left_out() -> None:
    index = PlanIndex(tiny_plan(days=1, compounds=(A, C)))
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s2", 0, "N", "A")])
    assert [w.compound.id for w in watch(roster)] == ["A"]
    assert holes(roster) == []


def test_the_previous_periods_night_still_guards_the_first_morning() -> None:
    # An early 06:00 shift makes the watch start at 06:00; last period's night (20–08)
    # covers 06:00–08:00 of the first day, so only the plan's history decides that hole.
    early = shift("E", "06:00", "10:00")
    demand = tuple(Demand(place="A", shift=s, min=1) for s in ("E", "D", "N"))
    duties = [("s1", 0, "D", "A"), ("s2", 0, "N", "A")]

    def plan(**extra: object) -> Plan:
        return tiny_plan(days=1, shifts=(early, DAY, NIGHT), demand=demand, **extra)  # type: ignore[arg-type]

    index = PlanIndex(plan())
    assert watch_window(index) == (6 * 60, 30 * 60)
    [hole] = holes(roster_of(index, duties))
    assert (hole.start, hole.end) == (at(0, 6), at(0, 8))

    with_history = PlanIndex(plan(history=(past("s2", 1, "N", "A"),)))
    assert holes(roster_of(with_history, duties)) == []


def test_night_hours_come_from_the_plans_night_shifts_or_default_to_20_to_8() -> None:
    late_night = shift("N", "22:00", "06:00", night=True)
    index = PlanIndex(tiny_plan(shifts=(shift("D", "06:00", "22:00"), late_night)))
    assert night_clock_spans(index) == ((22 * 60, 6 * 60),)

    no_nights = PlanIndex(
        tiny_plan(shifts=(shift("D", "08:00", "20:00"), shift("E", "20:00", "08:00")))
    )
    assert night_clock_spans(no_nights) == DEFAULT_NIGHT
    [hole] = holes(roster_of(no_nights, [("s1", 0, "D", "A")]))
    assert hole.night_minutes == 12 * 60


def test_a_night_shift_on_the_last_day_is_clipped_to_the_window() -> None:
    index = two_gates(days=1)
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s1", 0, "D", "B"), ("s2", 0, "N", "A")])
    [hole] = holes(roster)
    assert (hole.compound.id, hole.start, hole.end) == ("B", at(0, 20), at(1, 8))


@pytest.mark.parametrize(
    ("start", "end", "lang", "text"),
    [
        (at(0, 20), at(1, 8), "zh", "3月2日 20:00–08:00"),
        (at(0, 20), at(1, 0), "en", "2 Mar 20:00–24:00"),
        (at(0, 8), at(1, 8), "en", "2 Mar 08:00 – 3 Mar 08:00"),
    ],
)
def test_spans_read_as_leaders_write_them(
    start: dt.datetime, end: dt.datetime, lang: str, text: str
) -> None:
    assert span_text(start, end, lang) == text  # type: ignore[arg-type]


def test_hole_rows_for_a_csv() -> None:
    index = two_gates(days=1)
    [first, _] = holes(roster_of(index, []))
    assert first.row() == ("B", "2026-03-02T08:00", "2026-03-03T08:00", "24", "12", "true")
