"""min_days_off_run: breaks between working days with a working day on both sides last at
least the minimum; breaks touching the period's ends are exempt (Curtois boundary)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest

from constraints.coverage import Coverage
from constraints.min_days_off_run import MinDaysOffRun
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Demand, Priority
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, MONDAY, limited, tiny_plan


def index_for(minimum: int, days: int = 7, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    staff = (limited("s1", min_consecutive_days_off=minimum), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=days, shifts=(DAY,), history=history))


def worked(index: PlanIndex, days: set[int]) -> list[tuple[int, int]]:
    """(days off in the break, shortfall) of each violation when s1 works ``days``."""
    roster = roster_of(index, [("s1", d, "D", "A") for d in sorted(days)])
    found = assert_model_agrees(index, [MinDaysOffRun()], roster)
    assert all(v.hard and v.staff == ("s1",) for v in found)
    return [(int(str(v.text.params["days"])), v.amount) for v in found]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ({0, 2}, [(1, 1)]),  # one day off between two working days
        ({0, 3}, []),  # two days off: at the limit
        ({2}, []),  # both breaks touch an end of the period
        ({0, 2, 4, 6}, [(1, 1), (1, 1), (1, 1)]),
        (set(), []),
        (set(range(7)), []),
    ],
)
def test_minimum_two(days: set[int], expected: list[tuple[int, int]]) -> None:
    assert worked(index_for(2), days) == expected


def test_minimum_three_at_the_limit_and_one_past() -> None:
    index = index_for(3)
    assert worked(index, {0, 4}) == []
    assert worked(index, {0, 3}) == [(2, 1)]


def test_message() -> None:
    index = index_for(2)
    roster = roster_of(index, [("s1", 1, "D", "A"), ("s1", 3, "D", "A")])
    [found] = MinDaysOffRun().violations(roster)
    assert found.message("en") == (
        "Person s1 has only 1 days off in a row (4 Mar to 4 Mar), at least 2 wanted"
    )
    assert found.message("zh") == "Person s1 仅连续休息1天（3月4日至3月4日），至少应连续休息2天"


@pytest.mark.parametrize("minimum", [2, 3])
def test_model_agrees_on_every_pattern(minimum: int) -> None:
    index = index_for(minimum, days=6)
    for size in range(7):
        for days in combinations(range(6), size):
            worked(index, set(days))


def test_history_break_going_on_into_the_period() -> None:
    # s1 worked days -3 and -2, then is off on day -1 (history reaches back 3 days).
    rows = tuple(
        Assignment(date=MONDAY + dt.timedelta(days=d), shift="D", place="A", staff_id="s1")
        for d in (-3, -2)
    )
    index = index_for(3, history=rows)
    assert worked(index, {1}) == [(2, 1)]  # off -1 and 0, back on day 1: too short
    assert worked(index, {2}) == []  # off -1, 0 and 1
    assert worked(index, {0}) == []  # the one-day break lies wholly in history


def test_solver_spreads_work_into_blocks() -> None:
    # Demand on Monday and Wednesday only: with two days off wanted between working days,
    # one person cannot take both, so the solver leaves Wednesday to the other one.
    demand = (
        Demand(place="*", shift="D", min=0, max=1),
        Demand(place="*", shift="D", days="mon;wed", min=1, priority=Priority.CRITICAL),
    )
    staff = (limited("s1", min_consecutive_days_off=2), limited("s2", min_consecutive_days_off=2))
    plan = tiny_plan(staff=staff, days=5, shifts=(DAY,), demand=demand)
    result = solve_checked(plan, [MinDaysOffRun(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert Coverage().violations(result.roster) == []
    assert MinDaysOffRun().violations(result.roster) == []
