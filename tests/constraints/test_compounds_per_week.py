"""compounds_per_week: a person guards at most so many different compounds in any 7 days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from constraints.compounds_per_week import CompoundsPerWeek
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Compound, Demand
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, MONDAY, NIGHT, limited, rich_plan, tiny_plan
from tests.plans import any_roster as rosters

GATES = tuple(Compound(id=c, name=f"{c}小区") for c in "ABC")
DEMAND = (
    Demand(place="*", shift="D", min=1),
    Demand(place="*", shift="N", min=1),
    Demand(place="shopping", shift="D", min=1),
)


def _index(limit: int, days: int = 8, history: tuple[tuple[int, str], ...] = ()) -> PlanIndex:
    """s1 with the limit, s2 without; ``history`` as (day before the start, compound)."""
    rows = tuple(
        Assignment(date=MONDAY - dt.timedelta(days=back), shift="D", place=place, staff_id="s1")
        for back, place in history
    )
    staff = (limited("s1", max_compounds_per_week=limit), limited("s2"))
    plan = tiny_plan(staff=staff, compounds=GATES, demand=DEMAND, days=days, history=rows)
    return PlanIndex(plan)


@pytest.fixture
def rule() -> CompoundsPerWeek:
    return CompoundsPerWeek()


def _amounts(
    rule: CompoundsPerWeek, index: PlanIndex, duties: list[tuple[str, int, str, str]]
) -> list[int]:
    return [v.amount for v in assert_model_agrees(index, [rule], roster_of(index, duties))]


def test_at_the_limit_is_fine_one_more_is_not(rule: CompoundsPerWeek) -> None:
    index = _index(2)
    assert (
        _amounts(rule, index, [("s1", 0, "D", "A"), ("s1", 1, "N", "B"), ("s1", 2, "D", "A")]) == []
    )
    assert _amounts(
        rule, index, [("s1", 0, "D", "A"), ("s1", 1, "N", "B"), ("s1", 2, "D", "C")]
    ) == [1]
    # Others have no limit.
    assert (
        _amounts(rule, index, [("s2", 0, "D", "A"), ("s2", 1, "N", "B"), ("s2", 2, "D", "C")]) == []
    )


def test_errands_do_not_count(rule: CompoundsPerWeek) -> None:
    index = _index(1)
    assert (
        _amounts(
            rule, index, [("s1", 0, "D", "A"), ("s1", 1, "D", "shopping"), ("s1", 2, "N", "A")]
        )
        == []
    )


def test_seven_days_running(rule: CompoundsPerWeek) -> None:
    index = _index(1)
    # Days 0 and 6 share a week; days 0 and 7 do not.
    assert _amounts(rule, index, [("s1", 0, "D", "A"), ("s1", 6, "D", "B")]) == [1]
    assert _amounts(rule, index, [("s1", 0, "D", "A"), ("s1", 7, "D", "B")]) == []


def test_a_breach_seen_by_several_weeks_is_told_once(rule: CompoundsPerWeek) -> None:
    index = _index(1, days=9)  # weeks starting on days 0, 1, 2 all see days 2..3
    found = assert_model_agrees(
        index, [rule], roster_of(index, [("s1", 2, "D", "A"), ("s1", 3, "D", "B")])
    )
    assert len(found) == 1
    assert (
        found[0].message("en")
        == "Person s1 guards 2 compounds from 2 Mar to 8 Mar (A小区, B小区); at most 1 in a week"
    )
    assert (
        found[0].message("zh")
        == "Person s1 在3月2日至3月8日值守2个小区（A小区、B小区），每周最多1个"
    )


def test_history_counts(rule: CompoundsPerWeek) -> None:
    index = _index(1, history=((1, "B"),))
    assert _amounts(rule, index, [("s1", 0, "D", "B"), ("s1", 3, "N", "B")]) == []
    assert _amounts(rule, index, [("s1", 0, "D", "A")]) == [1]
    # From day 6 on the week no longer reaches back to B.
    assert _amounts(rule, index, [("s1", 6, "D", "A")]) == []


def test_history_already_over_only_forbids_more(rule: CompoundsPerWeek) -> None:
    index = _index(1, history=((2, "A"), (1, "B")))
    assert _amounts(rule, index, []) == []  # wholly in history: not this period's doing
    # The week from 2 days back already had A and B: B again adds nothing.
    assert _amounts(rule, index, [("s1", 0, "D", "B")]) == []
    # A on day 0 is a second compound in the week from 1 day back (B, A).
    assert _amounts(rule, index, [("s1", 0, "D", "A")]) == [1]
    # C adds a third to the first week (2 allowed there) and a second to the next one.
    assert _amounts(rule, index, [("s1", 0, "D", "C")]) == [1, 1]


def test_solver_keeps_her_to_one_compound() -> None:
    # One person, A needs a day watch and B a night watch: she can guard only one of them.
    demand = (
        Demand(place="A", shift="D", min=1, priority="critical"),
        Demand(place="B", shift="N", min=1, priority="high"),
    )
    staff = (limited("s1", max_compounds_per_week=1),)
    plan = tiny_plan(staff=staff, shifts=(DAY, NIGHT), compounds=GATES[:2], demand=demand)
    result = solve_checked(plan, [CompoundsPerWeek(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert [(d.slot.shift.id, d.place) for d in result.roster.duties] == [("D", "A")]
    assert shortfalls(result.roster) == {(0, "N", "B"): 1}


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_agrees_when_used_alone(roster: Roster) -> None:
    assert_model_agrees(RICH, [CompoundsPerWeek()], roster)
