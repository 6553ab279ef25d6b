"""The greedy first roster (``roster.engine.greedy``) and the completed hint it starts the
solver from."""

from __future__ import annotations

import time

from hypothesis import given, settings
from ortools.sat.python import cp_model

from constraints import all_rules
from roster.bench.generate import generate_plan
from roster.check.violations import check, hard_violations, level_costs, tier_costs
from roster.engine.greedy import first_roster
from roster.engine.model import RosterModel
from roster.engine.solve import solve
from roster.plan.index import PlanIndex
from roster.plan.model import Demand, Limits, Pair, Plan, Staff, Tier
from roster.result import SolverConfig, Status
from tests.helpers import roster_of, shortfalls
from tests.plans import DAY, NIGHT, fair_plan, people, shift, tiny_plan
from tests.test_properties import plans


def nights(staff: int, days: int, needed: int, **rules: object) -> PlanIndex:
    """``days`` nights at A, each needing ``needed`` people (critical), under ``rules``."""
    plan = tiny_plan(
        staff=people(staff),
        days=days,
        shifts=(NIGHT,),
        demand=(Demand(place="A", shift="N", min=needed, priority="critical"),),
        rules=Limits(**rules),
    )
    return PlanIndex(plan)


def test_covers_what_it_can_and_shares_it_out() -> None:
    index = nights(staff=3, days=6, needed=1)
    roster = first_roster(index, all_rules())
    assert roster is not None
    assert shortfalls(roster) == {}
    # The fewest duties so far go first: 6 nights among 3 people is 2 each.
    per_person = [sum(1 for d in roster.duties if d.person == p.idx) for p in index.people]
    assert per_person == [2, 2, 2]


def test_stops_at_the_hard_limits() -> None:
    # Two people, two nights in a row at most, 3 nights a week: 5 nights of 2 people need
    # 10 duties, the limits allow 6.
    index = nights(staff=2, days=5, needed=2, max_consecutive_nights=2, max_nights_per_week=3)
    roster = first_roster(index, all_rules())
    assert roster is not None
    assert not [v for v in check(roster, all_rules()) if v.hard]
    assert len(roster.duties) <= 6
    assert sum(shortfalls(roster).values()) == 10 - len(roster.duties)


@settings(max_examples=25, deadline=None)
@given(plans())
def test_random_plans_get_a_first_roster_the_rules_accept(plan: Plan) -> None:
    roster = first_roster(PlanIndex(plan), all_rules())
    assert roster is not None
    assert not [v.message() for v in check(roster, all_rules()) if v.hard]


def test_a_gate_that_also_wants_a_duty_leader_gets_one_first() -> None:
    # One person on the day gate: critical, and a high row wants a leader there. Filling
    # the critical row, the greedy takes the leader s2 though s1 comes first, so the high
    # row is met too.
    staff = (*people(1), Staff(id="s2", name="Person s2", skills=("lead",)))
    gate = (
        Demand(place="A", shift="D", min=1, priority="critical"),
        Demand(place="A", shift="D", min=1, skill="lead", priority="high"),
    )
    index = PlanIndex(tiny_plan(staff=staff, shifts=(DAY,), demand=gate))
    assert index.posts[0].max == 1
    roster = first_roster(index, all_rules())
    assert roster is not None
    assert [index.people[d.person].id for d in roster.duties] == ["s2"]
    assert shortfalls(roster) == {}


def test_a_duty_leader_is_kept_for_the_post_that_needs_one() -> None:
    # The night (critical, anyone) is filled first; the leader s1 comes first in order and
    # is as free as s2, but the morning after needs a leader, and 12 h of rest keep whoever
    # takes the night off the morning. The night goes to s2, and both posts are covered.
    staff = (Staff(id="s1", name="Person s1", skills=("lead",)), *people(2)[1:])
    morning = shift("M", "08:00", "16:00")
    demand = (
        Demand(place="A", shift="N", min=1, priority="critical"),
        Demand(place="A", shift="M", min=1, skill="lead", priority="high"),
    )
    plan = tiny_plan(
        staff=staff,
        days=2,
        shifts=(NIGHT, morning),
        demand=demand,
        rules=Limits(min_rest_hours=12),
    )
    index = PlanIndex(plan)
    roster = first_roster(index, all_rules())
    assert roster is not None
    nights_of = {index.people[d.person].id for d in roster.duties if d.slot.shift.id == "N"}
    assert nights_of == {"s2"}
    assert shortfalls(roster) == {}


def test_people_kept_apart_are_not_put_together() -> None:
    # A gate for two; s1 and s2 must be kept apart, so the second place goes to s3.
    pair = Pair(a="s1", b="s2", kind="apart")
    gate = (Demand(place="A", shift="D", min=2, max=2, priority="critical"),)
    index = PlanIndex(tiny_plan(staff=people(3), shifts=(DAY,), demand=gate, pairs=(pair,)))
    roster = first_roster(index, all_rules())
    assert roster is not None
    assert sorted(index.people[d.person].id for d in roster.duties) == ["s1", "s3"]


