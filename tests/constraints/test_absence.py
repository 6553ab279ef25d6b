"""absence: nobody is on a duty any part of which falls inside one of their absences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from constraints.absence import Absence
from roster.plan.index import PlanIndex
from roster.plan.model import Absence as AbsenceRow
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of
from tests.plans import MONDAY, moment, people, rich_plan, tiny_plan
from tests.plans import any_roster as rosters

TUESDAY = MONDAY + dt.timedelta(days=1)


def away(start: dt.datetime, end: dt.datetime, reason: str | None = None) -> PlanIndex:
    """Three days of day (08-20) and night (20-08) watch at A; s1 is away [start, end)."""
    absence = AbsenceRow(staff="s1", start=start, end=end, reason=reason)
    return PlanIndex(tiny_plan(staff=people(2), days=3, absences=(absence,)))


@pytest.fixture
def rule() -> Absence:
    return Absence()


@pytest.fixture
def index() -> PlanIndex:
    """s1 is on leave all Monday and Tuesday: [Mon 00:00, Wed 00:00)."""
    return away(moment(0), moment(2), reason="surgery")


def judged(rule: Absence, index: PlanIndex, *duties: tuple[str, int, str]) -> list[Violation]:
    """The rule's violations when each (staff, day, shift) is at A; the model must agree."""
    roster = roster_of(index, [(staff, day, shift, "A") for staff, day, shift in duties])
    return assert_model_agrees(index, [rule], roster)


def test_rule_is_hard(rule: Absence) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("absence", True, None)
    assert Absence.__doc__


def test_duties_outside_the_absence_are_fine(rule: Absence, index: PlanIndex) -> None:
    assert judged(rule, index) == []
    assert judged(rule, index, ("s1", 2, "D"), ("s1", 2, "N")) == []
    # s2 is not away at all.
    assert judged(rule, index, ("s2", 0, "D"), ("s2", 1, "N")) == []


def test_a_duty_on_the_last_day_is_one_violation(rule: Absence, index: PlanIndex) -> None:
    [found] = judged(rule, index, ("s1", 1, "D"), ("s1", 2, "D"))
    assert (found.rule, found.hard) == ("absence", True)
    assert (found.staff, found.date, found.shift, found.place) == (("s1",), TUESDAY, "D", "A")
    assert found.message("en") == "Person 1, 3 Mar day at A小区: absent"
    assert found.message("zh") == "Person 1，3月3日 day（A小区）：缺勤"


def test_the_reason_is_never_shown(rule: Absence, index: PlanIndex) -> None:
    [found] = judged(rule, index, ("s1", 0, "N"))
    assert "surgery" not in found.message("en") + found.message("zh")


def test_a_night_running_past_the_end_is_blocked(rule: Absence, index: PlanIndex) -> None:
    # Tuesday's night runs 20:00 to 08:00 on Wednesday: its first four hours are on leave.
    [found] = judged(rule, index, ("s1", 1, "N"))
    assert (found.date, found.shift) == (TUESDAY, "N")


def test_each_blocked_duty_is_its_own_violation(rule: Absence, index: PlanIndex) -> None:
    found = judged(rule, index, ("s1", 0, "D"), ("s1", 0, "N"), ("s1", 1, "D"), ("s1", 2, "D"))
    assert [((v.date - MONDAY).days, v.shift) for v in found if v.date] == [
        (0, "D"),
        (0, "N"),
        (1, "D"),
    ]


def test_a_duty_that_just_touches_the_absence_is_fine(rule: Absence) -> None:
    # Away Tuesday 08:00 to 20:00: Monday's night ends as it starts, Tuesday's night starts
    # as it ends.
    index = away(moment(1, 8), moment(1, 20))
    assert judged(rule, index, ("s1", 0, "N"), ("s1", 1, "N")) == []
    [day] = judged(rule, index, ("s1", 1, "D"))
    assert (day.date, day.shift) == (TUESDAY, "D")


def test_a_minute_of_overlap_is_enough(rule: Absence) -> None:
    index = away(moment(1, 7, 59), moment(1, 20, 1))
    found = judged(rule, index, ("s1", 0, "N"), ("s1", 1, "N"))
    assert [((v.date - MONDAY).days, v.shift) for v in found if v.date] == [(0, "N"), (1, "N")]


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [Absence()], roster)
