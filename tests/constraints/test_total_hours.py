"""total_hours: each person's hours over the period lie in [min, max], bounds included."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.total_hours import TotalHours
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, limited, tiny_plan


@pytest.fixture
def index() -> PlanIndex:
    # Day shifts are 12 hours: 24 to 36 hours is two or three of them.
    staff = (limited("s1", min_total_hours=24, max_total_hours=36), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=4, shifts=(DAY,)))


def hours(index: PlanIndex, days: int) -> list[tuple[str, int]]:
    """(message key, amount in minutes) of each violation when s1 works ``days`` days."""
    roster = roster_of(index, [("s1", d, "D", "A") for d in range(days)])
    found = assert_model_agrees(index, [TotalHours()], roster)
    assert all(v.hard and v.staff == ("s1",) for v in found)
    return [("over" if "at most" in v.message() else "under", v.amount) for v in found]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, [("under", 24 * 60)]),
        (1, [("under", 12 * 60)]),  # one past the minimum
        (2, []),  # at the minimum
        (3, []),  # at the maximum
        (4, [("over", 12 * 60)]),  # one past the maximum
    ],
)
def test_bounds(index: PlanIndex, days: int, expected: list[tuple[str, int]]) -> None:
    assert hours(index, days) == expected


def test_messages(index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", d, "D", "A") for d in range(4)])
    [found] = TotalHours().violations(roster)
    assert found.message("en") == "Person s1 works 48 hours in the period, at most 36 allowed"
    assert found.message("zh") == "Person s1 本周期工作48小时，最多36小时"


def test_fractional_hours_are_whole_minutes() -> None:
    staff = (limited("s1", max_total_hours=23.5),)
    index = PlanIndex(tiny_plan(staff=staff, days=2, shifts=(DAY,)))
    assert index.people[0].limits.max_total_minutes == 1410
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s1", 1, "D", "A")])
    [found] = assert_model_agrees(index, [TotalHours()], roster)
    assert found.amount == 30


def test_solver_meets_the_minimum_beyond_demand() -> None:
    # Nobody is needed, yet s1 must work at least 24 hours: two of the optional day shifts.
    from roster.plan.model import Demand

    staff = (limited("s1", min_total_hours=24),)
    demand = (Demand(place="*", shift="D", min=0, max=1),)
    plan = tiny_plan(staff=staff, days=3, shifts=(DAY,), demand=demand)
    result = solve_checked(plan, [TotalHours(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert len(result.roster.duties) >= 2
