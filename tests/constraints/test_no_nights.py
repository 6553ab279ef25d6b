"""no_nights: people who take no nights are never on a night shift."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.no_nights import NoNights
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, NIGHT, limited, shift, tiny_plan

EVENING = shift("E", "16:00", "24:00")  # late, but not a night shift


@pytest.fixture
def rule() -> NoNights:
    return NoNights()


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", no_nights=True), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, shifts=(DAY, NIGHT, EVENING)))


def test_forbids_only_night_shifts(rule: NoNights, index: PlanIndex) -> None:
    s1, s2 = index.people
    by_shift = {post.slot.shift.id: post for post in index.posts}
    reason = rule.forbids(index, s1, by_shift["N"])
    assert reason is not None
    assert reason.render("en") == "no nights"
    assert reason.render("zh") == "不上夜班"
    assert rule.forbids(index, s1, by_shift["D"]) is None
    assert rule.forbids(index, s1, by_shift["E"]) is None  # ends at midnight, not a night
    assert rule.forbids(index, s2, by_shift["N"]) is None


def test_day_and_evening_are_fine(rule: NoNights, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s1", 0, "E", "A"), ("s2", 0, "N", "A")])
    assert assert_model_agrees(index, [rule], roster) == []


def test_night_is_one_violation(rule: NoNights, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "N", "A"), ("s2", 0, "N", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert [(v.staff, v.shift, v.hard) for v in found] == [(("s1",), "N", True)]
    assert found[0].message("en") == "Person s1, 2 Mar night at A小区: no nights"
    assert found[0].message("zh") == "Person s1，3月2日 night（A小区）：不上夜班"


def test_solver_gives_the_night_to_the_other() -> None:
    staff = (limited("s1", no_nights=True), limited("s2"))
    plan = tiny_plan(staff=staff, days=3)
    rules = [NoNights(), OnePlace(), Coverage()]
    result = solve_checked(plan, rules)
    assert result.roster is not None
    nights = [d for d in result.roster.duties if d.slot.night]
    assert len(nights) == 3
    assert {d.person for d in nights} == {1}  # s2
    assert shortfalls(result.roster) == {}


def test_alone_she_leaves_the_night_uncovered() -> None:
    plan = tiny_plan(staff=(limited("s1", no_nights=True),))
    result = solve_checked(plan, [NoNights(), Coverage()])
    assert result.roster is not None
    assert shortfalls(result.roster) == {(0, "N", "A"): 1}
