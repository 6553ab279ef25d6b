"""no_24h: people who take no 24-hour duty are never on one."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.no_24h import No24h
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import FULL, limited, shift, tiny_plan

ALMOST = shift("L", "08:00", "07:59")  # 23 h 59 min


@pytest.fixture
def rule() -> No24h:
    return No24h()


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", no_24h=True), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, shifts=(FULL, ALMOST)))


def test_forbids_exactly_24_hours(rule: No24h, index: PlanIndex) -> None:
    s1, s2 = index.people
    by_shift = {post.slot.shift.id: post for post in index.posts}
    reason = rule.forbids(index, s1, by_shift["F"])
    assert reason is not None
    assert reason.render("en") == "no 24-hour duty"
    assert reason.render("zh") == "不上24小时班"
    assert rule.forbids(index, s1, by_shift["L"]) is None
    assert rule.forbids(index, s2, by_shift["F"]) is None


def test_one_minute_short_of_24_hours_is_fine(rule: No24h, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "L", "A"), ("s2", 0, "F", "A")])
    assert assert_model_agrees(index, [rule], roster) == []


def test_24_hours_is_one_violation(rule: No24h, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "F", "A"), ("s2", 0, "F", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert [(v.staff, v.shift) for v in found] == [(("s1",), "F")]


def test_solver_leaves_the_24h_duty_to_the_other() -> None:
    staff = (limited("s1", no_24h=True), limited("s2"))
    plan = tiny_plan(staff=staff, shifts=(FULL,), days=2)
    result = solve_checked(plan, [No24h(), Coverage()])
    assert result.roster is not None
    assert {d.person for d in result.roster.duties} == {1}
    assert shortfalls(result.roster) == {}


def test_alone_the_24h_duty_stays_open() -> None:
    plan = tiny_plan(staff=(limited("s1", no_24h=True),), shifts=(FULL,))
    result = solve_checked(plan, [No24h(), Coverage()])
    assert result.roster is not None
    assert shortfalls(result.roster) == {(0, "F", "A"): 1}
