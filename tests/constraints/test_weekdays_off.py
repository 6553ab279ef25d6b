"""weekdays_off: no duty starts on the person's fixed weekdays off."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.weekdays_off import WeekdaysOff
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import DAY, limited, tiny_plan

SAT, SUN = 5, 6  # day numbers: the plans start on a Monday


@pytest.fixture
def rule() -> WeekdaysOff:
    return WeekdaysOff()


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", days_off="sun"), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=7))


def test_forbids_duties_starting_on_the_day_off(rule: WeekdaysOff, index: PlanIndex) -> None:
    s1, s2 = index.people
    forbidden = {(p.slot.day, p.slot.shift.id) for p in index.posts if rule.forbids(index, s1, p)}
    assert forbidden == {(SUN, "D"), (SUN, "N")}
    reason = rule.forbids(index, s1, index.posts[-1])
    assert reason is not None
    assert reason.render("en") == "off on Sundays"
    assert reason.render("zh") == "周日休息"
    assert all(rule.forbids(index, s2, p) is None for p in index.posts)


def test_saturday_night_into_sunday_is_a_saturday_duty(rule: WeekdaysOff, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", SAT, "D", "A"), ("s1", SAT, "N", "A"), ("s2", SUN, "D", "A")])
    assert assert_model_agrees(index, [rule], roster) == []


def test_each_sunday_duty_is_a_violation(rule: WeekdaysOff, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", SUN, "D", "A"), ("s1", SUN, "N", "A"), ("s1", 0, "D", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert sorted(v.shift or "" for v in found) == ["D", "N"]


def test_days_off_combine_from_profiles() -> None:
    from roster.plan.model import Limits, Staff

    staff = (Staff(id="s1", name="One", profiles=("kids", "parent")),)
    plan = tiny_plan(
        staff=staff,
        days=7,
        profiles={"kids": Limits(days_off="sun"), "parent": Limits(days_off="sat")},
    )
    index = PlanIndex(plan)
    assert index.people[0].limits.days_off == {SAT, SUN}


def test_solver_leaves_the_weekend_to_others() -> None:
    plan = tiny_plan(staff=(limited("s1", days_off="sat;sun"),), shifts=(DAY,), days=7)
    result = solve_checked(plan, [WeekdaysOff(), Coverage()])
    assert result.roster is not None
    assert sorted(d.slot.day for d in result.roster.duties) == [0, 1, 2, 3, 4]
    assert shortfalls(result.roster) == {(SAT, "D", "A"): 1, (SUN, "D", "A"): 1}
