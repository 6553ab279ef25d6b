"""Model and rules agree on arbitrary rosters, not only optimal ones (style habit 3).

For rosters on a small plan that makes every rule bite, the model with its assignment
variables fixed is feasible exactly when the rules' ``violations`` find no hard violation,
and each tier's least cost equals the rules' soft violation costs. Two kinds of rosters:
any set of (person, post) pairs (almost always infeasible), and small perturbations of a
solved roster (often feasible, so the soft costs get compared too).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from constraints import all_rules
from roster.check.violations import check
from roster.engine.solve import solve
from roster.plan.index import Duty, PlanIndex
from roster.plan.model import Tier
from roster.result import SolverConfig
from roster.roster import Roster
from tests.helpers import assert_model_agrees, model_verdict
from tests.plans import rich_plan

RICH = PlanIndex(rich_plan())
PAIRS = [(p.idx, post) for post in RICH.posts for p in RICH.people]


@st.composite
def any_rosters(draw: st.DrawFn) -> Roster:
    """Any set of (person, post) pairs, forbidden ones included."""
    chosen = draw(st.lists(st.sampled_from(PAIRS), max_size=len(RICH.posts) + 4, unique=True))
    return Roster(RICH, tuple(Duty(p, post.slot, post.place) for p, post in chosen))


def _solved() -> Roster:
    result = solve(RICH, all_rules(), SolverConfig(time_limit=10, workers=1, seed=3))
    assert result.roster is not None
    return result.roster


SOLVED = _solved()


@st.composite
def near_solved(draw: st.DrawFn) -> Roster:
    """The solved roster with a few duties dropped and a few added."""
    duties = list(SOLVED.duties)
    drop = draw(st.sets(st.sampled_from(range(len(duties))), max_size=3))
    added = draw(st.lists(st.sampled_from(PAIRS), max_size=2, unique=True))
    kept = [d for i, d in enumerate(duties) if i not in drop]
    extra = [Duty(p, post.slot, post.place) for p, post in added]
    return Roster(RICH, tuple(dict.fromkeys([*kept, *extra])))


@given(any_rosters())
def test_model_and_rules_agree_on_any_roster(roster: Roster) -> None:
    assert_model_agrees(RICH, all_rules(), roster)


@given(near_solved())
def test_model_and_rules_agree_near_a_solution(roster: Roster) -> None:
    assert_model_agrees(RICH, all_rules(), roster)


@given(st.one_of(any_rosters(), near_solved()))
def test_redundant_constraints_cut_no_roster_and_change_no_cost(roster: Roster) -> None:
    """``RosterModel.redundant`` constraints (post headcounts, fairness totals counted
    post by post) follow from the rest: switched on, the model takes the same rosters at
    the same least costs."""
    assert model_verdict(RICH, all_rules(), roster, redundant=True) == model_verdict(
        RICH, all_rules(), roster
    )


def test_the_rich_plan_has_redundant_constraints_to_test() -> None:
    """Guard against a vacuous property: the rich plan's model has a switch per tier that
    adds them (critical, high and normal coverage; fairness's totals)."""
    from roster.engine.model import RosterModel

    switches = RosterModel(RICH, all_rules())._switches
    assert {Tier.CRITICAL, Tier.COVERAGE} <= switches.keys()


def test_a_plan_solved_in_one_level_gets_no_redundant_constraints() -> None:
    """No level comes after the one level: nothing to switch on, so neither the
    constraints nor the headcount variables are built."""
    from roster.engine.model import RosterModel

    one_level = rich_plan().model_copy(
        update={"tiers": ("critical+high+stability+coverage+fairness+preferences",)}
    )
    index = PlanIndex(one_level)
    assert len(index.plan.levels) == 1
    model = RosterModel(index, all_rules())
    assert model._switches == {}
    assert not any(v.name.startswith("headcount") for v in model._cp.proto.variables)


def test_the_solved_roster_is_feasible_and_perturbations_reach_both_sides() -> None:
    """Guard against a vacuous property: the solved roster has no hard violation, and
    dropping one of its duties keeps it free of hard violations in some cases."""
    assert not [v for v in check(SOLVED, all_rules()) if v.hard]
    feasible_drops = 0
    for k in range(len(SOLVED.duties)):
        smaller = Roster(RICH, SOLVED.duties[:k] + SOLVED.duties[k + 1 :])
        feasible_drops += not [v for v in check(smaller, all_rules()) if v.hard]
    assert feasible_drops > 0
