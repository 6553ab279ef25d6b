"""home_compound: people guard their own compound's gate where they can."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from constraints.coverage import Coverage
from constraints.home_compound import HomeCompound
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Demand, Plan, Staff, Tier, Weights
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, NIGHT, compounds, rich_plan, tiny_plan
from tests.plans import any_roster as rosters

STAFF = (
    Staff(id="s1", name="One", home_compound="A"),
    Staff(id="s2", name="Two", home_compound="B"),
    Staff(id="s3", name="Three"),
)


@pytest.fixture
def rule() -> HomeCompound:
    return HomeCompound()


def homes_plan(days: int = 2, weights: Weights | None = None) -> Plan:
    """Day and night watch at A and B, and a shopping run each day; s1 lives at A, s2 at B,
    s3 has no home compound."""
    demand = (
        Demand(place="*", shift="D", min=1),
        Demand(place="*", shift="N", min=1),
        Demand(place="shopping", shift="D", min=1),
    )
    return tiny_plan(
        staff=STAFF,
        days=days,
        shifts=(DAY, NIGHT),
        compounds=compounds("A", "B"),
        demand=demand,
        weights=weights or Weights(),
    )


def cost(rule: HomeCompound, index: PlanIndex, *duties: tuple[str, int, str, str]) -> int:
    """The rule's cost of a roster of these duties, checked against the model."""
    found = assert_model_agrees(index, [rule], roster_of(index, list(duties)))
    assert all(v.tier is Tier.PREFERENCES and not v.hard for v in found)
    return sum(v.cost for v in found)


def test_rule_is_a_soft_preference(rule: HomeCompound) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("home_compound", False, Tier.PREFERENCES)
    assert HomeCompound.__doc__


def test_each_gate_duty_away_from_home_costs(rule: HomeCompound) -> None:
    index = PlanIndex(homes_plan())
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s2", 0, "N", "B")) == 0
    assert cost(rule, index, ("s1", 0, "D", "B")) == 1
    assert cost(rule, index, ("s1", 0, "D", "B"), ("s1", 1, "N", "B"), ("s2", 1, "D", "A")) == 3


def test_errands_and_people_without_a_home_cost_nothing(rule: HomeCompound) -> None:
    index = PlanIndex(homes_plan())
    assert cost(rule, index, ("s1", 0, "D", "shopping"), ("s3", 0, "D", "A")) == 0
    assert cost(rule, index, ("s3", 0, "N", "B"), ("s3", 1, "D", "A")) == 0


def test_weight_and_message(rule: HomeCompound) -> None:
    index = PlanIndex(homes_plan(weights=Weights(home_compound=2)))
    roster = roster_of(index, [("s1", 0, "D", "B"), ("s1", 1, "D", "B"), ("s1", 0, "N", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert [(v.cost, v.amount, v.staff) for v in found] == [(4, 2, ("s1",))]
    assert found[0].message("en") == "One guards gates away from home compound A小区: B小区 ×2"
    assert found[0].message("zh") == "One 在本小区A小区以外值守：B小区 ×2"


def test_people_are_put_at_home() -> None:
    plan = homes_plan(days=1)
    result = solve_checked(plan, [OnePlace(), Coverage(), HomeCompound()])
    assert result.roster is not None
    assert HomeCompound().violations(result.roster) == []
    people = result.roster.index.people
    gates = {(people[d.person].id, d.place) for d in result.roster.duties if d.place != "shopping"}
    assert ("s1", "B") not in gates
    assert ("s2", "A") not in gates


HOMES = PlanIndex(homes_plan())
RICH = PlanIndex(rich_plan())


@settings(max_examples=100)
@given(rosters(HOMES))
def test_model_agrees_on_any_roster(roster: Roster) -> None:
    assert_model_agrees(HOMES, [HomeCompound()], roster)


@settings(max_examples=100)
@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [HomeCompound()], roster)
