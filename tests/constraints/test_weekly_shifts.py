"""weekly_shifts: duties starting in any 7 days in a row, history included."""

from __future__ import annotations

from hypothesis import given

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.weekly_shifts import WeeklyShifts
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, NIGHT, any_roster, boundary_plan, limited, past, rich_plan, tiny_plan

RULE = WeeklyShifts()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(most: int, days: int = 7, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Day and night watch; only s1 has a weekly limit."""
    staff = (limited("s1", max_shifts_per_week=most), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=days, shifts=(DAY, NIGHT), history=history))


def judged(index: PlanIndex, duties: list[tuple[int, str]]) -> list[Violation]:
    """The rule's violations when s1 takes (day, shift) at A; the model must agree."""
    roster = roster_of(index, [("s1", day, shift, "A") for day, shift in duties])
    return assert_model_agrees(index, [RULE], roster)


def test_trivially_feasible() -> None:
    index = index_for(3)
    assert judged(index, []) == []
    assert judged(index, [(0, "D")]) == []
    roster = roster_of(index, [("s2", day, "D", "A") for day in range(7)])
    assert assert_model_agrees(index, [RULE], roster) == []


def test_at_the_limit_and_one_past() -> None:
    index = index_for(3)
    assert judged(index, [(0, "D"), (0, "N"), (5, "D")]) == []
    [over] = judged(index, [(0, "D"), (0, "N"), (5, "D"), (6, "N")])
    assert over.amount == 1
    assert over.message("en") == "Person s1: 4 duties within 7 days (2 Mar to 8 Mar), at most 3"
    assert over.message("zh") == "Person s1：7天内（3月2日至3月8日）值班4次，最多3次"


def test_across_history() -> None:
    # Two duties on the two days before the start, at most three a week.
    index = index_for(3, history=(past("s1", 1, "D"), past("s1", 2, "D")))
    assert judged(index, [(0, "D")]) == []
    [over] = judged(index, [(0, "D"), (4, "D")])  # 28 Feb to 6 Mar holds four
    assert over.amount == 1
    assert over.message("en").startswith("Person s1: 4 duties within 7 days (28 Feb to 6 Mar)")
    assert judged(index, [(0, "D"), (5, "D")]) == []  # 1 Mar to 7 Mar holds three


def test_history_already_over_the_limit() -> None:
    index = index_for(3, history=tuple(past("s1", k, "D") for k in range(1, 5)))
    assert judged(index, []) == []
    [over] = judged(index, [(2, "D")])  # 26 Feb to 4 Mar: four in history already
    assert over.amount == 1
    [full] = judged(index, [(3, "D")])  # 27 Feb to 5 Mar: three in history, at the limit
    assert full.amount == 1
    assert judged(index, [(4, "D")]) == []  # 28 Feb to 6 Mar: two in history, one added


def test_limit_changes_the_optimum() -> None:
    # A week of day watch, one person allowed four duties a week: three days stay empty.
    plan = tiny_plan(staff=(limited("s1", max_shifts_per_week=4),), days=7, shifts=(DAY,))
    result = solve_checked(plan, [OnePlace(), RULE, Coverage()])
    assert result.roster is not None
    assert len(result.roster.duties) == 4
    assert sum(shortfalls(result.roster).values()) == 3
    assert RULE.violations(result.roster) == []


@given(any_roster(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [RULE], roster)


@given(any_roster(RICH))
def test_model_agrees_on_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [RULE], roster)
