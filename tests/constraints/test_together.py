"""together: a pair who work well together are put on the same posts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.together import Together, shared_posts
from roster.plan.index import PlanIndex
from roster.plan.model import Absence, Demand, Pair, Plan, Staff, Tier, Weights
from roster.roster import Roster
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, NIGHT, people, rich_plan, tiny_plan
from tests.plans import any_roster as rosters

PAIR = Pair(a="s1", b="s2", kind="together")


@pytest.fixture
def rule() -> Together:
    return Together()


def survey_plan(
    *,
    staff: tuple[Staff, ...] | None = None,
    days: int = 2,
    skill: str | None = None,
    **extra: object,
) -> Plan:
    """Gate A (one person) and a door-to-door survey (two people) every day, day shift;
    s1 and s2 like to work together."""
    demand = (
        Demand(place="A", shift="D", min=1, priority="critical"),
        Demand(place="survey", shift="D", min=2, skill=skill),
    )
    fields: dict[str, object] = {"pairs": (PAIR,)} | extra
    return tiny_plan(
        staff=staff or people(3),
        days=days,
        shifts=(DAY,),
        demand=demand,
        **fields,  # type: ignore[arg-type]
    )


def cost(rule: Together, index: PlanIndex, *duties: tuple[str, int, str, str]) -> int:
    """The rule's cost of a roster of these duties, checked against the model."""
    found = assert_model_agrees(index, [rule], roster_of(index, list(duties)))
    assert all(v.tier is Tier.PREFERENCES and not v.hard for v in found)
    return sum(v.cost for v in found)


def test_rule_is_a_soft_preference(rule: Together) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("together", False, Tier.PREFERENCES)
    assert Together.__doc__


def test_one_without_the_other_costs_the_weight(rule: Together) -> None:
    index = PlanIndex(survey_plan())
    assert cost(rule, index) == 0
    assert cost(rule, index, ("s1", 0, "D", "survey"), ("s2", 0, "D", "survey")) == 0
    assert cost(rule, index, ("s1", 0, "D", "survey"), ("s3", 0, "D", "survey")) == 1
    assert cost(rule, index, ("s3", 0, "D", "survey"), ("s2", 0, "D", "survey")) == 1
    # Both on surveys, but on different days: two posts with one of them alone.
    assert cost(rule, index, ("s1", 0, "D", "survey"), ("s2", 1, "D", "survey")) == 2


def test_posts_for_one_person_never_cost(rule: Together) -> None:
    index = PlanIndex(survey_plan())
    assert cost(rule, index, ("s1", 0, "D", "A"), ("s2", 1, "D", "A")) == 0


def test_posts_the_partner_may_not_take_never_cost(rule: Together) -> None:
    # s2 is away on Tuesday, and lacks the survey skill on another plan.
    away = Absence(staff="s2", start=dt.datetime(2026, 3, 3), end=dt.datetime(2026, 3, 4))
    index = PlanIndex(survey_plan(absences=(away,)))
    assert cost(rule, index, ("s1", 1, "D", "survey"), ("s3", 1, "D", "survey")) == 0
    assert cost(rule, index, ("s1", 0, "D", "survey"), ("s3", 0, "D", "survey")) == 1
    staff = (
        Staff(id="s1", name="One", skills=("survey",)),
        Staff(id="s2", name="Two"),
        Staff(id="s3", name="Three", skills=("survey",)),
    )
    skilled = PlanIndex(survey_plan(staff=staff, skill="survey"))
    assert list(shared_posts(skilled)) == []
    assert cost(rule, skilled, ("s1", 0, "D", "survey"), ("s3", 0, "D", "survey")) == 0


def test_weight_and_message(rule: Together) -> None:
    index = PlanIndex(survey_plan(weights=Weights(together=3)))
    roster = roster_of(index, [("s2", 1, "D", "survey"), ("s3", 1, "D", "survey")])
    found = assert_model_agrees(index, [rule], roster)
    assert [(v.cost, v.staff, v.place, v.shift) for v in found] == [
        (3, ("s2", "s1"), "survey", "D")
    ]
    assert found[0].message("en") == "Person 2 is on survey 3 Mar day without Person 1"
    assert found[0].message("zh") == "Person 2 3月3日 day在走访值班，搭档Person 1不在"


def test_apart_pairs_and_pairs_with_oneself_are_not_together(rule: Together) -> None:
    pairs = (Pair(a="s1", b="s2", kind="apart"), Pair(a="s3", b="s3", kind="together"))
    index = PlanIndex(survey_plan(pairs=pairs))
    assert cost(rule, index, ("s1", 0, "D", "survey"), ("s3", 0, "D", "survey")) == 0


def test_the_pair_is_put_on_the_survey_together() -> None:
    plan = survey_plan(days=1)
    result = solve_checked(plan, [OnePlace(), Coverage(), Together()])
    assert result.roster is not None
    on_survey = {
        result.roster.index.people[d.person].id for d in result.roster.duties if d.place == "survey"
    }
    assert on_survey == {"s1", "s2"}
    assert Together().violations(result.roster) == []


def mixed_plan() -> Plan:
    """Two days, gate A day and night (night for two), a survey, two pairs."""
    demand = (
        Demand(place="A", shift="D", min=1),
        Demand(place="A", shift="N", min=1, max=2),
        Demand(place="survey", shift="D", min=2),
    )
    pairs = (PAIR, Pair(a="s3", b="s1", kind="together"))
    return tiny_plan(staff=people(4), days=2, shifts=(DAY, NIGHT), demand=demand, pairs=pairs)


MIXED = PlanIndex(mixed_plan())
RICH = PlanIndex(rich_plan())


@settings(max_examples=100)
@given(rosters(MIXED))
def test_model_agrees_on_any_roster(roster: Roster) -> None:
    assert_model_agrees(MIXED, [Together()], roster)


@settings(max_examples=100)
@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [Together()], roster)
