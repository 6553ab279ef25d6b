"""weekly_nights: night shifts starting in any 7 days in a row, history included."""

from __future__ import annotations

from hypothesis import given

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.weekly_nights import WeeklyNights
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Limits
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import (
    DAY,
    NIGHT,
    any_roster,
    boundary_plan,
    limited,
    past,
    people,
    rich_plan,
    tiny_plan,
)

RULE = WeeklyNights()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(most: int, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """A week of day and night watch; only s1 has a limit on nights."""
    staff = (limited("s1", max_nights_per_week=most), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=7, shifts=(DAY, NIGHT), history=history))


def judged(index: PlanIndex, duties: list[tuple[int, str]]) -> list[Violation]:
    """The rule's violations when s1 takes (day, shift) at A; the model must agree."""
    roster = roster_of(index, [("s1", day, shift, "A") for day, shift in duties])
    return assert_model_agrees(index, [RULE], roster)


def test_trivially_feasible() -> None:
    index = index_for(2)
    assert judged(index, []) == []
    # Day shifts are not nights.
    assert judged(index, [(day, "D") for day in range(7)]) == []


def test_at_the_limit_and_one_past() -> None:
    index = index_for(2)
    assert judged(index, [(0, "N"), (1, "D"), (3, "N"), (5, "D")]) == []
    [over] = judged(index, [(0, "N"), (1, "D"), (3, "N"), (6, "N")])
    assert over.amount == 1
    assert (
        over.message("en") == "Person s1: 3 night shifts within 7 days (2 Mar to 8 Mar), at most 2"
    )
    assert over.message("zh") == "Person s1：7天内（3月2日至3月8日）上夜班3次，最多2次"


def test_across_history() -> None:
    # One night on the day before the start, at most two a week.
    index = index_for(2, history=(past("s1", 1, "N"),))
    assert judged(index, [(0, "N")]) == []
    [over] = judged(index, [(0, "N"), (2, "N")])  # 1 Mar to 7 Mar holds three
    assert over.amount == 1
    assert over.message("en").startswith("Person s1: 3 night shifts within 7 days (1 Mar to 4 Mar)")
    assert judged(index, [(0, "N"), (6, "N")]) == []  # never three in one window


def test_history_already_over_the_limit() -> None:
    index = index_for(2, history=tuple(past("s1", k, "N") for k in (1, 2, 3)))
    assert judged(index, [(0, "D")]) == []  # a day shift adds no night
    [over] = judged(index, [(3, "N")])  # 27 Feb to 5 Mar: three nights in history already
    assert over.amount == 1
    [full] = judged(index, [(4, "N")])  # 28 Feb to 6 Mar: two in history, at the limit
    assert full.amount == 1
    assert judged(index, [(5, "N")]) == []  # 1 Mar to 7 Mar: one in history, one added


def test_limit_changes_the_optimum() -> None:
    # A week of night watch, three people with two nights a week each: six of seven nights.
    capped = tiny_plan(
        staff=people(3), days=7, shifts=(NIGHT,), rules=Limits(max_nights_per_week=2)
    )
    result = solve_checked(capped, [OnePlace(), RULE, Coverage()])
    assert result.roster is not None
    assert sum(shortfalls(result.roster).values()) == 1
    assert all(len(duties) == 2 for duties in result.roster.by_person.values())
    # Three nights a week each would cover them all.
    loose = tiny_plan(staff=people(3), days=7, shifts=(NIGHT,), rules=Limits(max_nights_per_week=3))
    free = solve_checked(loose, [OnePlace(), RULE, Coverage()])
    assert free.roster is not None
    assert shortfalls(free.roster) == {}


@given(any_roster(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [RULE], roster)


@given(any_roster(RICH))
def test_model_agrees_on_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [RULE], roster)
