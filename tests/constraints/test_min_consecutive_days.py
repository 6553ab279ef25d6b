"""min_consecutive_days: stretches of working days closed by days off on both sides last at
least the minimum; stretches touching the period's ends are exempt (Curtois boundary)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest

from constraints.coverage import Coverage
from constraints.min_consecutive_days import MinConsecutiveDays, closed_runs
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Demand, Priority
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, MONDAY, limited, tiny_plan


def index_for(minimum: int, days: int = 7, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    staff = (limited("s1", min_consecutive_days=minimum), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=days, shifts=(DAY,), history=history))


def worked(index: PlanIndex, days: set[int]) -> list[tuple[int, int, int]]:
    """(days, limit, amount) of each violation when s1 works ``days``."""
    roster = roster_of(index, [("s1", d, "D", "A") for d in sorted(days)])
    found = assert_model_agrees(index, [MinConsecutiveDays()], roster)
    assert all(v.hard and v.staff == ("s1",) for v in found)
    return [facts(v) for v in found]


def facts(violation: Violation) -> tuple[int, int, int]:
    """A violation's stretch length, minimum and shortfall."""
    params = violation.text.params
    return int(str(params["days"])), int(str(params["limit"])), violation.amount


def test_closed_runs() -> None:
    assert closed_runs({1, 2, 5}, 0, 6, working=True) == [(1, 2), (5, 5)]
    assert closed_runs({0, 1, 4, 6}, 0, 6, working=True) == [(4, 4)]  # 0-1 and 6 touch the ends
    assert closed_runs({0, 1, 4, 6}, 0, 6, working=False) == [(2, 3), (5, 5)]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ({1}, [(1, 2, 1)]),  # alone between two days off
        ({1, 2}, []),  # at the limit
        ({0}, []),  # touches the first day: exempt
        ({6}, []),  # touches the last day: exempt
        ({0, 2, 4, 6}, [(1, 2, 1), (1, 2, 1)]),  # days 2 and 4
        (set(range(7)), []),
        (set(), []),
    ],
)
def test_minimum_two(days: set[int], expected: list[tuple[int, int, int]]) -> None:
    assert worked(index_for(2), days) == expected


def test_minimum_three_at_the_limit_and_one_past() -> None:
    index = index_for(3)
    assert worked(index, {1, 2, 3}) == []
    assert worked(index, {1, 2}) == [(2, 3, 1)]


def test_message() -> None:
    index = index_for(2)
    roster = roster_of(index, [("s1", 3, "D", "A")])
    [found] = MinConsecutiveDays().violations(roster)
    assert found.message("en") == (
        "Person s1 works only 1 days in a row (5 Mar to 5 Mar), at least 2 wanted"
    )
    assert found.date == MONDAY + dt.timedelta(days=3)


@pytest.mark.parametrize("minimum", [2, 3])
def test_model_agrees_on_every_pattern(minimum: int) -> None:
    index = index_for(minimum, days=6)
    for size in range(7):
        for days in combinations(range(6), size):
            worked(index, set(days))


def history_index(minimum: int, s1_days: list[int]) -> PlanIndex:
    """History reaching back 3 days (s2 worked on day -3); s1 worked ``s1_days``."""
    rows = [Assignment(date=MONDAY - dt.timedelta(days=3), shift="D", place="A", staff_id="s2")]
    rows += [
        Assignment(date=MONDAY + dt.timedelta(days=d), shift="D", place="A", staff_id="s1")
        for d in s1_days
    ]
    return index_for(minimum, history=tuple(rows))


def test_history_continues_a_stretch() -> None:
    index = history_index(3, [-1])
    assert worked(index, {0}) == [(2, 3, 1)]  # days -1 and 0, then a day off: too short
    assert worked(index, {0, 1}) == []  # -1, 0, 1: long enough
    assert worked(index, set()) == []  # wholly in history: not this period's doing


def test_history_stretch_touching_its_first_known_day_is_exempt() -> None:
    index = history_index(3, [-3, -2, -1])
    assert worked(index, {0}) == []


def test_solver_adds_a_neighbour_day() -> None:
    demand = (
        Demand(place="*", shift="D", min=0, max=1),
        Demand(place="*", shift="D", days="thu", min=1, priority=Priority.CRITICAL),
    )
    staff = (limited("s1", min_consecutive_days=2),)
    plan = tiny_plan(staff=staff, days=7, shifts=(DAY,), demand=demand)
    rules = [MinConsecutiveDays(), OnePlace(), Coverage()]
    result = solve_checked(plan, rules)
    assert result.roster is not None
    days = sorted(d.slot.day for d in result.roster.duties)
    assert 3 in days
    assert Coverage().violations(result.roster) == []
    assert MinConsecutiveDays().violations(result.roster) == []
