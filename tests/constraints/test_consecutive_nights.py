"""consecutive_nights: night shifts on days in a row, history included."""

from __future__ import annotations

from hypothesis import given

from constraints.consecutive_nights import ConsecutiveNights
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import (
    DAY,
    NIGHT,
    any_roster,
    boundary_plan,
    compounds,
    limited,
    past,
    rich_plan,
    tiny_plan,
)

RULE = ConsecutiveNights()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(most: int, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """A week of day and night watch at A and B; only s1 has a limit on nights in a row."""
    staff = (limited("s1", max_consecutive_nights=most), limited("s2"))
    return PlanIndex(
        tiny_plan(
            staff=staff, days=7, shifts=(DAY, NIGHT), compounds=compounds("A", "B"), history=history
        )
    )


def judged(index: PlanIndex, duties: list[tuple[int, str]]) -> list[Violation]:
    """The rule's violations when s1 takes (day, shift) at A; the model must agree."""
    roster = roster_of(index, [("s1", day, shift, "A") for day, shift in duties])
    return assert_model_agrees(index, [RULE], roster)


def test_trivially_feasible() -> None:
    index = index_for(2)
    assert judged(index, []) == []
    assert judged(index, [(day, "D") for day in range(7)]) == []  # days are not nights


def test_at_the_limit_and_one_past() -> None:
    index = index_for(2)
    assert judged(index, [(0, "N"), (1, "N"), (2, "D"), (3, "N"), (4, "N")]) == []
    [over] = judged(index, [(0, "N"), (1, "N"), (2, "N")])
    assert over.amount == 1
    assert over.message("en") == "Person s1: 3 night shifts in a row (2 Mar to 4 Mar), at most 2"
    assert over.message("zh") == "Person s1：连续上夜班3天（3月2日至3月4日），最多2天"
    [longer] = judged(index, [(day, "N") for day in range(7)])
    assert longer.amount == 5


def test_two_nights_on_one_day_are_one_night() -> None:
    # Arbitrary rosters may hold two night duties on one day (one_place forbids it); for
    # this rule they are one night.
    index = index_for(2)
    roster = roster_of(index, [("s1", 0, "N", "A"), ("s1", 0, "N", "B"), ("s1", 1, "N", "A")])
    assert assert_model_agrees(index, [RULE], roster) == []


def test_across_history() -> None:
    # Two nights just before the start, at most two in a row.
    index = index_for(2, history=(past("s1", 1, "N"), past("s1", 2, "N")))
    [over] = judged(index, [(0, "N")])
    assert over.amount == 1
    assert over.message("en") == "Person s1: 3 night shifts in a row (28 Feb to 2 Mar), at most 2"
    assert judged(index, [(0, "D"), (1, "N"), (2, "N")]) == []


def test_history_already_over_the_limit() -> None:
    index = index_for(2, history=tuple(past("s1", k, "N") for k in (1, 2, 3)))
    assert judged(index, [(0, "D")]) == []
    [over] = judged(index, [(0, "N")])
    assert over.amount == 1  # the one night this period added
    assert over.message("en").startswith("Person s1: 4 night shifts in a row (27 Feb to 2 Mar)")


def test_limit_changes_the_optimum() -> None:
    # A week of night watch, one person allowed two nights in a row: every 3 days in a row
    # hold a night off, so at most 5 of 7 nights (e.g. off on days 2 and 5).
    plan = tiny_plan(staff=(limited("s1", max_consecutive_nights=2),), days=7, shifts=(NIGHT,))
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
