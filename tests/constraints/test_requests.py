"""requests: wishes to be off, or on, a day or a shift."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.requests import Requests
from roster.plan.index import PlanIndex
from roster.plan.model import Plan, Request, Tier, Weights
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, MONDAY, people, rich_plan, tiny_plan
from tests.plans import any_roster as rosters

TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def rule() -> Requests:
    return Requests()


def wishes(*requests: Request, weights: Weights | None = None) -> PlanIndex:
    """Two days of day and night watch at A for s1, s2 and s3, with these requests."""
    return PlanIndex(
        tiny_plan(staff=people(3), days=2, requests=requests, weights=weights or Weights())
    )


def off(staff: str, date: dt.date, shift: str | None = None, weight: int = 1) -> Request:
    """An off request."""
    return Request(staff=staff, date=date, shift=shift, kind="off", weight=weight)


def on(staff: str, date: dt.date, shift: str | None = None, weight: int = 1) -> Request:
    """An on request."""
    return Request(staff=staff, date=date, shift=shift, kind="on", weight=weight)


def cost(rule: Requests, index: PlanIndex, *duties: tuple[str, int, str, str]) -> int:
    """The rule's cost of a roster of these duties, checked against the model."""
    found = assert_model_agrees(index, [rule], roster_of(index, list(duties)))
    assert all(v.tier is Tier.PREFERENCES and not v.hard for v in found)
    return sum(v.cost for v in found)


def test_rule_is_a_soft_preference(rule: Requests) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("requests", False, Tier.PREFERENCES)
    assert Requests.__doc__


def test_day_off_is_broken_by_any_duty_that_day(rule: Requests) -> None:
    index = wishes(off("s1", MONDAY, weight=3))
    assert cost(rule, index) == 0
    assert cost(rule, index, ("s1", 1, "D", "A")) == 0
    assert cost(rule, index, ("s1", 0, "D", "A")) == 3
    assert cost(rule, index, ("s1", 0, "N", "A")) == 3
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s1", 0, "N", "A")) == 3  # one request, once
    assert cost(rule, index, ("s2", 0, "D", "A")) == 0


def test_shift_off_is_broken_only_by_that_shift(rule: Requests) -> None:
    index = wishes(off("s1", MONDAY, "N", weight=2))
    assert cost(rule, index, ("s1", 0, "D", "A")) == 0
    assert cost(rule, index, ("s1", 1, "N", "A")) == 0
    assert cost(rule, index, ("s1", 0, "N", "A")) == 2


def test_shift_on_is_broken_when_off_or_on_another_shift(rule: Requests) -> None:
    index = wishes(on("s1", TUESDAY, "N"))
    assert cost(rule, index) == 1
    assert cost(rule, index, ("s1", 1, "D", "A")) == 1  # a different shift: still unmet
    assert cost(rule, index, ("s1", 0, "N", "A")) == 1  # the right shift, the wrong day
    assert cost(rule, index, ("s1", 1, "N", "A")) == 0


def test_day_on_is_met_by_any_duty_that_day(rule: Requests) -> None:
    index = wishes(on("s1", TUESDAY))
    assert cost(rule, index) == 1
    assert cost(rule, index, ("s1", 1, "D", "A")) == 0
    assert cost(rule, index, ("s1", 1, "N", "A")) == 0


def test_cost_is_plan_weight_times_request_weight(rule: Requests) -> None:
    index = wishes(off("s1", MONDAY, weight=3), on("s2", MONDAY), weights=Weights(request=5))
    assert cost(rule, index, ("s1", 0, "D", "A")) == 5 * 3 + 5 * 1


def test_requests_outside_the_plan_are_ignored(rule: Requests) -> None:
    index = wishes(
        on("s1", MONDAY - dt.timedelta(days=1)), on("nobody", MONDAY), on("s1", MONDAY, "X")
    )
    assert cost(rule, index) == 0


def test_zero_weight_requests_cost_nothing(rule: Requests) -> None:
    index = wishes(on("s1", MONDAY, weight=0))
    assert cost(rule, index) == 0


def test_messages(rule: Requests) -> None:
    index = wishes(
        off("s1", MONDAY, "D"), on("s2", TUESDAY), off("s3", MONDAY), on("s3", TUESDAY, "N")
    )
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s3", 0, "N", "A")])
    found = assert_model_agrees(index, [rule], roster)
    assert [v.message("en") for v in found] == [
        "Person 1 asked to be off the day shift on 2 Mar but is on it",
        "Person 2 asked to work on 3 Mar but is off",
        "Person 3 asked to be off on 2 Mar but is on duty",
        "Person 3 asked for the night shift on 3 Mar but is not on it",
    ]
    assert [v.message("zh") for v in found] == [
        "Person 1 申请3月2日不上day，但被排了该班",
        "Person 2 申请3月3日上班，但未被排班",
        "Person 3 申请3月2日休息，但被排了班",
        "Person 3 申请3月3日上night，但未排上该班",
    ]
    first = found[0]
    assert (first.staff, first.date, first.shift, first.place) == (("s1",), MONDAY, "D", "A")


def test_requests_are_honoured_when_free_to() -> None:
    # One day post a day, three people: s1 wants Monday off, s2 wants Tuesday.
    plan = tiny_plan(
        staff=people(3),
        days=2,
        shifts=(DAY,),
        requests=(off("s1", MONDAY), on("s2", TUESDAY), off("s3", TUESDAY)),
    )
    result = solve_checked(plan, [OnePlace(), Coverage(), Requests()])
    assert result.roster is not None
    by_day = {d.slot.day: result.roster.index.people[d.person].id for d in result.roster.duties}
    assert by_day[1] == "s2"
    assert by_day[0] != "s1"
    assert Requests().violations(result.roster) == []


def test_requests_never_cost_coverage() -> None:
    # Only s1 can watch: the request to be off loses to the critical post.
    plan = tiny_plan(staff=people(1), shifts=(DAY,), requests=(off("s1", MONDAY, weight=1000),))
    result = solve_checked(plan, [OnePlace(), Coverage(), Requests()])
    assert result.roster is not None
    assert len(result.roster.duties) == 1
    assert [v.cost for v in Requests().violations(result.roster)] == [1000]


def requests_plan() -> Plan:
    """Many kinds of request over two days."""
    return tiny_plan(
        staff=people(3),
        days=2,
        requests=(
            off("s1", MONDAY, weight=3),
            off("s1", TUESDAY, "N", weight=2),
            on("s2", MONDAY, "N"),
            on("s2", TUESDAY),
            on("s3", TUESDAY, "D", weight=4),
            off("s3", MONDAY, "D"),
        ),
    )


REQUESTS = PlanIndex(requests_plan())
RICH = PlanIndex(rich_plan())


@settings(max_examples=100)
@given(rosters(REQUESTS))
def test_model_agrees_on_any_roster(roster: Roster) -> None:
    assert_model_agrees(REQUESTS, [Requests()], roster)


@settings(max_examples=100)
@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [Requests()], roster)
