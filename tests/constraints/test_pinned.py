"""pinned: every duty the leader pinned in ``fixed.csv`` is in the roster."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from constraints.coverage import Coverage
from constraints.no_nights import NoNights
from constraints.one_place import OnePlace
from constraints.pinned import Pinned
from roster.engine.solve import solve
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment, Plan
from roster.result import SolverConfig, Status
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, MONDAY, limited, rich_plan, tiny_plan
from tests.plans import any_roster as rosters


def _pin(staff_id: str, shift: str, place: str, day: int = 0) -> Assignment:
    date = MONDAY + dt.timedelta(days=day)
    return Assignment(date=date, shift=shift, place=place, staff_id=staff_id)


@pytest.fixture
def rule() -> Pinned:
    return Pinned()


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1"), limited("s2", no_nights=True))
    pins = (_pin("s1", "N", "A"), _pin("s2", "D", "meeting", day=1), _pin("s1", "N", "A"))
    return PlanIndex(tiny_plan(staff=staff, days=2, fixed=pins))


def test_pins_in_the_roster_are_fine(rule: Pinned, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "N", "A"), ("s2", 1, "D", "meeting"), ("s2", 0, "D", "A")])
    assert assert_model_agrees(index, [rule], roster) == []


def test_each_missing_pin_is_one_violation(rule: Pinned, index: PlanIndex) -> None:
    # s1 is on the night, but at another place; the meeting is missing; the pin listed twice
    # is reported once.
    roster = roster_of(index, [("s2", 0, "N", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert sorted((v.staff, v.shift, v.place) for v in found) == [
        (("s1",), "N", "A"),
        (("s2",), "D", "meeting"),
    ]
    night = next(v for v in found if v.shift == "N")
    assert night.message("en") == (
        "Person s1 is pinned to A小区 on 2 Mar (night) but is not rostered there"
    )
    assert night.message("zh") == "Person s1 指定于3月2日（night）在A小区值班，但未排上"


def test_a_pin_without_demand_gets_a_post(index: PlanIndex) -> None:
    post = index.post_at[("meeting", index.slots[2].idx)]
    assert post.needs == ()
    assert post.max == 1


def test_pin_clashing_with_a_limit_is_infeasible_and_explained(index: PlanIndex) -> None:
    plan = index.plan.model_copy(update={"fixed": (_pin("s2", "N", "A"),)})
    clash = PlanIndex(plan)
    rules = [NoNights(), Pinned()]
    result = solve(clash, rules, SolverConfig(time_limit=5, workers=1, seed=1))
    assert result.status is Status.INFEASIBLE
    assert result.roster is None
    # Either way a roster breaks a hard rule: the pin if left out, no_nights if kept.
    without = assert_model_agrees(clash, rules, roster_of(clash, []))
    assert [v.rule for v in without] == ["pinned"]
    kept = assert_model_agrees(clash, rules, roster_of(clash, [("s2", 0, "N", "A")]))
    assert [v.rule for v in kept] == ["no_nights"]


def test_pins_outside_the_period_are_ignored(rule: Pinned) -> None:
    plan: Plan = tiny_plan(fixed=(_pin("s1", "D", "A", day=5), _pin("nobody", "D", "A")))
    index = PlanIndex(plan)
    assert assert_model_agrees(index, [rule], roster_of(index, [])) == []


def test_solver_keeps_the_pin_and_leaves_the_gate_short() -> None:
    # One person, pinned to a meeting during the day watch: the watch stays open.
    plan = tiny_plan(staff=(limited("s1"),), shifts=(DAY,), fixed=(_pin("s1", "D", "meeting"),))
    result = solve_checked(plan, [Pinned(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert [(d.person, d.place) for d in result.roster.duties] == [(0, "meeting")]
    assert shortfalls(result.roster) == {(0, "D", "A"): 1}


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_agrees_when_used_alone(roster: Roster) -> None:
    assert_model_agrees(RICH, [Pinned()], roster)
