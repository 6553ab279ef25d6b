"""consecutive_days: days in a row on which a duty starts, history included."""

from __future__ import annotations

from hypothesis import given

from constraints.consecutive_days import ConsecutiveDays
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, NIGHT, any_roster, boundary_plan, limited, past, rich_plan, tiny_plan

RULE = ConsecutiveDays()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(most: int, days: int = 7, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Day and night watch; only s1 has a limit on days in a row."""
    staff = (limited("s1", max_consecutive_days=most), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=days, shifts=(DAY, NIGHT), history=history))


def judged(index: PlanIndex, days: list[int], shift: str = "D") -> list[Violation]:
    """The rule's violations when s1 takes ``shift`` on ``days``; the model must agree."""
    roster = roster_of(index, [("s1", day, shift, "A") for day in days])
    return assert_model_agrees(index, [RULE], roster)


def test_trivially_feasible() -> None:
    index = index_for(3)
    assert judged(index, []) == []
    assert judged(index, [0, 2, 4, 6]) == []
    roster = roster_of(index, [("s2", day, "D", "A") for day in range(7)])
    assert assert_model_agrees(index, [RULE], roster) == []


def test_at_the_limit_and_one_past() -> None:
    index = index_for(3)
    assert judged(index, [0, 1, 2, 4, 5, 6]) == []
    [over] = judged(index, [0, 1, 2, 3])
    assert over.amount == 1
    assert over.message("en") == "Person s1: works 4 days in a row (2 Mar to 5 Mar), at most 3"
    assert over.message("zh") == "Person s1：连续上班4天（3月2日至3月5日），最多3天"
    # One run too long is one violation, however long it is.
    [longer] = judged(index, [1, 2, 3, 4, 5, 6])
    assert longer.amount == 3


def test_a_night_counts_for_the_day_it_starts() -> None:
    index = index_for(3)
    # Nights on days 0-2 end on the mornings of days 1-3; day 3 is still not worked.
    assert judged(index, [0, 1, 2], shift="N") == []
    roster = roster_of(index, [("s1", d, "N", "A") for d in (0, 1, 2)] + [("s1", 3, "D", "A")])
    [over] = assert_model_agrees(index, [RULE], roster)
    assert over.amount == 1


def test_across_history() -> None:
    # Five days worked before the start, at most six: the first day is fine, not the second.
    index = index_for(6, history=tuple(past("s1", k, "D") for k in range(1, 6)))
    assert judged(index, [0]) == []
    [over] = judged(index, [0, 1])
    assert over.amount == 1
    assert over.message("en") == "Person s1: works 7 days in a row (25 Feb to 3 Mar), at most 6"
    assert judged(index, [1, 2, 3, 4, 5, 6]) == []  # a day off on the first day


def test_history_already_over_the_limit() -> None:
    # Eight days in a row before the start, at most six: not this period's doing; the
    # first day must be off, and working it is one day over.
    index = index_for(6, history=tuple(past("s1", k, "D") for k in range(1, 9)))
    assert judged(index, []) == []
    [over] = judged(index, [0])
    assert over.amount == 1
    assert over.message("en") == "Person s1: works 9 days in a row (22 Feb to 2 Mar), at most 6"
    assert judged(index, [1, 2, 3, 4, 5, 6]) == []


def test_limit_changes_the_optimum() -> None:
    # A week of day watch and one person allowed three days in a row: every 4 days in a row
    # hold a day off, and only day 3 lies in all four such windows, so the day watch of
    # day 3 (Thursday) is the one gap.
    plan = tiny_plan(staff=(limited("s1", max_consecutive_days=3),), days=7, shifts=(DAY,))
    result = solve_checked(plan, [OnePlace(), RULE, Coverage()])
    assert result.roster is not None
    assert shortfalls(result.roster) == {(3, "D", "A"): 1}
    free = solve_checked(plan, [OnePlace(), Coverage()])
    assert free.roster is not None
    assert shortfalls(free.roster) == {}


@given(any_roster(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [RULE], roster)


@given(any_roster(RICH))
def test_model_agrees_on_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [RULE], roster)
