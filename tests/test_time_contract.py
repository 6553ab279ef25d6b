"""The time contract and the stop rule (issue 20): a big plan gets a roster within its limit
that keeps every hard rule, narrowed to the pairs the limit allows or, with no time to build
the model, the greedy start; a small plan without a limit ends by itself. Judged by the
rules' own ``violations``; no time is asserted as a number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from constraints import all_rules
from roster.bench.generate import generate_plan, write_plan
from roster.check.violations import check, hard_violations, level_costs
from roster.engine import candidates
from roster.engine import solve as engine_solve
from roster.engine.candidates import narrow
from roster.engine.greedy import first_roster
from roster.engine.interrupt import Interrupt
from roster.engine.solve import solve
from roster.jobs.solve import overran, solve_plan, solve_summary
from roster.plan.index import PlanIndex
from roster.result import SolverConfig, Status
from roster.rules import RuleSet
from roster.text.i18n import label

STOPPED = {"proven", "infeasible", "stalled", "skipped", "interrupted", "time"}


@pytest.fixture(scope="module")
def open_plan() -> PlanIndex:
    """40 people who may serve at every one of 12 compounds for a week (no areas)."""
    return PlanIndex(generate_plan(40, 12, 7, seed=5, areas=False))


def test_rules_that_forbid_by_slot_answer_alike_for_every_post_of_a_slot(
    open_plan: PlanIndex,
) -> None:
    # ``slot_only`` lets ``allowed`` ask once per slot: wrong if the answer varies by place.
    index = open_plan
    slot_rules = [r for r in all_rules() if r.slot_only]
    assert slot_rules
    for rule in slot_rules:
        for person in index.people:
            seen: dict[int, bool] = {}
            for post in index.posts:
                said = rule.forbids(index, person, post) is None
                assert seen.setdefault(post.slot.idx, said) == said, (rule.name, person.id)


@pytest.mark.parametrize("areas", [False, True])
def test_allowed_pairs_are_those_no_rule_forbids_asked_one_by_one(areas: bool) -> None:
    index = PlanIndex(generate_plan(40, 12, 7, seed=6, areas=areas))
    rule_set = RuleSet(all_rules())
    one_by_one = {
        (person.idx, post.idx)
        for post in index.posts
        for person in index.people
        if not any(rule.forbids(index, person, post) for rule in rule_set.forbidding)
    }
    assert rule_set.allowed(index) == one_by_one


def test_narrowing_keeps_a_place_for_everyone_and_the_pairs_it_must(
    open_plan: PlanIndex,
) -> None:
    index = open_plan
    allowed = RuleSet(all_rules()).allowed(index)
    someone, somewhere = sorted(allowed)[-1]
    kept = (someone, index.posts[somewhere].place)
    budget = len(allowed) // 5
    narrowing = narrow(index, RuleSet(all_rules()), budget, [kept])
    assert narrowing.narrowed
    assert narrowing.pairs <= allowed
    assert narrowing.possible >= len(allowed)  # an upper bound, from the slot rules
    # Everyone who could take anything keeps a place; the kept place stays whole.
    can = {p for p, _ in allowed}
    assert {p for p, _ in narrowing.pairs} == can
    at_kept = {(p, q) for p, q in allowed if p == someone and index.posts[q].place == kept[1]}
    assert at_kept <= narrowing.pairs
    # One place per person at least, then places only while the budget lasts: the last
    # place dealt may overrun it by at most one place's pairs per person.
    most_at_one_place = max(
        sum(1 for p, q in allowed if p == person and index.posts[q].place == place)
        for person, place in {(p, index.posts[q].place) for p, q in allowed}
    )
    assert len(narrowing.pairs) <= budget + most_at_one_place * len(index.people)
    # Every place with demand still has candidates.
    needed = {post.place for post in index.posts if post.min > 0}
    assert needed <= {index.posts[q].place for _, q in narrowing.pairs}
    # A budget the pairs fit leaves them all.
    assert narrow(index, RuleSet(all_rules()), narrowing.possible, []).pairs == allowed


def test_ctrl_c_ends_the_dealing_of_places(open_plan: PlanIndex) -> None:
    # Dealing places is the slow part of narrowing a big plan: Ctrl-C ends it, leaving
    # fewer places each and no pair a rule forbids.
    index, rule_set = open_plan, RuleSet(all_rules())
    allowed = rule_set.allowed(index)
    budget = len(allowed) // 2
    dealt = narrow(index, rule_set, budget)
    with Interrupt() as interrupt:
        interrupt.stop()
        cut_short = narrow(index, rule_set, budget)
    assert cut_short.narrowed
    assert cut_short.pairs < dealt.pairs <= allowed


def test_a_narrowed_solve_keeps_every_hard_rule_and_claims_no_proof_it_lacks(
    open_plan: PlanIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(candidates, "MIN_PAIRS", 0)
    monkeypatch.setattr(candidates, "PAIRS_PER_SECOND", 200)  # 10 s: 2 000 pairs
    rules = all_rules()
    result = solve(open_plan, rules, SolverConfig(time_limit=10, workers=1, seed=1))
    assert result.narrowed is not None
    kept, possible = result.narrowed
    assert kept < possible
    assert result.roster is not None
    violations = check(result.roster, rules)
    assert not hard_violations(violations)
    # A bound on the rosters kept is no bound on the plan: only costs of 0 are proven.
    for tier in result.tiers:
        if tier.status is Status.OPTIMAL:
            assert tier.objective == 0
        else:
            assert tier.bound is None
    assert result.status is not Status.OPTIMAL or all(t.objective == 0 for t in result.tiers)


def test_with_no_time_to_build_the_model_the_greedy_start_is_the_roster(
    open_plan: PlanIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a plan far too big for its limit: building would take longer than there is.
    monkeypatch.setattr(engine_solve, "BUILD_SECONDS_PER_PAIR", 1e3)
    rules = all_rules()
    result = solve(open_plan, rules, SolverConfig(time_limit=5, workers=1, seed=1))
    greedy = first_roster(open_plan, rules)
    assert greedy is not None
    assert not result.model_built
    assert result.hit_time_limit
    assert result.roster is not None
    assert result.roster.duties == greedy.duties
    violations = check(result.roster, rules)
    assert not hard_violations(violations)
    costs = level_costs(violations, [t.level for t in result.tiers])
    assert result.objective == {level: cost for level, cost in costs.items() if level}
    for tier in result.tiers:
        assert tier.status is (Status.OPTIMAL if tier.objective == 0 else Status.FEASIBLE)


def test_a_tiny_limit_on_a_generated_plan_writes_a_roster_that_keeps_every_hard_rule(
    tmp_path: Path,
) -> None:
    # A limit of a tenth of a second: whatever stage it ends in, the command writes a
    # roster (``solve_plan`` raises ``RosterBug`` on any hard violation) and says why
    # each level stopped.
    folder = tmp_path / "plan"
    write_plan(generate_plan(60, 18, 14, seed=9, areas=False, shifts="8h"), folder)
    outcome = solve_plan(
        folder, tmp_path / "out", all_rules(), SolverConfig(time_limit=0.1, workers=1), lang="en"
    )
    assert outcome.result.roster is not None
    assert not hard_violations(outcome.violations)
    assert outcome.result.hit_time_limit
    report = json.loads((tmp_path / "out" / "solve.json").read_text(encoding="utf-8"))
    assert report["levels"]
    assert {level["stopped"] for level in report["levels"]} <= STOPPED
    assert (tmp_path / "out" / "roster.csv").exists()
    # The command's own time is kept; past S + max(10 % of S, 5 s) the summary says so.
    assert outcome.seconds is not None
    said = label("summary_overran", "en").split("{")[0]
    outcome.seconds = 0.1 + 5.0
    assert not overran(outcome)
    assert not any(line.startswith(said) for line in solve_summary(outcome))
    outcome.seconds = 0.1 + 5.1
    assert overran(outcome)
    assert solve_summary(outcome)[-1].startswith(said)


def test_without_a_limit_a_small_plan_ends_by_itself(tmp_path: Path) -> None:
    # Every level but the wishes proven, the wishes proven or stalled; never the backstop.
    folder = tmp_path / "plan"
    write_plan(generate_plan(12, 3, 3, seed=2), folder)
    config = SolverConfig(time_limit=120, stop_when_stalled=True, workers=2, seed=1)
    outcome = solve_plan(folder, tmp_path / "out", all_rules(), config, lang="en")
    result = outcome.result
    assert result.roster is not None
    assert not result.hit_time_limit
    *earlier, wishes = result.tiers
    assert all(t.status is Status.OPTIMAL for t in earlier)
    assert wishes.status is Status.OPTIMAL or wishes.stalled
    report = json.loads((tmp_path / "out" / "solve.json").read_text(encoding="utf-8"))
    *before, last = report["levels"]
    assert {level["stopped"] for level in before} == {"proven"}
    assert last["stopped"] in {"proven", "stalled"}
