"""daily_hours: the minutes of the duties a person starts on one day stay within the limit."""

from __future__ import annotations

import pytest
from hypothesis import given

from constraints.coverage import Coverage
from constraints.daily_hours import DailyHours
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import NIGHT, limited, rich_plan, shift, tiny_plan
from tests.plans import any_roster as rosters

MORNING = shift("E", "08:00", "12:00")  # 4 h
AFTERNOON = shift("L", "13:00", "17:00")  # 4 h
LONGER = shift("X", "13:00", "17:01")  # 4 h 1 min
LONG_DAY = shift("W", "08:00", "16:01")  # 8 h 1 min


@pytest.fixture
def rule() -> DailyHours:
    return DailyHours()


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", max_hours_per_day=8), limited("s2"))
    plan = tiny_plan(staff=staff, shifts=(MORNING, AFTERNOON, LONGER, LONG_DAY, NIGHT), days=2)
    return PlanIndex(plan)


def test_a_shift_longer_than_the_limit_is_never_given(rule: DailyHours, index: PlanIndex) -> None:
    s1, s2 = index.people
    forbidden = {p.slot.shift.id for p in index.posts if rule.forbids(index, s1, p)}
    assert forbidden == {"W", "N"}
    reason = rule.forbids(index, s1, index.post_at[("A", 3)])
    assert reason is not None
    assert reason.render("en") == "at most 8 h a day"
    assert reason.render("zh") == "每天最多工作8小时"
    assert all(rule.forbids(index, s2, p) is None for p in index.posts)


def test_exactly_the_limit_is_fine(rule: DailyHours, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "E", "A"), ("s1", 0, "L", "A"), ("s1", 1, "E", "A")])
    assert assert_model_agrees(index, [rule], roster) == []


def test_one_minute_over_is_one_violation(rule: DailyHours, index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "E", "A"), ("s1", 0, "X", "A"), ("s2", 0, "W", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert [(v.staff, v.date, v.amount) for v in found] == [(("s1",), index.dates[0], 1)]
    assert found[0].message("en") == "Person s1 works 8 h 1 min on 2 Mar, at most 8 h a day"
    assert found[0].message("zh") == "Person s1 3月2日工作8小时1分钟，每天最多8小时"


def test_each_day_over_counts(rule: DailyHours, index: PlanIndex) -> None:
    duties = [("s1", day, shift, "A") for day in (0, 1) for shift in ("E", "L", "X")]
    found = assert_model_agrees(index, [rule], roster_of(index, duties))
    assert [v.amount for v in found] == [4 * 60 + 1] * 2


def test_a_night_counts_on_the_day_it_starts() -> None:
    staff = (limited("s1", max_hours_per_day=12),)
    index = PlanIndex(tiny_plan(staff=staff, shifts=(MORNING, NIGHT), days=2))
    # 12 h night on day 0 (ending day 1 at 08:00), then 4 h on day 1: each day within 12 h.
    roster = roster_of(index, [("s1", 0, "N", "A"), ("s1", 1, "E", "A")])
    assert assert_model_agrees(index, [DailyHours()], roster) == []
    over = roster_of(index, [("s1", 0, "E", "A"), ("s1", 0, "N", "A")])
    assert [v.amount for v in assert_model_agrees(index, [DailyHours()], over)] == [4 * 60]


def test_solver_gives_her_one_of_two_shifts() -> None:
    plan = tiny_plan(staff=(limited("s1", max_hours_per_day=6),), shifts=(MORNING, AFTERNOON))
    result = solve_checked(plan, [DailyHours(), OnePlace(), Coverage()])
    assert result.roster is not None
    assert len(result.roster.duties) == 1
    assert sum(shortfalls(result.roster).values()) == 1


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_agrees_when_used_alone(roster: Roster) -> None:
    assert_model_agrees(RICH, [DailyHours()], roster)
