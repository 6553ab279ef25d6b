"""compound_switches: each person guards few different compounds (cohorting)."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings

from constraints.compound_switches import CompoundSwitches
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Demand, Plan, Tier, Weights
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, NIGHT, compounds, people, rich_plan, tiny_plan
from tests.plans import any_roster as rosters


@pytest.fixture
def rule() -> CompoundSwitches:
    return CompoundSwitches()


def gates_plan(days: int = 3, weights: Weights | None = None) -> Plan:
    """Day watch at A, B and C, and a survey, for three people."""
    demand = (
        Demand(place="*", shift="D", min=1),
        Demand(place="survey", shift="D", min=1),
    )
    return tiny_plan(
        staff=people(3),
        days=days,
        shifts=(DAY,),
        compounds=compounds("A", "B", "C"),
        demand=demand,
        weights=weights or Weights(),
    )


def cost(rule: CompoundSwitches, index: PlanIndex, *duties: tuple[str, int, str, str]) -> int:
    """The rule's cost of a roster of these duties, checked against the model."""
    found = assert_model_agrees(index, [rule], roster_of(index, list(duties)))
    assert all(v.tier is Tier.PREFERENCES and not v.hard for v in found)
    return sum(v.cost for v in found)


def test_rule_is_a_soft_preference(rule: CompoundSwitches) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("compound_switches", False, Tier.PREFERENCES)
    assert CompoundSwitches.__doc__


def test_each_compound_beyond_the_first_costs(rule: CompoundSwitches) -> None:
    index = PlanIndex(gates_plan())
    assert cost(rule, index) == 0
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s1", 1, "D", "A"), ("s1", 2, "D", "A")) == 0
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s1", 1, "D", "B"), ("s1", 2, "D", "A")) == 1
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s1", 1, "D", "B"), ("s1", 2, "D", "C")) == 2
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s2", 1, "D", "B"), ("s3", 2, "D", "C")) == 0


def test_errands_do_not_count(rule: CompoundSwitches) -> None:
    index = PlanIndex(gates_plan())
    duties = [("s1", 0, "D", "A"), ("s1", 1, "D", "survey"), ("s1", 2, "D", "survey")]
    assert cost(rule, index, *duties) == 0


def test_weight_and_message(rule: CompoundSwitches) -> None:
    index = PlanIndex(gates_plan(weights=Weights(compound_switch=5)))
    roster = roster_of(index, [("s2", 0, "D", "C"), ("s2", 1, "D", "A"), ("s2", 2, "D", "C")])
    found = assert_model_agrees(index, [rule], roster)
    assert [(v.cost, v.amount, v.staff) for v in found] == [(5, 1, ("s2",))]
    assert found[0].message("en") == "Person 2 guards 2 compounds: A小区, C小区"
    assert found[0].message("zh") == "Person 2 在2个小区值守：A小区、C小区"


def test_each_person_keeps_to_one_compound() -> None:
    # Two days of day watch at A and B, two people: no one needs to switch.
    plan = tiny_plan(staff=people(2), days=2, shifts=(DAY,), compounds=compounds("A", "B"))
    result = solve_checked(plan, [OnePlace(), Coverage(), CompoundSwitches()])
    assert result.roster is not None
    assert len(result.roster.duties) == 4
    guarded: dict[int, set[str]] = defaultdict(set)
    for duty in result.roster.duties:
        guarded[duty.person].add(duty.place)
    assert all(len(places) == 1 for places in guarded.values())
    assert CompoundSwitches().violations(result.roster) == []


GATES = PlanIndex(
    tiny_plan(staff=people(3), days=2, shifts=(DAY, NIGHT), compounds=compounds("A", "B", "C"))
)
RICH = PlanIndex(rich_plan())


@settings(max_examples=100)
@given(rosters(GATES))
def test_model_agrees_on_any_roster(roster: Roster) -> None:
    assert_model_agrees(GATES, [CompoundSwitches()], roster)


@settings(max_examples=100)
@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [CompoundSwitches()], roster)