def test_no_greedy_start_where_only_more_duties_meet_a_limit() -> None:
    # Everyone must work at least 24 h: the empty roster already breaks that.
    assert first_roster(nights(staff=2, days=3, needed=1, min_total_hours=24), all_rules()) is None


def test_a_feasible_hint_is_completed_and_an_infeasible_one_is_not() -> None:
    index = nights(staff=2, days=3, needed=1, max_consecutive_nights=2)
    model = RosterModel(index, all_rules())
    two_nights = roster_of(index, [("s1", 0, "N", "A"), ("s2", 1, "N", "A")])
    assert model.hint(two_nights, seconds=5)
    assert model.start is not None
    # The completed hint costs what the rules find in the roster (night 2 uncovered), each
    # tier at its least: no shortfall or excess variable left higher than it need be.
    found = tier_costs(check(two_nights, all_rules()))
    assert found[Tier.CRITICAL] > 0
    for tier in model.tiers():
        assert model.start.value(model.tier_expr(tier)) == found.get(tier, 0)
    three_in_a_row = roster_of(index, [("s1", day, "N", "A") for day in range(3)])
    fresh = RosterModel(index, all_rules())
    assert not fresh.hint(three_in_a_row, seconds=5)
    assert fresh.start is None


def test_a_completed_start_stays_a_feasible_hint_with_every_redundant_constraint_on() -> None:
    """The tier loop switches ``redundant`` constraints on as levels are held, and keeps
    the hint complete: CP-SAT fixed to the hint alone must find it feasible. (A hint
    outside a variable's domain, or a redundant constraint the roster does not meet, makes
    CP-SAT drop its start and search from nothing.)"""
    index = PlanIndex(fair_plan())
    model = RosterModel(index, all_rules())
    start = first_roster(index, all_rules())
    assert start is not None
    assert model.hint(start, seconds=5)
    model.switch_on(list(Tier))
    assert model._switches  # fairness counts the posts' headcounts here
    model._cp.minimize(sum(model.tier_expr(t) for t in model.tiers()))
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(model._cp) == cp_model.OPTIMAL


def test_a_first_roster_that_covers_every_critical_post_settles_that_level() -> None:
    index = nights(staff=3, days=4, needed=1)
    config = SolverConfig(time_limit=10, workers=1, seed=1)
    result = solve(index, all_rules(), config)
    critical = result.tiers[0]
    # Settled from the start, without a solve: optimal at 0 in no time.
    assert (critical.status, critical.objective, critical.seconds) == (Status.OPTIMAL, 0, 0.0)
    assert result.roster is not None
    assert shortfalls(result.roster) == {}
    plain = solve(index, all_rules(), SolverConfig(time_limit=10, workers=1, greedy_start=False))
    assert plain.tiers[0].objective == 0
    assert plain.tiers[0].seconds > 0


def test_out_of_time_before_any_solve_the_completed_start_is_the_roster() -> None:
    # On a big plan, building the model and the first roster can take the whole limit
    # (here: a pause in ``prepare``). The completed start is returned, not nothing: every
    # hard rule kept, each level at the cost the rules find in it, none proven.
    index = nights(staff=2, days=3, needed=2, max_consecutive_nights=2)
    rules = all_rules()
    greedy = first_roster(index, rules)
    assert greedy is not None
    config = SolverConfig(time_limit=1, workers=1, seed=1)
    result = solve(index, rules, config, prepare=lambda model: time.sleep(1.1))
    assert result.roster is not None
    assert result.roster.duties == greedy.duties
    assert result.hit_time_limit
    assert result.status is Status.FEASIBLE
    violations = check(result.roster, rules)
    assert not hard_violations(violations)
    costs = level_costs(violations, [t.level for t in result.tiers])
    assert result.objective == costs
    assert costs[result.tiers[0].level] > 0  # two wanted a night, one may come: not settled
    # A level the start meets costs nothing, which nothing beats; the others are unproven.
    for tier in result.tiers:
        proven = (Status.OPTIMAL, 0) if tier.objective == 0 else (Status.FEASIBLE, None)
        assert (tier.status, tier.bound) == proven


def test_the_roster_does_not_depend_on_the_order_the_rules_are_asked_in() -> None:
    # The greedy stops counting a trial duty's violations at the first rule that rejects
    # it, and asks that rule first next time: only the answer "more than before?" may
    # count, whatever order the hard rules come in.
    index = PlanIndex(generate_plan(40, 12, 14, 3))
    rules = all_rules()
    forward = first_roster(index, rules)
    backward = first_roster(index, list(reversed(rules)))
    assert forward is not None
    assert backward is not None
    assert len(forward.duties) > 100
    assert forward.duties == backward.duties
    assert not hard_violations(check(forward, rules))  # rest and compounds per week reject most
