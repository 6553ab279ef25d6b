"""home_by: a duty ends no later than the person's ``latest_end`` on the day it starts."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.home_by import HomeBy
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import NIGHT, limited, shift, tiny_plan

AT_FOUR = shift("E", "08:00", "16:00")
PAST_FOUR = shift("L", "08:01", "16:01")
TO_MIDNIGHT = shift("M", "16:00", "24:00")


@pytest.fixture
def rule() -> HomeBy:
    return HomeBy()


def _index(latest_end: str) -> PlanIndex:
    staff = (limited("s1", latest_end=latest_end), limited("s2"))
    plan = tiny_plan(staff=staff, shifts=(AT_FOUR, PAST_FOUR, TO_MIDNIGHT, NIGHT), days=2)
    return PlanIndex(plan)


def _forbidden(rule: HomeBy, index: PlanIndex) -> set[str]:
    s1 = index.people[0]
    return {p.slot.shift.id for p in index.posts if rule.forbids(index, s1, p) is not None}


def test_ending_at_the_hour_is_fine_one_minute_later_is_not(rule: HomeBy) -> None:
    index = _index("16:00")
    assert _forbidden(rule, index) == {"L", "M", "N"}
    reason = rule.forbids(index, index.people[0], index.posts[1])
    assert reason is not None
    assert reason.render("en") == "home by 16:00"
    assert reason.render("zh") == "须在16:00前下班"
    assert all(rule.forbids(index, index.people[1], p) is None for p in index.posts)


def test_home_by_midnight_allows_the_evening_but_no_night(rule: HomeBy) -> None:
    index = _index("24:00")
    assert _forbidden(rule, index) == {"N"}  # the night ends the next morning


def test_violations_count_each_late_duty(rule: HomeBy) -> None:
    index = _index("16:00")
    fine = roster_of(index, [("s1", 0, "E", "A"), ("s1", 1, "E", "A"), ("s2", 0, "N", "A")])
    assert assert_model_agrees(index, [rule], fine) == []
    late = roster_of(index, [("s1", 0, "L", "A"), ("s1", 1, "N", "A"), ("s2", 0, "M", "A")])
    found = assert_model_agrees(index, [rule], late)
    assert sorted((v.date, v.shift) for v in found) == [
        (index.dates[0], "L"),
        (index.dates[1], "N"),
    ]


def test_solver_sends_her_home_on_time() -> None:
    staff = (limited("s1", latest_end="16:00"),)
    plan = tiny_plan(staff=staff, shifts=(AT_FOUR, TO_MIDNIGHT))
    result = solve_checked(plan, [HomeBy(), Coverage()])
    assert result.roster is not None
    assert [d.slot.shift.id for d in result.roster.duties] == ["E"]
    assert shortfalls(result.roster) == {(0, "M", "A"): 1}
