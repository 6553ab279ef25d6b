"""areas: people with areas guard only the compounds of those areas; errands are open."""

from __future__ import annotations

import pytest

from constraints import all_rules
from constraints.areas import Areas
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.bench.generate import generate_plan
from roster.plan.index import PlanIndex
from roster.plan.model import Compound, Demand, Staff
from roster.rules import RuleSet
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, limited, tiny_plan

NORTH = Compound(id="A", name="A小区", area="north")
SOUTH = Compound(id="B", name="B小区", area="south")
OPEN = Compound(id="C", name="C小区")
GATES = tuple(Demand(place=c, shift="D", min=1) for c in ("A", "B", "C"))
ERRAND = Demand(place="shopping", shift="D", min=1)


def staff() -> tuple[Staff, ...]:
    """s1 serves the north, s2 north and south, s3 anywhere (no areas)."""
    return (
        Staff(id="s1", name="Person s1", areas=("north",)),
        Staff(id="s2", name="Person s2", areas=("north", "south")),
        limited("s3"),
    )


@pytest.fixture
def rule() -> Areas:
    return Areas()


@pytest.fixture
def index() -> PlanIndex:
    plan = tiny_plan(
        staff=staff(), shifts=(DAY,), compounds=(NORTH, SOUTH, OPEN), demand=(*GATES, ERRAND)
    )
    return PlanIndex(plan)


def test_rule_is_hard_and_documented(rule: Areas) -> None:
    assert (rule.name, rule.hard) == ("areas", True)
    assert Areas.__doc__


def test_who_may_guard_where(rule: Areas, index: PlanIndex) -> None:
    allowed = {
        (person.id, post.place)
        for person in index.people
        for post in index.posts
        if rule.forbids(index, person, post) is None
    }
    assert allowed == {
        ("s1", "A"),
        ("s1", "C"),  # a compound without an area is open to all
        ("s1", "shopping"),  # so are errands
        ("s2", "A"),
        ("s2", "B"),
        ("s2", "C"),
        ("s2", "shopping"),
        ("s3", "A"),
        ("s3", "B"),
        ("s3", "C"),
        ("s3", "shopping"),
    }
    reason = rule.forbids(index, index.people[0], index.post_at[("B", 0)])
    assert reason is not None
    assert reason.render("en") == "not serving area south"
    assert reason.render("zh") == "不负责south片区"


def test_each_gate_is_cut_to_its_areas_people_first(rule: Areas, index: PlanIndex) -> None:
    ids = {post.place: rule.candidates(index, post) for post in index.posts}
    names = {
        place: None if kept is None else {index.people[i].id for i in kept}
        for place, kept in ids.items()
    }
    assert names == {"A": {"s1", "s2", "s3"}, "B": {"s2", "s3"}, "C": None, "shopping": None}


def test_the_cut_leaves_who_may_take_what_unchanged() -> None:
    # A generated district split into areas: the pairs the model gets, worked out with the
    # cut, are exactly those no rule forbids, asked pair by pair.
    index = PlanIndex(generate_plan(60, 18, 7, 0))
    rules = all_rules()
    forbidding = RuleSet(rules).forbidding
    every_pair = {
        (person.idx, post.idx)
        for post in index.posts
        for person in index.people
        if not any(rule.forbids(index, person, post) for rule in forbidding)
    }
    assert {c.area for c in index.plan.compounds} - {None}  # the plan has areas
    assert RuleSet(rules).allowed(index) == every_pair


def test_violations(rule: Areas, index: PlanIndex) -> None:
    fine = roster_of(index, [("s1", 0, "D", "A"), ("s2", 0, "D", "B"), ("s3", 0, "D", "C")])
    assert assert_model_agrees(index, [rule], fine) == []
    wrong = roster_of(index, [("s1", 0, "D", "B"), ("s2", 0, "D", "A")])
    found = assert_model_agrees(index, [rule], wrong)
    assert [(v.staff, v.place) for v in found] == [(("s1",), "B")]
    assert found[0].message("en") == "Person s1, 2 Mar day at B小区: not serving area south"


def test_solver_leaves_a_gate_open_rather_than_send_someone_out_of_area() -> None:
    # Only s1 (north) is there: the south gate stays empty although s1 is free.
    plan = tiny_plan(
        staff=(Staff(id="s1", name="Person s1", areas=("north",)),),
        shifts=(DAY,),
        compounds=(NORTH, SOUTH),
        demand=GATES[:2],
    )
    result = solve_checked(plan, [Areas(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert [d.place for d in result.roster.duties] == ["A"]
    assert shortfalls(result.roster) == {(0, "D", "B"): 1}
