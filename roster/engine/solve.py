"""Solve a plan: build the model, then minimise the tiers one after another.

Tiers (design §4) never trade against each other: each tier is minimised with the earlier
tiers' costs held at their optimum (or at the best value found when time ran out), starting
from the previous tier's roster as a hint. No big-M weights, so nothing can overflow and a
lower tier can never outvote a higher one. How one level is searched within its time is a
``LevelSearch`` (``roster.engine.search``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from ortools.sat.python import cp_model

from roster.check.violations import check, hard_violations, level_costs
from roster.engine import warm_up
from roster.engine.candidates import narrow, pair_budget
from roster.engine.greedy import first_roster
from roster.engine.interrupt import Interrupt, interrupted
from roster.engine.model import OutOfTime, RosterModel
from roster.engine.search import LevelJob, LevelSearch, findings, plain
from roster.plan.index import PlanIndex
from roster.plan.model import Tier
from roster.result import (
    Level,
    Progress,
    ProgressFn,
    SolverConfig,
    SolveResult,
    Status,
    TierResult,
)
from roster.roster import Roster
from roster.rules import Rule, RuleSet

log = logging.getLogger(__name__)


def solve(
    index: PlanIndex,
    rules: Sequence[Rule],
    config: SolverConfig | None = None,
    *,
    on_progress: ProgressFn | None = None,
    hint: Roster | None = None,
    prepare: Callable[[RosterModel], None] | None = None,
    search: LevelSearch = warm_up.search,
    started: float | None = None,
    reserve: float = 0.0,
) -> SolveResult:
    """Find a roster for ``index`` under ``rules``, tier by tier, within
    ``config.time_limit`` of ``started`` (``time.monotonic()``, by default now; a command
    passes when it started, so that reading the plan counts too), less ``reserve`` seconds
    the caller needs afterwards (checking and writing the roster).

    ``prepare`` may add to the model before solving (reschedule freezes the past there).
    ``search`` searches each level in its time: by default plainly, a level of tiers joined
    by "+" first on its first tier (``roster.engine.warm_up``, ``SolverConfig.warm_up``).
    Ctrl-C at any moment (``roster.engine.interrupt``) stops the stage under way, starts no
    other, and keeps the best roster found so far (``SolveResult.interrupted``). If time
    runs out (or Ctrl-C comes) before any solve finds a roster, the completed start is the
    roster (``_keep_start``). With ``config.deterministic`` the levels' time is CP-SAT's
    deterministic time, not the clock's, so the same plan, seed and limit give the same
    roster (on the same machine and OR-Tools version).
    """
    config = config or SolverConfig()
    with Interrupt():
        started = time.monotonic() if started is None else started
        return _solve(index, rules, config, on_progress, hint, prepare, search, started, reserve)


#: The greedy start may choose among this many times the model's pairs (``candidates``).
GREEDY_PAIRS = 2

#: The greedy start may run until this part of the search's time has passed (on a big
#: plan with a short limit it is all there is) ...
GREEDY_PART = 1.0

#: ... and building the model until this part: past it, or if building would take longer
#: at about ``BUILD_SECONDS_PER_PAIR`` (benchmarks/RESULTS.md, "Big plans without areas"),
#: the start is the roster, as a model CP-SAT would have no time to search is no use
#: (``_start_alone``).
BUILD_PART = 0.8
BUILD_SECONDS_PER_PAIR = 1 / 15_000

#: A caller's ``reserve`` (time to check and write the roster after the search) takes at
#: most this part of the time limit.
RESERVE_PART = 0.35

#: A level is not started with less than this many seconds left: it is skipped, and said so.
LEVEL_MIN = 0.3


def _solve(
    index: PlanIndex,
    rules: Sequence[Rule],
    config: SolverConfig,
    on_progress: ProgressFn | None,
    hint: Roster | None,
    prepare: Callable[[RosterModel], None] | None,
    search: LevelSearch,
    started: float,
    reserve: float,
) -> SolveResult:
    """``solve`` with Ctrl-C watched: each stage asks ``interrupted()`` before it starts."""
    # Deterministic mode counts CP-SAT's own time only; the clock decides nothing there.
    clock = not config.deterministic

    # The search ends by ``end``, leaving the caller its ``reserve``.
    end = started + config.time_limit - min(reserve, RESERVE_PART * config.time_limit)

    def by(part: float) -> float | None:
        return started + part * (end - started) if clock else None

    kept = [(d.person, d.place) for d in hint.duties] if hint is not None else []
    kept += [(d.person, d.place) for rule in rules for d in rule.forced(index)]
    rule_set, budget = RuleSet(list(rules)), pair_budget(config.time_limit)
    if hint is None and config.greedy_start:
        # The greedy start is quick per pair: it may choose from more people than the
        # model, and the model then keeps every place the start uses.
        wider = narrow(index, rule_set, GREEDY_PAIRS * budget, kept)
        hint = first_roster(index, rules, stopped=_stop_at(by(GREEDY_PART)), allowed=wider.pairs)
        if hint is not None and wider.narrowed:
            kept += [(d.person, d.place) for d in hint.duties]
    build_by = by(BUILD_PART)
    # Ctrl-C, or the start took the time the model needed: the start is all there will be.
    if interrupted() or (build_by is not None and time.monotonic() >= build_by):
        return _start_alone(index, rules, config, hint, started)
    narrowing = narrow(index, rule_set, budget, kept)
    allowed = narrowing.pairs
    too_late = (
        build_by is not None and time.monotonic() + BUILD_SECONDS_PER_PAIR * len(allowed) > build_by
    )
    if too_late or interrupted():
        return _start_alone(index, rules, config, hint, started)  # no time to build it
    try:
        model = RosterModel(index, rules, strict=config.strict, allowed=allowed, deadline=build_by)
    except OutOfTime:
        return _start_alone(index, rules, config, hint, started)
    narrowed = (len(allowed), narrowing.possible) if narrowing.narrowed else None
    if prepare:
        prepare(model)
    if hint is not None:
        # A quarter of the time at most: with every assignment fixed, little is left to do.
        seconds = config.time_limit / 4
        if clock:
            seconds = min(seconds, (end - time.monotonic()) / 4)
        model.hint(hint, seconds=max(0.05, seconds), deterministic=config.deterministic)
    if config.deterministic:
        search = plain  # a warm-up ends on a stall, which the clock decides
    levels: list[Level] = model.levels() or [()]
    result = SolveResult(Status.UNKNOWN, None, config=config, narrowed=narrowed)
    solver = cp_model.CpSolver()
    spent = 0.0  # deterministic mode: CP-SAT's deterministic time used so far
    solved = False  # whether CP-SAT has run yet
    last: cp_model.CpSolver | None = None  # the solver holding the roster so far
    from_start = False  # whether the roster is the completed start's, not a solve's
    for k, level in enumerate(levels):
        # The levels before are held now: what follows from that may help this one.
        model.switch_on(tier for held in levels[:k] for tier in held)
        objective = model.level_expr(level)
        # The roster so far (the completed start, or the last level's) may already cost
        # nothing at this level: that is optimal, costs are never negative. Skip a solve
        # whose presolve alone can take half a minute on a big plan (and a good part of a
        # second on a small one).
        current = last if solved else model.start
        if current is not None and round(current.value(objective)) == 0:
            result.tiers.append(TierResult(level, Status.OPTIMAL, 0, 0, 0.0))
            if not solved:
                result.roster, from_start = model.decode(current), True
            if on_progress:
                on_progress(Progress(level, 0, 0, time.monotonic() - started, tuple))
            if level:
                model._cp.add(objective <= 0)
            continue
        clock_left = end - time.monotonic()
        remaining = config.time_limit - spent if config.deterministic else clock_left
        if remaining < LEVEL_MIN or interrupted():
            result.hit_time_limit = not interrupted()
            skipped = [
                TierResult(lv, Status.UNKNOWN, None, None, 0.0, skipped=True) for lv in levels[k:]
            ]
            result.tiers += skipped
            break
        # Earlier levels matter more: each may use half of what is left (or its even
        # share, if larger); time a level does not need flows on to the next. The first
        # solve may use all of it: until then there is no roster, or only the greedy
        # start, and on a big plan CP-SAT's presolve alone takes half a minute.
        share = 1.0 if not solved else max(0.5, 1 / (len(levels) - k))
        tier_started = time.monotonic()
        job = LevelJob(
            model,
            solver,
            config,
            level,
            objective,
            seconds=remaining * share,
            deadline=tier_started + remaining * share,
            on_progress=on_progress,
            started=started,
            may_stall=config.stop_when_stalled and k == len(levels) - 1,
        )
        ending = search(job)
        solver = ending.solver  # a search may end on a solver of its own
        solved = True
        spent += solver.deterministic_time
        status = Status(solver.status_name(ending.code))
        seconds = time.monotonic() - tier_started
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            value = round(solver.objective_value)
            # Held, CP-SAT's bound holds only for the rosters the hold kept; a bound
            # proven on the way (a warm-up's) holds for the whole level.
            own = 0 if ending.held else round(solver.best_objective_bound)
            bound: int | None = max(own, ending.bound)
            if narrowed is not None and value > 0:
                bound = None  # a bound on the rosters kept, not on the plan's
            status = Status.OPTIMAL if bound is not None and bound >= value else Status.FEASIBLE
            stalled = ending.stalled and status is Status.FEASIBLE
            result.tiers.append(TierResult(level, status, value, bound, seconds, stalled))
            # A later level may still lower an earlier one that was only held at "<=":
            # record what the final roster costs.
            result.tiers = [
                replace(t, objective=round(solver.value(model.level_expr(t.level))))
                for t in result.tiers
            ]
            result.roster, from_start = model.decode(solver), False
            if on_progress:
                read = partial(findings, model, level, solver.value)
                elapsed = time.monotonic() - started
                shown = value if bound is None else bound
                on_progress(Progress(level, value, shown, elapsed, read, final=True))
            result.hit_time_limit |= status is Status.FEASIBLE and not interrupted() and not stalled
            # Hold this level at what it reached, and start the next one from here,
            # hinting every variable (not only assignments) so the hint is complete.
            if level:
                model._cp.add(objective <= value)
            model.hint_solution(solver)
            last = solver
        else:
            result.tiers.append(TierResult(level, status, None, None, seconds))
            if status is Status.UNKNOWN:
                result.hit_time_limit = not interrupted()
            if result.roster is None:
                result.status = status
            break
    result.interrupted = interrupted()
    no_roster = result.roster is None and result.status is Status.UNKNOWN
    if no_roster and model.start is None and hint is not None:
        # The start could not even be completed in time: it is still a roster.
        alone = _start_alone(index, rules, config, hint, started)
        alone.narrowed, alone.model_built = narrowed, True
        return alone
    if (result.roster is None or from_start) and model.start is not None:
        _keep_start(model, result, levels, on_progress, started)
    elif result.roster is not None:
        left = 0.0 if result.interrupted else end - time.monotonic()
        _tighten(model, result, _tighten_seconds(left))
    if result.roster is not None:
        done = [t.status for t in result.tiers]
        proven = len(done) == len(levels) and all(s is Status.OPTIMAL for s in done)
        result.status = Status.OPTIMAL if proven else Status.FEASIBLE
    result.interrupted = interrupted()
    result.seconds = time.monotonic() - started
    return result


def _stop_at(deadline: float | None) -> Callable[[], bool]:
    """Whether to stop now: after Ctrl-C, or once past ``deadline`` (if any)."""
    return lambda: interrupted() or (deadline is not None and time.monotonic() > deadline)


def _start_alone(
    index: PlanIndex,
    rules: Sequence[Rule],
    config: SolverConfig,
    start: Roster | None,
    started: float,
) -> SolveResult:
    """The outcome when the model could not be built within the limit: the start (greedy,
    or the roster being rescheduled) is the roster if it keeps every hard rule, each level
    at the cost the rules give it, unsearched. Better than running past the limit."""
    result = SolveResult(Status.UNKNOWN, None, config=config, hit_time_limit=True)
    result.model_built = False
    found = check(start, rules) if start is not None else []
    # Under --strict a critical post left short is as bad as a broken hard rule.
    short = config.strict and any(v.tier is Tier.CRITICAL and v.cost > 0 for v in found)
    if start is not None and not hard_violations(found) and not short:
        costs = level_costs(found, [lv for lv in index.plan.levels if lv])
        result.roster, result.status = start, Status.FEASIBLE
        result.tiers = [_unsearched(level, cost, skipped=cost > 0) for level, cost in costs.items()]
    result.interrupted = interrupted()
    result.seconds = time.monotonic() - started
    return result


def _unsearched(level: Level, cost: int, *, skipped: bool) -> TierResult:
    """A level at the start's ``cost``, not searched: proven if it costs nothing (costs are
    never negative), else found but unproven."""
    if cost == 0:
        return TierResult(level, Status.OPTIMAL, 0, 0, 0.0)
    return TierResult(level, Status.FEASIBLE, cost, None, 0.0, skipped=skipped)


def _keep_start(
    model: RosterModel,
    result: SolveResult,
    levels: Sequence[Level],
    on_progress: ProgressFn | None,
    started: float,
) -> None:
    """Return the completed start (``RosterModel.hint``) when no solve found a roster in
    time: it keeps every hard rule, and its costs are already at their least, so each level
    not settled is recorded at the start's cost, unproven. Better than no roster at all
    when building the model and the start take the whole limit, as on very big plans
    (benchmarks/RESULTS.md, "The completed start as the roster")."""
    assert model.start is not None
    start = model.start
    result.roster = model.decode(start)
    settled = {t.level: t for t in result.tiers if t.objective is not None}
    skipped = {t.level for t in result.tiers if t.skipped}
    result.tiers = []
    for level in levels:
        tier = settled.get(level)
        if tier is None:
            cost = round(start.value(model.level_expr(level))) if level else 0
            tier = _unsearched(level, cost, skipped=level in skipped)
            if on_progress:
                seconds = time.monotonic() - started
                read = partial(findings, model, level, start.value)
                on_progress(Progress(level, cost, 0, seconds, read))
        result.tiers.append(tier)


#: At most this long to read the final roster's cost per level with every cost at its
#: least (``_tighten``): with every assignment fixed that takes well under a second ...
TIGHTEN_SECONDS = 5.0

#: ... and at least this long, even when the time limit is spent, so that a big plan runs
#: little past its limit (benchmarks/RESULTS.md, "TIGHTEN_SECONDS and TIGHTEN_FLOOR").
TIGHTEN_FLOOR = 1.0


def _tighten_seconds(left: float) -> float:
    """The time for ``_tighten`` when ``left`` seconds of the limit remain (maybe none)."""
    return min(TIGHTEN_SECONDS, max(TIGHTEN_FLOOR, left))


def _tighten(model: RosterModel, result: SolveResult, seconds: float) -> None:
    """Record each level's cost as the final roster has it, every cost at its least.

    A level held at "<=" keeps its cost variables anywhere up to the value held, and a
    later level may lower its real cost without pulling them down; a roster found before
    the proof may have slack in its own level too. With the roster's assignments fixed,
    the costs are minimised once more and read from there; left as they are if that finds
    nothing in ``seconds``, and marked inexact unless that minimum is proven."""
    assert result.roster is not None
    completed = model.complete(result.roster, seconds)
    # Proven least when the roster's cost meets its bound.
    result.costs_exact = (
        completed is not None and completed.objective_value == completed.best_objective_bound
    )
    if completed is None:
        return
    # Levels skipped, or searched without a roster, get the final roster's cost too.
    result.tiers = [
        replace(t, objective=round(completed.value(model.level_expr(t.level))))
        for t in result.tiers
    ]
