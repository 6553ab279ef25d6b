"""earliest_start: no duty starts earlier in its day than the person's ``earliest_start``."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.earliest_start import EarliestStart
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import FULL, NIGHT, limited, shift, tiny_plan

AT_NINE = shift("E", "09:00", "17:00")
BEFORE_NINE = shift("B", "08:59", "16:59")
SMALL_HOURS = shift("S", "00:00", "06:00")


@pytest.fixture
def rule() -> EarliestStart:
    return EarliestStart()


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", earliest_start="09:00"), limited("s2"))
    shifts = (AT_NINE, BEFORE_NINE, SMALL_HOURS, NIGHT, FULL)
    return PlanIndex(tiny_plan(staff=staff, shifts=shifts, days=2))


def test_starting_at_the_hour_is_fine_one_minute_earlier_is_not(
    rule: EarliestStart, index: PlanIndex
) -> None:
    s1, s2 = index.people
    forbidden = {p.slot.shift.id for p in index.posts if rule.forbids(index, s1, p)}
    assert forbidden == {"B", "S", "F"}  # the 20:00 night starts late enough
    reason = rule.forbids(index, s1, index.posts[1])
    assert reason is not None
    assert reason.render("en") == "starts no earlier than 09:00"
    assert reason.render("zh") == "不早于09:00上班"
    assert all(rule.forbids(index, s2, p) is None for p in index.posts)


def test_violations_count_each_early_duty(rule: EarliestStart, index: PlanIndex) -> None:
    fine = roster_of(index, [("s1", 0, "E", "A"), ("s1", 1, "N", "A"), ("s2", 0, "S", "A")])
    assert assert_model_agrees(index, [rule], fine) == []
    early = roster_of(index, [("s1", 0, "B", "A"), ("s1", 1, "S", "A"), ("s1", 1, "E", "A")])
    found = assert_model_agrees(index, [rule], early)
    assert sorted((v.date, v.shift) for v in found) == [
        (index.dates[0], "B"),
        (index.dates[1], "S"),
    ]


def test_solver_keeps_him_off_the_early_shift() -> None:
    early = shift("M", "06:00", "09:00")
    plan = tiny_plan(staff=(limited("s1", earliest_start="09:00"),), shifts=(early, AT_NINE))
    result = solve_checked(plan, [EarliestStart(), Coverage()])
    assert result.roster is not None
    assert [d.slot.shift.id for d in result.roster.duties] == ["E"]
    assert shortfalls(result.roster) == {(0, "M", "A"): 1}
