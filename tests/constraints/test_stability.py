"""stability: a repair changes few published duties; a change in the 24 hours after the
repair moment costs more than a later one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from hypothesis import given

from constraints.absence import Absence
from constraints.stability import Stability
from roster.plan.index import PlanIndex
from roster.plan.model import Absence as AbsenceRow
from roster.plan.model import Tier, Weights
from roster.roster import Roster
from roster.rules import Rule, Violation
from tests.helpers import assert_model_agrees, roster_of
from tests.plans import MONDAY, compounds, moment, people, rows, tiny_plan
from tests.plans import any_roster as rosters

Duty = tuple[str, int, str, str]

# Three days of day (08-20) and night (20-08) at A and B, as published.
PUBLISHED: tuple[Duty, ...] = (
    ("s1", 0, "D", "A"),
    ("s2", 0, "N", "A"),
    ("s1", 1, "D", "A"),
    ("s2", 1, "N", "B"),
    ("s1", 2, "D", "A"),
    ("s3", 2, "N", "A"),
)

# The plan's default weights: a change costs 1, one in the next 24 hours 2.


def repair(
    frozen_until: dt.datetime,
    weights: Weights | None = None,
    absences: tuple[AbsenceRow, ...] = (),
) -> PlanIndex:
    """The three-day plan for three people, repaired at ``frozen_until``."""
    plan = tiny_plan(
        staff=people(3),
        days=3,
        compounds=compounds("A", "B"),
        baseline=rows(PUBLISHED),
        frozen_until=frozen_until,
        weights=weights or Weights(),
        absences=absences,
    )
    return PlanIndex(plan)


def changed(*edits: tuple[Duty | None, Duty | None]) -> list[Duty]:
    """The published duties with each (old, new) edit made: old dropped, new added."""
    duties = list(PUBLISHED)
    for old, new in edits:
        if old is not None:
            duties.remove(old)
        if new is not None:
            duties.append(new)
    return duties


def judged(index: PlanIndex, duties: Sequence[Duty], rules: Sequence[Rule]) -> list[Violation]:
    """Stability's violations on a roster of these duties; the model's cost must agree."""
    found = assert_model_agrees(index, rules, roster_of(index, duties))
    return [v for v in found if v.rule == "stability"]


def cost(found: list[Violation]) -> int:
    """The stability tier's cost."""
    assert all(v.tier is Tier.STABILITY and not v.hard for v in found)
    return sum(v.cost for v in found)


@pytest.fixture
def rule() -> Stability:
    return Stability()


@pytest.fixture
def index() -> PlanIndex:
    """Repaired at Monday 20:00: the next 24 hours hold Monday's night and Tuesday's day."""
    return repair(moment(0, 20))


def test_rule_is_soft_in_the_stability_tier(rule: Stability) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("stability", False, Tier.STABILITY)
    assert Stability.__doc__


def test_the_published_roster_costs_nothing(rule: Stability, index: PlanIndex) -> None:
    assert assert_model_agrees(index, [rule], roster_of(index, PUBLISHED)) == []


def test_taking_someone_off_soon_is_one_urgent_change(rule: Stability, index: PlanIndex) -> None:
    found = judged(index, changed((("s2", 0, "N", "A"), None)), [rule])
    [off] = found
    assert (off.amount, off.cost, cost(found)) == (1, 2, 2)
    assert (off.staff, off.date, off.shift) == (("s2",), MONDAY, "N")
    assert off.message("en") == "Person 2, 2 Mar night: A小区 → off"
    assert off.message("zh") == "Person 2，3月2日 night：A小区 → 休息"


def test_putting_someone_on_later_is_one_change(rule: Stability, index: PlanIndex) -> None:
    [on] = judged(index, changed((None, ("s3", 2, "D", "B"))), [rule])
    assert (on.staff, on.date, on.shift, on.cost) == (("s3",), MONDAY + dt.timedelta(2), "D", 1)
    assert on.message("en") == "Person 3, 4 Mar day: off → B小区"


def test_a_move_is_one_change(rule: Stability, index: PlanIndex) -> None:
    [moved] = judged(index, changed((("s1", 2, "D", "A"), ("s1", 2, "D", "B"))), [rule])
    assert (moved.amount, moved.cost) == (1, 1)
    assert moved.message("en") == "Person 1, 4 Mar day: A小区 → B小区"


def test_a_swap_is_a_change_for_each_person_and_shift(rule: Stability, index: PlanIndex) -> None:
    # s1 and s3 swap Wednesday's day and night: each is off one shift and on the other.
    swap = changed(
        (("s1", 2, "D", "A"), ("s3", 2, "D", "A")), (("s3", 2, "N", "A"), ("s1", 2, "N", "A"))
    )
    assert cost(judged(index, swap, [rule])) == 4 * 1


def test_duties_before_the_moment_are_not_counted(rule: Stability, index: PlanIndex) -> None:
    # Monday's day had started: keeping it is the frozen rule's concern, not this one's.
    assert judged(index, changed((("s1", 0, "D", "A"), None)), [rule]) == []


def test_the_next_24_hours_end_exactly_a_day_after_the_moment(rule: Stability) -> None:
    tuesday_day, tuesday_night = ("s1", 1, "D", "A"), ("s2", 1, "N", "B")
    # Repaired at Monday 20:00: Tuesday's day (08:00) is inside, Tuesday's night (20:00)
    # starts exactly 24 hours later and is not.
    at_eight = repair(moment(0, 20))
    assert cost(judged(at_eight, changed((tuesday_day, None)), [rule])) == 2
    assert cost(judged(at_eight, changed((tuesday_night, None)), [rule])) == 1
    # A minute later, Tuesday's night starts within the 24 hours.
    past_eight = repair(moment(0, 20, 1))
    assert cost(judged(past_eight, changed((tuesday_night, None)), [rule])) == 2


def test_the_plan_weights_a_change(rule: Stability) -> None:
    index = repair(moment(0, 20), weights=Weights(change=3, change_next_24h=7))
    edits = changed((("s2", 0, "N", "A"), None), (("s3", 2, "N", "A"), None))
    assert cost(judged(index, edits, [rule])) == 7 + 3


def test_a_duty_nobody_can_keep_still_counts(rule: Stability) -> None:
    # s1 is now away on Wednesday: the published Wednesday day is a change whatever happens.
    away = AbsenceRow(staff="s1", start=moment(2), end=moment(3))
    index = repair(moment(0, 20), absences=(away,))
    [gone] = judged(index, changed((("s1", 2, "D", "A"), None)), [Absence(), rule])
    assert (gone.staff, gone.shift, gone.cost) == (("s1",), "D", 1)


def test_outside_a_repair_the_rule_is_silent(rule: Stability) -> None:
    index = PlanIndex(tiny_plan(staff=people(2)))
    assert judged(index, [("s1", 0, "D", "A")], [rule]) == []


MIDWAY = repair(moment(1, 9))


@given(rosters(MIDWAY))
def test_model_agrees_on_any_roster_of_a_repair(roster: Roster) -> None:
    assert_model_agrees(MIDWAY, [Stability()], roster)
