"""successions: a shift never starts the day after a shift it may not follow."""

from __future__ import annotations

import datetime as dt

import pytest

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.successions import Successions
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import MONDAY, limited, shift, tiny_plan

EARLY = shift("E", "06:00", "14:00")
LATE = shift("L", "14:00", "22:00")


def make_index(history: tuple[Assignment, ...] = ()) -> PlanIndex:
    plan = tiny_plan(
        staff=(limited("s1"), limited("s2")),
        days=4,
        shifts=(EARLY, LATE),
        forbidden_successions=(("L", "E"), ("L", "L")),
        history=history,
    )
    return PlanIndex(plan)


def broken(
    index: PlanIndex, duties: list[tuple[int, str]]
) -> list[tuple[dt.date | None, str | None]]:
    """(date, shift) of each violation when s1 works ``duties`` (day, shift)."""
    roster = roster_of(index, [("s1", d, s, "A") for d, s in duties])
    found = assert_model_agrees(index, [Successions()], roster)
    assert all(v.hard and v.staff == ("s1",) for v in found)
    return [(v.date, v.shift) for v in found]


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("duties", "expected"),
    [
        ([(0, "L"), (1, "E")], [(day(1), "E")]),
        ([(0, "L"), (1, "L")], [(day(1), "L")]),  # a shift that forbids itself
        ([(0, "E"), (1, "L")], []),
        ([(0, "L"), (2, "E")], []),  # a day between
        ([(0, "E"), (0, "L"), (1, "E")], [(day(1), "E")]),
        ([(0, "E"), (1, "E"), (2, "E"), (3, "E")], []),
    ],
)
def test_pairs(duties: list[tuple[int, str]], expected: list[tuple[dt.date, str]]) -> None:
    assert broken(make_index(), duties) == expected


def test_message() -> None:
    index = make_index()
    roster = roster_of(index, [("s1", 0, "L", "A"), ("s1", 1, "E", "A")])
    [found] = Successions().violations(roster)
    assert found.message("en") == "Person s1 works E on 3 Mar right after L the day before"


def test_history_on_the_day_before() -> None:
    index = make_index((Assignment(date=day(-1), shift="L", place="A", staff_id="s1"),))
    assert broken(index, [(0, "E")]) == [(day(0), "E")]
    assert broken(index, [(1, "E")]) == []
    assert broken(index, [(0, "E")]) == [(day(0), "E")]


def test_history_further_back_does_not_count() -> None:
    index = make_index((Assignment(date=day(-2), shift="L", place="A", staff_id="s1"),))
    assert broken(index, [(0, "E")]) == []


def test_solver_avoids_a_late_then_early() -> None:
    # One person, early and late every day: after a late, no early and no late follow, so
    # the best is early, early, early, late (2 + ... gaps), never late then anything.
    plan = tiny_plan(
        staff=(limited("s1"),),
        days=3,
        shifts=(EARLY, LATE),
        forbidden_successions=(("L", "E"), ("L", "L")),
    )
    result = solve_checked(plan, [Successions(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert Successions().violations(result.roster) == []
