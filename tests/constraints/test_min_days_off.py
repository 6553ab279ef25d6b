"""min_days_off: days without a duty start in any 7 days in a row, pro rata in a period
shorter than a week, history included."""

from __future__ import annotations

from hypothesis import given

from constraints.coverage import Coverage
from constraints.min_days_off import MinDaysOff, days_off_needed
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, NIGHT, any_roster, boundary_plan, limited, past, rich_plan, tiny_plan

RULE = MinDaysOff()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(off: int, days: int = 7, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Day and night watch; only s1 has days off to keep."""
    staff = (limited("s1", min_days_off_per_week=off), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=days, shifts=(DAY, NIGHT), history=history))


def judged(index: PlanIndex, days: list[int], shift: str = "D") -> list[Violation]:
    """The rule's violations when s1 takes ``shift`` on ``days``; the model must agree."""
    roster = roster_of(index, [("s1", day, shift, "A") for day in days])
    return assert_model_agrees(index, [RULE], roster)


def test_days_off_needed() -> None:
    assert days_off_needed(2, (0, 6)) == 2
    assert days_off_needed(2, (-3, 3)) == 2
    assert days_off_needed(2, (0, 4)) == 1  # 10/7 rounded down
    assert days_off_needed(2, (0, 2)) == 0
    assert days_off_needed(1, (0, 5)) == 0


def test_trivially_feasible() -> None:
    index = index_for(2)
    assert judged(index, []) == []
    assert judged(index, [0, 1]) == []
    roster = roster_of(index, [("s2", day, "D", "A") for day in range(7)])
    assert assert_model_agrees(index, [RULE], roster) == []


def test_at_the_limit_and_one_past() -> None:
    index = index_for(2)
    assert judged(index, [0, 1, 2, 3, 4]) == []
    [short] = judged(index, [0, 1, 2, 3, 4, 5])
    assert short.amount == 1
    assert short.message("en") == (
        "Person s1: only 1 days off in the 7 days 2 Mar to 8 Mar, needs 2"
    )
    assert short.message("zh") == "Person s1：3月2日至3月8日的7天里只休息1天，至少需要2天"
    # The morning after a night is a day off: nights on days 0-4 leave days 5 and 6.
    assert judged(index, [0, 1, 2, 3, 4], shift="N") == []


def test_a_period_shorter_than_a_week_needs_a_fair_share() -> None:
    # Five days, two days off a week: 10/7, so one day off.
    index = index_for(2, days=5)
    assert judged(index, [0, 1, 3, 4]) == []
    [short] = judged(index, [0, 1, 2, 3, 4])
    assert short.amount == 1
    assert short.message("en") == "Person s1: only 0 days off in the 5 days 2 Mar to 6 Mar, needs 1"
    # Three days: 6/7, no day off needed.
    assert judged(index_for(2, days=3), [0, 1, 2]) == []


def test_across_history() -> None:
    # The three days before the start were worked; two days off a week.
    index = index_for(2, history=tuple(past("s1", k, "D") for k in (1, 2, 3)))
    assert judged(index, [0, 1]) == []
    [short] = judged(index, [0, 1, 2])
    assert short.amount == 1
    assert (
        short.message("en") == "Person s1: only 1 days off in the 7 days 27 Feb to 5 Mar, needs 2"
    )


def test_history_already_short() -> None:
    # Six days worked before the start, two days off a week: the week ending on the first
    # day cannot have two any more; the period must leave what it can free.
    index = index_for(2, history=tuple(past("s1", k, "D") for k in range(1, 7)))
    assert judged(index, []) == []
    [first] = judged(index, [0])  # two windows hold only day 0: reported once
    assert first.amount == 1
    assert (
        first.message("en") == "Person s1: only 0 days off in the 7 days 24 Feb to 2 Mar, needs 2"
    )
    [second] = judged(index, [1])  # 25 Feb to 3 Mar: five worked in history already
    assert second.amount == 1
    assert judged(index, [2]) == []  # 26 Feb to 4 Mar: four in history, one added, two off


def test_limit_changes_the_optimum() -> None:
    # A week of day watch, one person with two days off a week: two days stay empty.
    plan = tiny_plan(staff=(limited("s1", min_days_off_per_week=2),), days=7, shifts=(DAY,))
    result = solve_checked(plan, [OnePlace(), RULE, Coverage()])
    assert result.roster is not None
    assert sum(shortfalls(result.roster).values()) == 2
    free = solve_checked(plan, [OnePlace(), Coverage()])
    assert free.roster is not None
    assert shortfalls(free.roster) == {}


@given(any_roster(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [RULE], roster)


@given(any_roster(RICH))
def test_model_agrees_on_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [RULE], roster)
