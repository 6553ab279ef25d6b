"""apart: two people paired ``apart`` are never on duty at overlapping times."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from constraints.apart import Apart
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Compound, Demand, Pair
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, FULL, MONDAY, NIGHT, people, rich_plan, shift, tiny_plan
from tests.plans import any_roster as rosters

EARLY = shift("M", "07:00", "12:00")
COUPLE = (Pair(a="s1", b="s2", kind="apart"),)
TWO_GATES = (Compound(id="A", name="A小区"), Compound(id="B", name="B小区"))
SUNDAY = MONDAY - dt.timedelta(days=1)


@pytest.fixture
def rule() -> Apart:
    return Apart()


@pytest.fixture
def index() -> PlanIndex:
    history = (
        Assignment(date=SUNDAY, shift="N", place="A", staff_id="s1"),
        Assignment(date=SUNDAY, shift="F", place="B", staff_id="s2"),
    )
    plan = tiny_plan(
        staff=people(3),
        shifts=(DAY, NIGHT, FULL, EARLY),
        compounds=TWO_GATES,
        days=2,
        pairs=COUPLE,
        history=history,
    )
    return PlanIndex(plan)


def _check(rule: Apart, index: PlanIndex, duties: list[tuple[str, int, str, str]]) -> list[str]:
    found = assert_model_agrees(index, [rule], roster_of(index, duties))
    return [v.message() for v in found]


def test_back_to_back_shifts_are_fine(rule: Apart, index: PlanIndex) -> None:
    # Day ends 20:00 when the night starts; s1's history night ends 08:00 when day 0 starts.
    duties = [("s1", 0, "D", "A"), ("s2", 0, "N", "B"), ("s1", 1, "D", "A")]
    assert _check(rule, index, duties) == []


def test_same_hours_at_another_gate_is_one_violation(rule: Apart, index: PlanIndex) -> None:
    assert _check(rule, index, [("s1", 0, "D", "A"), ("s2", 0, "D", "B"), ("s3", 0, "D", "B")]) == [
        "Person 1 (2 Mar day at A小区) and Person 2 (2 Mar day at B小区) are on duty at the "
        "same time but must be kept apart"
    ]


def test_overlap_at_any_places_counts_once_per_pair_of_duties(
    rule: Apart, index: PlanIndex
) -> None:
    # The 24-hour duty overlaps s2's day and night; s2's day overlaps nothing else of s1.
    found = _check(rule, index, [("s1", 0, "F", "A"), ("s2", 0, "D", "B"), ("s2", 0, "N", "A")])
    assert len(found) == 2


def test_own_overlap_is_not_this_rules_business(rule: Apart, index: PlanIndex) -> None:
    # s1 on two overlapping duties (one_place's violation), s2 on an unrelated day: no
    # violation here, and the model must agree even without one_place.
    # s1's 24-hour duty ends at 08:00 on day 1, when s2's day starts.
    assert (
        _check(rule, index, [("s1", 0, "F", "A"), ("s1", 0, "D", "B"), ("s2", 1, "D", "A")]) == []
    )


def test_the_partners_last_night_counts(rule: Apart, index: PlanIndex) -> None:
    # s1's history night runs to 08:00 on day 0: s2's 07:00 start overlaps it.
    found = _check(rule, index, [("s2", 0, "M", "A")])
    assert found == [
        "Person 1 (1 Mar night at A小区) and Person 2 (2 Mar M at A小区) are on duty at the "
        "same time but must be kept apart"
    ]


def test_overlap_wholly_in_history_is_not_reported(rule: Apart, index: PlanIndex) -> None:
    # Sunday's night (s1) and 24-hour duty (s2) overlapped before the period began.
    assert _check(rule, index, []) == []


def test_solver_keeps_the_couple_apart() -> None:
    demand = (Demand(place="*", shift="D", min=1, priority="critical"),)
    plan = tiny_plan(
        staff=people(2), shifts=(DAY,), compounds=TWO_GATES, demand=demand, pairs=COUPLE
    )
    result = solve_checked(plan, [Apart(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert len(result.roster.duties) == 1
    assert sum(shortfalls(result.roster).values()) == 1
    # Without the pair both gates are covered.
    free = solve_checked(plan.model_copy(update={"pairs": ()}), [OnePlace(), Coverage()])
    assert free.roster is not None
    assert shortfalls(free.roster) == {}


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_agrees_when_used_alone(roster: Roster) -> None:
    assert_model_agrees(RICH, [Apart()], roster)
