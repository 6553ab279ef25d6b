"""one_place: nobody is on two duties whose hours overlap, across midnight and across the
boundary with the previous period."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of
from tests.plans import (
    DAY,
    MONDAY,
    NIGHT,
    boundary_plan,
    compounds,
    past,
    people,
    rich_plan,
    shift,
    tiny_plan,
)
from tests.plans import any_roster as rosters

EARLY = shift("E", "06:00", "14:00")
TUESDAY = MONDAY + dt.timedelta(days=1)


def index_for(history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Two days of day (08-20), night (20-08) and early (06-14) watch at A and B."""
    return PlanIndex(
        tiny_plan(
            staff=people(2),
            days=2,
            shifts=(DAY, NIGHT, EARLY),
            compounds=compounds("A", "B"),
            history=history,
        )
    )


@pytest.fixture
def rule() -> OnePlace:
    return OnePlace()


@pytest.fixture
def index() -> PlanIndex:
    return index_for()


def judged(rule: OnePlace, index: PlanIndex, *duties: tuple[str, int, str, str]) -> list[Violation]:
    """The rule's violations on a roster of these duties; the model must agree."""
    return assert_model_agrees(index, [rule], roster_of(index, list(duties)))


def when(found: list[Violation]) -> list[tuple[int, str | None]]:
    """(day, shift) of each violation: the later of the two duties."""
    return [((v.date - MONDAY).days, v.shift) for v in found if v.date]


def test_rule_is_hard(rule: OnePlace) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("one_place", True, None)
    assert OnePlace.__doc__


def test_shifts_that_just_touch_are_fine(rule: OnePlace, index: PlanIndex) -> None:
    assert judged(rule, index) == []
    # Day 08-20, then night 20-08, then Tuesday's day from 08:00: each starts as the last ends.
    roster = [("s1", 0, "D", "A"), ("s1", 0, "N", "B"), ("s1", 1, "D", "A")]
    assert judged(rule, index, *roster) == []
    # Two people on the same shift at the same place are not this rule's business.
    assert judged(rule, index, ("s1", 0, "D", "A"), ("s2", 0, "D", "A")) == []


def test_one_shift_at_two_places_is_one_violation(rule: OnePlace, index: PlanIndex) -> None:
    [found] = judged(rule, index, ("s1", 0, "D", "A"), ("s1", 0, "D", "B"))
    assert (found.rule, found.hard) == ("one_place", True)
    assert (found.staff, found.date, found.shift) == (("s1",), MONDAY, "D")
    assert found.place in {"A", "B"}


def test_a_night_overlaps_the_next_early_shift(rule: OnePlace, index: PlanIndex) -> None:
    # Night until 08:00 Tuesday, early from 06:00: two hours at once.
    [found] = judged(rule, index, ("s1", 0, "N", "A"), ("s1", 1, "E", "B"))
    assert (found.staff, found.date, found.shift, found.place) == (("s1",), TUESDAY, "E", "B")


def test_each_overlapping_pair_is_one_violation(rule: OnePlace, index: PlanIndex) -> None:
    # Night (Mon 20-08), early (Tue 06-14) and day (Tue 08-20): night and early overlap,
    # early and day overlap, night and day only touch.
    found = judged(rule, index, ("s1", 0, "N", "A"), ("s1", 1, "E", "A"), ("s1", 1, "D", "A"))
    assert when(found) == [(1, "E"), (1, "D")]


def test_the_previous_period_counts(rule: OnePlace) -> None:
    # Sunday's night ends at 08:00 on Monday: an early shift clashes, a day shift touches.
    index = index_for(history=(past("s1", 1, "N"),))
    assert judged(rule, index, ("s1", 0, "D", "A")) == []
    [found] = judged(rule, index, ("s1", 0, "E", "B"))
    assert (found.staff, found.date, found.shift, found.place) == (("s1",), MONDAY, "E", "B")


def test_an_overlap_inside_history_is_not_reported(rule: OnePlace) -> None:
    # Sunday's early and day shifts overlapped last period: not this period's doing.
    index = index_for(history=(past("s1", 1, "E"), past("s1", 1, "D")))
    assert judged(rule, index) == []
    assert judged(rule, index, ("s1", 0, "E", "A")) == []


BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


@given(rosters(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [OnePlace()], roster)


@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [OnePlace()], roster)


def test_the_finding_names_compounds_and_dates_as_the_leader_writes_them(
    rule: OnePlace, index: PlanIndex
) -> None:
    [found] = judged(rule, index, ("s1", 0, "N", "A"), ("s1", 1, "E", "B"))
    assert found.message("zh") == "Person 1 同时排了 3月2日night（A小区） 和 3月3日E（B小区）"
    english = "Person 1 is on 2 Mar night at A小区 and 3 Mar E at B小区 at the same time"
    assert found.message("en") == english
