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

from roster.engine import warm_up
from roster.engine.greedy import first_roster
from roster.engine.interrupt import Interrupt, interrupted
from roster.engine.model import RosterModel
from roster.engine.search import LevelJob, LevelSearch, findings, plain
from roster.plan.index import PlanIndex
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
from roster.rules import Rule

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
) -> SolveResult:
    """Find a roster for ``index`` under ``rules``, tier by tier.

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
        return _solve(index, rules, config, on_progress, hint, prepare, search)


def _solve(
    index: PlanIndex,
    rules: Sequence[Rule],
    config: SolverConfig,
    on_progress: ProgressFn | None,
    hint: Roster | None,
    prepare: Callable[[RosterModel], None] | None,
    search: LevelSearch,
) -> SolveResult:
    """``solve`` with Ctrl-C watched: each stage asks ``interrupted()`` before it starts."""
    started = time.monotonic()
    model = RosterModel(index, rules, strict=config.strict)
    if prepare:
        prepare(model)
    if hint is None and config.greedy_start:
        hint = first_roster(index, rules, stopped=interrupted)
    if hint is not None:
        # A quarter of the time at most: with every assignment fixed, little is left to do.
        model.hint(hint, seconds=config.time_limit / 4, deterministic=config.deterministic)
    if config.deterministic:
        search = plain  # a warm-up ends on a stall, which the clock decides
    levels: list[Level] = model.levels() or [()]
    result = SolveResult(Status.UNKNOWN, None, config=config)
    solver = cp_model.CpSolver()
    spent = 0.0  # deterministic mode: CP-SAT's deterministic time used so far
    solved = False  # whether CP-SAT has run yet
    from_start = False  # whether the roster is the completed start's, not a solve's
    for k, level in enumerate(levels):
        objective = model.level_expr(level)
        if not solved and model.start and round(model.start.value(objective)) == 0:
            # The starting roster already costs nothing at this level (and at the ones
            # before): that is optimal, costs are never negative. Skip a solve whose
            # presolve alone can take half a minute on a big plan.
            result.tiers.append(TierResult(level, Status.OPTIMAL, 0, 0, 0.0))
            result.roster, from_start = model.decode(model.start), True
            if on_progress:
                on_progress(Progress(level, 0, 0, time.monotonic() - started, tuple))
            if level:
                model._cp.add(objective <= 0)
            continue
        used = spent if config.deterministic else time.monotonic() - started
        remaining = config.time_limit - used
        if remaining <= 0.05 or interrupted():
            result.hit_time_limit = not interrupted()
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
        )
        end = search(job)
        solver = end.solver  # a search may end on a solver of its own
        solved = True
        spent += solver.deterministic_time
        status = Status(solver.status_name(end.code))
        seconds = time.monotonic() - tier_started
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            value = round(solver.objective_value)
            # Held, CP-SAT's bound holds only for the rosters the hold kept; a bound
            # proven on the way (a warm-up's) holds for the whole level.
            own = 0 if end.held else round(solver.best_objective_bound)
            bound = max(own, end.bound)
            status = Status.OPTIMAL if bound >= value else Status.FEASIBLE
            result.tiers.append(TierResult(level, status, value, bound, seconds))
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
                on_progress(Progress(level, value, bound, elapsed, read, final=True))
            result.hit_time_limit |= status is Status.FEASIBLE and not interrupted()
            # Hold this level at what it reached, and start the next one from here,
            # hinting every variable (not only assignments) so the hint is complete.
            if level:
                model._cp.add(objective <= value)
            model.hint_solution(solver)
        else:
            result.tiers.append(TierResult(level, status, None, None, seconds))
            if status is Status.UNKNOWN:
                result.hit_time_limit = not interrupted()
            if result.roster is None:
                result.status = status
            break
    result.interrupted = interrupted()
    if (result.roster is None or from_start) and model.start is not None:
        _keep_start(model, result, levels, on_progress, started)
    elif result.roster is not None:
        left = 0.0 if result.interrupted else config.time_limit - (time.monotonic() - started)
        _tighten(model, result, _tighten_seconds(left))
    if result.roster is not None:
        done = [t.status for t in result.tiers]
        proven = len(done) == len(levels) and all(s is Status.OPTIMAL for s in done)
        result.status = Status.OPTIMAL if proven else Status.FEASIBLE
    result.interrupted = interrupted()
    result.seconds = time.monotonic() - started
    return result


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
    result.tiers = []
    for level in levels:
        tier = settled.get(level)
        if tier is None:
            cost = round(start.value(model.level_expr(level))) if level else 0
            tier = TierResult(level, Status.FEASIBLE, cost, None, 0.0)
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
    result.tiers = [
        replace(t, objective=round(completed.value(model.level_expr(t.level))))
        if t.objective is not None
        else t
        for t in result.tiers
    ]
