"""skills: a post whose every demand row names a skill is only for people with one of them."""

from __future__ import annotations

import datetime as dt

import pytest

from constraints.absence import Absence
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.skills import Skills
from roster.plan.index import PlanIndex
from roster.plan.model import Absence as AbsenceRow
from roster.plan.model import Demand
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, MONDAY, limited, tiny_plan

SHOPPING = Demand(place="shopping", shift="D", min=2, skill="shop")
DRIVING = Demand(place="shopping", shift="D", min=1, skill="drive")
GATE = Demand(place="A", shift="D", min=1)
GATE_LEADER = Demand(place="A", shift="D", min=1, skill="lead")


@pytest.fixture
def rule() -> Skills:
    return Skills()


@pytest.fixture
def index() -> PlanIndex:
    staff = (
        limited("s1", skills=("shop",)),
        limited("s2", skills=("drive",)),
        limited("s3", skills=("lead",)),
    )
    plan = tiny_plan(staff=staff, shifts=(DAY,), demand=(SHOPPING, DRIVING, GATE, GATE_LEADER))
    return PlanIndex(plan)


def test_skilled_errand_needs_one_of_its_skills(rule: Skills, index: PlanIndex) -> None:
    s1, s2, s3 = index.people
    errand = index.post_at[("shopping", 0)]
    assert errand.required_skills == {"shop", "drive"}
    assert rule.forbids(index, s1, errand) is None
    assert rule.forbids(index, s2, errand) is None
    reason = rule.forbids(index, s3, errand)
    assert reason is not None
    assert reason.render("en") == "cannot drive/shop"
    assert reason.render("zh") == "不会驾驶/采买"


def test_gate_with_a_plain_row_is_open_to_all(rule: Skills, index: PlanIndex) -> None:
    gate = index.post_at[("A", 0)]
    assert gate.required_skills == frozenset()
    assert all(rule.forbids(index, p, gate) is None for p in index.people)


def test_violations(rule: Skills, index: PlanIndex) -> None:
    fine = roster_of(index, [("s1", 0, "D", "shopping"), ("s2", 0, "D", "shopping")])
    assert assert_model_agrees(index, [rule], fine) == []
    wrong = roster_of(index, [("s1", 0, "D", "shopping"), ("s3", 0, "D", "shopping")])
    found = assert_model_agrees(index, [rule], wrong)
    assert [(v.staff, v.place) for v in found] == [(("s3",), "shopping")]
    assert found[0].message("en") == "Person s3, 2 Mar day at shopping: cannot drive/shop"


def test_solver_keeps_the_unskilled_off_the_errand() -> None:
    staff = (limited("s1", skills=("shop",)), limited("s2"), limited("s3"))
    plan = tiny_plan(staff=staff, shifts=(DAY,), demand=(SHOPPING, GATE))
    result = solve_checked(plan, [Skills(), OnePlace(), Coverage()])
    assert result.roster is not None
    on_errand = {d.person for d in result.roster.duties if d.place == "shopping"}
    assert on_errand == {0}
    # Two shoppers needed, one exists: exactly one short; the gate is covered.
    assert shortfalls(result.roster) == {(0, "D", "shopping"): 1}


def test_absent_only_leader_leaves_the_leader_need_open() -> None:
    staff = (limited("s1", skills=("lead",)), limited("s2"), limited("s3"))
    absent = AbsenceRow(
        staff="s1",
        start=dt.datetime.combine(MONDAY, dt.time()),
        end=dt.datetime.combine(MONDAY, dt.time(23, 59)),
    )
    plan = tiny_plan(staff=staff, shifts=(DAY,), demand=(GATE, GATE_LEADER), absences=(absent,))
    result = solve_checked(plan, [Absence(), Skills(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert 0 not in {d.person for d in result.roster.duties}
    assert shortfalls(result.roster) == {(0, "D", "A"): 1}  # the lead row; the plain row is met
