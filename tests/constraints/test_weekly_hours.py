"""weekly_hours: minutes of duty starting in any 7 days in a row, history included."""

from __future__ import annotations

from hypothesis import given

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.weekly_hours import WeeklyHours
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, NIGHT, any_roster, boundary_plan, limited, past, rich_plan, tiny_plan

RULE = WeeklyHours()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(hours: float, days: int = 7, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Day (08-20) and night (20-08) watch, 12 h each; only s1 has a weekly limit."""
    staff = (limited("s1", max_hours_per_week=hours), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=days, shifts=(DAY, NIGHT), history=history))


def judged(index: PlanIndex, days: list[int], shift: str = "D") -> list[Violation]:
    """The rule's violations when s1 takes ``shift`` on ``days``; the model must agree."""
    roster = roster_of(index, [("s1", day, shift, "A") for day in days])
    return assert_model_agrees(index, [RULE], roster)


def test_trivially_feasible() -> None:
    index = index_for(36)
    assert judged(index, []) == []
    assert judged(index, [0]) == []
    # s2 has no limit.
    roster = roster_of(index, [("s2", day, "D", "A") for day in range(7)])
    assert assert_model_agrees(index, [RULE], roster) == []


def test_at_the_limit_and_one_past() -> None:
    index = index_for(36)
    assert judged(index, [0, 1, 2]) == []
    [over] = judged(index, [0, 1, 2, 3])
    assert over.amount == 12 * 60
    assert (
        over.message("en") == "Person s1: 48 h of duty within 7 days (2 Mar to 5 Mar), at most 36 h"
    )
    assert over.message("zh") == "Person s1：7天内（3月2日至3月5日）值班48小时，最多36小时"
    # Nights count like days (by the day they start on).
    [night] = judged(index, [0, 2, 4, 6], shift="N")
    assert night.amount == 12 * 60


def test_rolling_windows_report_one_breach_once() -> None:
    # Nine days, so three windows of 7 days hold days 2-5: one breach, not three.
    index = index_for(36, days=9)
    [over] = judged(index, [2, 3, 4, 5])
    assert over.amount == 12 * 60
    # Days 0 and 8 are never in one window: 4 duties spread over 9 days are fine.
    assert judged(index, [0, 1, 7, 8]) == []
    # Days 0-6 and 2-8 are two different breaches.
    assert [v.amount for v in judged(index, [0, 2, 4, 6, 8])] == [720, 720]


def test_across_history() -> None:
    # 36 h in the last three days before the start, 48 h a week allowed: one more day fits.
    history = tuple(past("s1", k, "D") for k in (1, 2, 3))
    index = index_for(48, history=history)
    assert judged(index, [0]) == []
    [over] = judged(index, [0, 1])
    assert over.amount == 12 * 60
    assert (
        over.message("en")
        == "Person s1: 60 h of duty within 7 days (27 Feb to 3 Mar), at most 48 h"
    )
    # 28 Feb to 6 Mar holds 28 Feb, 1 Mar, day 0 and day 4: 48 h, at the limit.
    assert judged(index, [0, 4]) == []


def test_history_already_over_the_limit() -> None:
    # 60 h in the five days before the start, 48 allowed: not this period's doing, but
    # nothing may be added until the window has room again.
    history = tuple(past("s1", k, "D") for k in range(1, 6))
    index = index_for(48, history=history)
    assert judged(index, []) == []
    [day1] = judged(index, [1])
    assert day1.amount == 12 * 60
    assert day1.message("en").startswith("Person s1: 72 h of duty within 7 days (25 Feb to 3 Mar)")
    [day2] = judged(index, [2])
    assert day2.amount == 12 * 60
    assert judged(index, [3]) == []  # 27 Feb to 5 Mar: 36 h of history and 12 h


def test_limit_changes_the_optimum() -> None:
    # A week of day watch (12 h), two people with 36 h a week each: 6 of the 7 days.
    plan = tiny_plan(
        staff=(limited("s1", max_hours_per_week=36), limited("s2", max_hours_per_week=36)),
        days=7,
        shifts=(DAY,),
    )
    result = solve_checked(plan, [OnePlace(), RULE, Coverage()])
    assert result.roster is not None
    assert sum(shortfalls(result.roster).values()) == 1
    assert RULE.violations(result.roster) == []
    # Without the limit, everything is covered.
    free = solve_checked(plan, [OnePlace(), Coverage()])
    assert free.roster is not None
    assert shortfalls(free.roster) == {}


@given(any_roster(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [RULE], roster)


@given(any_roster(RICH))
def test_model_agrees_on_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [RULE], roster)
