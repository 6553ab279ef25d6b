"""weekends: nobody works more weekends than allowed; a weekend is worked when a duty starts
on its Saturday or Sunday."""

from __future__ import annotations

import datetime as dt

import pytest

from constraints.weekends import Weekends, weekends
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from tests.helpers import assert_model_agrees, roster_of
from tests.plans import DAY, MONDAY, NIGHT, limited, tiny_plan


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", max_weekends=1), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=14, shifts=(DAY, NIGHT)))


def over(index: PlanIndex, duties: list[tuple[int, str]]) -> list[int]:
    """The amount of each violation when s1 works ``duties`` (day, shift)."""
    roster = roster_of(index, [("s1", d, s, "A") for d, s in duties])
    found = assert_model_agrees(index, [Weekends()], roster)
    assert all(v.hard and v.staff == ("s1",) for v in found)
    return [v.amount for v in found]


def test_weekends_of_two_weeks(index: PlanIndex) -> None:
    saturday = MONDAY + dt.timedelta(days=5)
    assert weekends(index) == [(saturday, [5, 6]), (saturday + dt.timedelta(days=7), [12, 13])]


@pytest.mark.parametrize(
    ("duties", "expected"),
    [
        ([(5, "D")], []),  # one weekend: at the limit
        ([(5, "D"), (6, "N")], []),  # both days of it are still one weekend
        ([(5, "D"), (13, "D")], [1]),  # two weekends: one past
        ([(4, "N"), (12, "D")], []),  # a Friday night ending on Saturday is not a weekend
        ([(0, "D"), (7, "D"), (11, "N")], []),
    ],
)
def test_limit(index: PlanIndex, duties: list[tuple[int, str]], expected: list[int]) -> None:
    assert over(index, duties) == expected


def test_message(index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 6, "D", "A"), ("s1", 12, "D", "A")])
    [found] = Weekends().violations(roster)
    assert found.message("en") == ("Person s1 works 2 weekends (7 Mar, 14 Mar), at most 1 allowed")
    assert found.date == dt.date(2026, 3, 14)


def sunday_index(history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Seven days from a Sunday: the first weekend lies only partly in the period."""
    staff = (limited("s1", max_weekends=1),)
    plan = tiny_plan(staff=staff, days=7, shifts=(DAY,), history=history)
    return PlanIndex(plan.model_copy(update={"start": MONDAY - dt.timedelta(days=1)}))


def test_a_partial_weekend_counts() -> None:
    index = sunday_index()
    assert [days for _, days in weekends(index)] == [[-1, 0], [6]]
    assert over(index, [(0, "D")]) == []
    assert over(index, [(0, "D"), (6, "D")]) == [1]


def test_history_saturday_makes_the_weekend_worked() -> None:
    saturday = MONDAY - dt.timedelta(days=2)
    index = sunday_index((Assignment(date=saturday, shift="D", place="A", staff_id="s1"),))
    assert over(index, [(6, "D")]) == [1]
    assert over(index, [(0, "D")]) == []
    assert over(index, [(3, "D")]) == []


def test_history_alone_over_the_limit_is_no_violation() -> None:
    # No weekends allowed, but s1 worked the Saturday before the period (a Sunday): that
    # weekend is history's doing; only a weekend the period adds is a violation.
    saturday = MONDAY - dt.timedelta(days=2)
    history = (Assignment(date=saturday, shift="D", place="A", staff_id="s1"),)
    staff = (limited("s1", max_weekends=0),)
    plan = tiny_plan(staff=staff, days=7, shifts=(DAY,), history=history)
    index = PlanIndex(plan.model_copy(update={"start": MONDAY - dt.timedelta(days=1)}))
    assert over(index, []) == []
    assert over(index, [(0, "D")]) == []  # the Sunday of that same weekend
    assert over(index, [(6, "D")]) == [1]
