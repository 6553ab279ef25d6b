"""frozen: in a repair, duties that started before the repair moment stay as published (they
were worked or are under way), and none are added there."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from constraints.frozen import Frozen
from roster.plan.index import PlanIndex
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of
from tests.plans import MONDAY, compounds, moment, people, rows, tiny_plan
from tests.plans import any_roster as rosters

Duty = tuple[str, int, str, str]

# Monday and Tuesday, day (08-20) and night (20-08) at A and B, as published.
PUBLISHED: tuple[Duty, ...] = (
    ("s1", 0, "D", "A"),
    ("s2", 0, "D", "B"),
    ("s1", 0, "N", "A"),
    ("s2", 1, "D", "A"),
    ("s1", 1, "N", "B"),
)


def repair(frozen_until: dt.datetime | None) -> PlanIndex:
    """A two-day plan at A and B for three people, being repaired at ``frozen_until``."""
    plan = tiny_plan(
        staff=people(3),
        days=2,
        compounds=compounds("A", "B"),
        baseline=rows(PUBLISHED),
        frozen_until=frozen_until,
    )
    return PlanIndex(plan)


def without(*dropped: Duty) -> list[Duty]:
    """The published duties less ``dropped``."""
    return [d for d in PUBLISHED if d not in dropped]


def judged(rule: Frozen, index: PlanIndex, duties: list[Duty]) -> list[Violation]:
    """The rule's violations on a roster of these duties; the model must agree."""
    return assert_model_agrees(index, [rule], roster_of(index, duties))


@pytest.fixture
def rule() -> Frozen:
    return Frozen()


@pytest.fixture
def index() -> PlanIndex:
    """Repaired at Monday 20:00: Monday's day duties are frozen, nothing later is."""
    return repair(moment(0, 20))


def test_rule_is_hard(rule: Frozen) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("frozen", True, None)
    assert Frozen.__doc__


def test_the_published_roster_keeps_the_rule(rule: Frozen, index: PlanIndex) -> None:
    assert judged(rule, index, list(PUBLISHED)) == []


def test_duties_from_the_moment_on_may_change(rule: Frozen, index: PlanIndex) -> None:
    changed = [*without(("s1", 0, "N", "A"), ("s2", 1, "D", "A")), ("s3", 1, "D", "A")]
    assert judged(rule, index, changed) == []


def test_removing_a_started_duty_is_one_violation(rule: Frozen, index: PlanIndex) -> None:
    [found] = judged(rule, index, without(("s1", 0, "D", "A")))
    assert (found.rule, found.hard) == ("frozen", True)
    assert (found.staff, found.date, found.shift, found.place) == (("s1",), MONDAY, "D", "A")
    assert found.message("en") == (
        "Person 1's duty 2 Mar day at A小区 had started: it cannot be removed"
    )
    assert found.message("zh") == "Person 1 的 3月2日 day A小区 班次已开始，不能取消"


def test_adding_to_a_started_shift_is_one_violation(rule: Frozen, index: PlanIndex) -> None:
    [found] = judged(rule, index, [*PUBLISHED, ("s3", 0, "D", "A")])
    assert (found.staff, found.date, found.shift, found.place) == (("s3",), MONDAY, "D", "A")
    expected = "Person 3 cannot be added to 2 Mar day at A小区: it had already started"
    assert found.message("en") == expected


def test_moving_a_started_duty_removes_one_and_adds_one(rule: Frozen, index: PlanIndex) -> None:
    moved = [*without(("s2", 0, "D", "B")), ("s2", 0, "D", "A")]
    found = judged(rule, index, moved)
    assert [(v.staff, v.place) for v in found] == [(("s2",), "A"), (("s2",), "B")]
    assert [v.message("en").endswith("cannot be removed") for v in found] == [False, True]


def test_a_duty_starting_at_the_moment_is_not_frozen(rule: Frozen) -> None:
    night = ("s1", 0, "N", "A")  # Monday 20:00 to Tuesday 08:00
    assert judged(rule, repair(moment(0, 20)), without(night)) == []
    # One minute later the night has started: it stays.
    [found] = judged(rule, repair(moment(0, 20, 1)), without(night))
    assert (found.staff, found.date, found.shift, found.place) == (("s1",), MONDAY, "N", "A")


def test_a_duty_under_way_is_frozen(rule: Frozen) -> None:
    # Repaired at 02:00 on Tuesday, in the middle of Monday's night.
    index = repair(moment(1, 2))
    [found] = judged(rule, index, without(("s1", 0, "N", "A")))
    assert (found.date, found.shift) == (MONDAY, "N")
    assert judged(rule, index, without(("s2", 1, "D", "A"))) == []


def test_without_a_moment_nothing_is_frozen(rule: Frozen) -> None:
    assert judged(rule, repair(None), []) == []


def test_outside_a_repair_the_rule_is_silent(rule: Frozen) -> None:
    index = PlanIndex(tiny_plan(staff=people(2)))
    assert judged(rule, index, [("s1", 0, "D", "A")]) == []


MIDWAY = repair(moment(1, 9))


@given(rosters(MIDWAY))
def test_model_agrees_on_any_roster_of_a_repair(roster: Roster) -> None:
    assert_model_agrees(MIDWAY, [Frozen()], roster)
