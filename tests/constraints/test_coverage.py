"""coverage: posts staffed as demand asks, a gap's cost by priority and convex in its size,
an empty round-the-clock gate costing extra, and never more people than a post's max."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given

from constraints.coverage import Coverage
from roster.plan.index import PlanIndex
from roster.plan.model import Compound, Demand, Priority, Tier, Weights
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of
from tests.plans import DAY, MONDAY, compounds, limited, people, rich_plan, tiny_plan
from tests.plans import any_roster as rosters

# The plan's default weights (Weights()): critical 1, high 1, normal 4, empty watch 10.


def gate(
    need: int = 2,
    priority: Priority = Priority.CRITICAL,
    *,
    most: int | None = None,
    weights: Weights | None = None,
    places: tuple[Compound, ...] = compounds("A"),
) -> PlanIndex:
    """One day watch at each of ``places`` for four people, ``need`` people each."""
    demand = Demand(place="*", shift="D", min=need, max=most, priority=priority)
    plan = tiny_plan(
        staff=people(4),
        shifts=(DAY,),
        demand=(demand,),
        compounds=places,
        weights=weights or Weights(),
    )
    return PlanIndex(plan)


def judged(rule: Coverage, index: PlanIndex, *duties: tuple[str, str]) -> list[Violation]:
    """The rule's violations when each (staff, place) is on Monday's day watch; the model
    must agree, hard and soft."""
    roster = roster_of(index, [(staff, 0, "D", place) for staff, place in duties])
    return assert_model_agrees(index, [rule], roster)


def costs(found: list[Violation]) -> dict[Tier, int]:
    """Soft cost per tier."""
    total: Counter[Tier] = Counter()
    for v in found:
        assert not v.hard
        assert v.tier is not None
        total[v.tier] += v.cost
    return dict(total)


@pytest.fixture
def rule() -> Coverage:
    return Coverage()


def test_rule_is_soft_in_the_critical_tier_first(rule: Coverage) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("coverage", False, Tier.CRITICAL)
    assert Coverage.__doc__


def test_a_post_of_two_with_two_is_covered(rule: Coverage) -> None:
    assert judged(rule, gate(), ("s1", "A"), ("s2", "A")) == []


def test_a_post_of_two_with_one_is_one_short(rule: Coverage) -> None:
    [short] = judged(rule, gate(), ("s1", "A"))
    assert (short.hard, short.tier, short.amount, short.cost) == (False, Tier.CRITICAL, 1, 1)
    assert (short.staff, short.date, short.shift, short.place) == ((), MONDAY, "D", "A")
    assert short.message("en") == "A小区 2 Mar day: 1 of 2 people"
    assert short.message("zh") == "A小区 3月2日 day：需要2名人员，只有1名"


def test_a_post_of_two_with_nobody(rule: Coverage) -> None:
    # Two short cost 2² = 4; nobody at all on a round-the-clock gate costs 10 more.
    found = judged(rule, gate())
    assert [(v.amount, v.cost) for v in found] == [(2, 4), (1, 10)]
    assert costs(found) == {Tier.CRITICAL: 14}
    assert found[1].message("en") == "A小区 2 Mar day: nobody on watch"
    assert found[1].message("zh") == "A小区 3月2日 day：无人值守"


def test_a_gate_not_watched_round_the_clock_costs_only_the_gap(rule: Coverage) -> None:
    office = Compound(id="A", name="A小区", round_the_clock=False)
    assert costs(judged(rule, gate(places=(office,)))) == {Tier.CRITICAL: 4}


def test_an_errand_is_not_a_watch(rule: Coverage) -> None:
    demand = Demand(place="shopping", shift="D", min=1, priority="normal")
    index = PlanIndex(tiny_plan(shifts=(DAY,), demand=(demand,)))
    [short] = assert_model_agrees(index, [rule], roster_of(index, []))
    assert (short.place, short.tier, short.cost) == ("shopping", Tier.COVERAGE, 4 * 1)
    assert short.message("en") == "shopping 2 Mar day: 0 of 1 person"


def test_the_priority_sets_tier_and_weight(rule: Coverage) -> None:
    assert costs(judged(rule, gate(priority=Priority.HIGH), ("s1", "A"))) == {Tier.HIGH: 1}
    # Normal gaps weigh 4 each: one short costs 4, two short 4 x 4, plus the empty gate.
    normal = gate(priority=Priority.NORMAL)
    assert costs(judged(rule, normal, ("s1", "A"))) == {Tier.COVERAGE: 4}
    assert costs(judged(rule, normal)) == {Tier.COVERAGE: 16 + 10}
    low = gate(priority=Priority.LOW, weights=Weights(low=3, empty_watch=5))
    assert costs(judged(rule, low)) == {Tier.COVERAGE: 3 * 4 + 5}


def test_a_shortage_spread_over_posts_costs_less(rule: Coverage) -> None:
    index = gate(places=compounds("A", "B"))
    # Both at A: B is two short and empty (4 + 10); one each: one short at both (1 + 1).
    assert costs(judged(rule, index, ("s1", "A"), ("s2", "A"))) == {Tier.CRITICAL: 14}
    assert costs(judged(rule, index, ("s1", "A"), ("s2", "B"))) == {Tier.CRITICAL: 2}


def test_a_linear_cost_when_the_plan_asks(rule: Coverage) -> None:
    index = gate(need=3, weights=Weights(convex_shortfall=False, empty_watch=0))
    assert costs(judged(rule, index, ("s1", "A"))) == {Tier.CRITICAL: 2}
    assert costs(judged(rule, index)) == {Tier.CRITICAL: 3}


def test_max_is_hard_at_the_limit_and_one_past(rule: Coverage) -> None:
    # Without a max the post takes as many as it needs: two.
    assert judged(rule, gate(), ("s1", "A"), ("s2", "A")) == []
    [over] = judged(rule, gate(), ("s1", "A"), ("s2", "A"), ("s3", "A"))
    assert (over.hard, over.amount) == (True, 1)
    assert (over.date, over.shift, over.place) == (MONDAY, "D", "A")
    assert over.message("en") == "A小区 2 Mar day: 3 people, at most 2 allowed"
    roomy = gate(most=3)
    assert judged(rule, roomy, ("s1", "A"), ("s2", "A"), ("s3", "A")) == []
    [over] = judged(rule, roomy, ("s1", "A"), ("s2", "A"), ("s3", "A"), ("s4", "A"))
    assert (over.hard, over.amount) == (True, 1)


def test_nobody_may_take_a_place_without_a_post(rule: Coverage) -> None:
    [over] = judged(rule, gate(), ("s1", "A"), ("s2", "A"), ("s3", "elsewhere"))
    assert (over.hard, over.place, over.amount) == (True, "elsewhere", 1)


def test_surplus_costs_only_when_weighted(rule: Coverage) -> None:
    index = gate(need=1, most=3, weights=Weights(over_cover=3))
    assert judged(rule, index, ("s1", "A")) == []
    [surplus] = judged(rule, index, ("s1", "A"), ("s2", "A"), ("s3", "A"))
    assert (surplus.tier, surplus.amount, surplus.cost) == (Tier.COVERAGE, 2, 3 * 2)
    assert surplus.message("en") == "A小区 2 Mar day: 3 people where 1 are needed"
    assert judged(rule, gate(need=1, most=3), ("s1", "A"), ("s2", "A"), ("s3", "A")) == []


def test_a_skilled_need_counts_only_the_skilled(rule: Coverage) -> None:
    demand = (
        Demand(place="A", shift="D", min=2, priority="critical"),
        Demand(place="A", shift="D", min=1, skill="lead", priority="high"),
    )
    staff = (limited("s1", skills=("lead",)), limited("s2"), limited("s3"))
    index = PlanIndex(tiny_plan(staff=staff, shifts=(DAY,), demand=demand))
    assert judged(rule, index, ("s1", "A"), ("s2", "A")) == []
    [lead] = judged(rule, index, ("s2", "A"), ("s3", "A"))
    assert (lead.tier, lead.amount, lead.cost) == (Tier.HIGH, 1, 1)
    assert lead.message("en") == "A小区 2 Mar day: 0 of 1 who can lead"
    # s1 alone: one short of two people (critical), the lead need is met.
    assert costs(judged(rule, index, ("s1", "A"))) == {Tier.CRITICAL: 1}


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [Coverage()], roster)
