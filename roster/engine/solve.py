"""Solve a plan: build the model, then minimise the tiers one after another.

Tiers (design §4) never trade against each other: each tier is minimised with the earlier
tiers' costs held at their optimum (or at the best value found when time ran out), starting
from the previous tier's roster as a hint. No big-M weights, so nothing can overflow and a
lower tier can never outvote a higher one.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from types import FrameType

from ortools.sat.python import cp_model

from roster.engine.greedy import first_roster
from roster.engine.model import RosterModel, set_domain
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

#: A warm-up (``_warm_up``) also ends when this part of its time passes without a better
#: roster. On Curtois Instance9 the first tier's best came at 5 s and nothing better until
#: 23 s, time the whole level needed: at 0.35 (16 s of a minute) it ended at 450-481, at
#: 10-11 s at 439-445. (Instance12, whose better rosters came every 2-15 s, now starts
#: from its shift classes instead, without a warm-up; benchmarks/RESULTS.md.)
WARM_UP_STALL = 0.25

#: ... but not while its best roster is within this part of its cost from the bound: the
#: proof, which lets the whole level hold the tier (``_warm_up``), may come late. Curtois
#: Instance8 (1 300 found, bound 1 200) proved 1 200 after 9-24 s, a stall of over 10 s
#: on the way; Instance9 (400 against a bound of 200) gains nothing from waiting.
WARM_UP_NEAR = 0.2

#: A level held after its warm-up (``_warm_up``) searches the held rosters for this part of
#: its time, then all of them from the best found (``_free``): held to the end, Curtois
#: Instance10 ended at 5 053-5 172 and the bounds of Instances 5-8 fell to the warm-up's.
#: A quarter rather than a half, because the freed search does most of the late gains:
#: over sixteen 60 s runs Instance7 came within 1 % of its best known in 13 (median 1 062)
#: against 8 (median 1 067) at a half, Instance8 within 5 % in 3 of 8 against 2 of 8, and
#: Instance10 ended at 4 667-4 700 against 4 649-4 802 (benchmarks/RESULTS.md, run W).
HELD_PART = 0.25


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, level: Level, report: ProgressFn | None, started: float) -> None:
        super().__init__()
        self.level, self.report, self.started = level, report, started
        self.improved: float | None = None  # when the last better roster was found
        self.gap = 1.0  # the last roster's distance from the bound, relative to its cost

    def on_solution_callback(self) -> None:
        self.improved = time.monotonic()
        value, bound = self.objective_value, self.best_objective_bound
        self.gap = (value - bound) / value if value > 0 else 0.0
        if self.report:
            self.report(
                Progress(
                    self.level,
                    self.objective_value,
                    self.best_objective_bound,
                    time.monotonic() - self.started,
                )
            )


def solve(
    index: PlanIndex,
    rules: Sequence[Rule],
    config: SolverConfig | None = None,
    *,
    on_progress: ProgressFn | None = None,
    hint: Roster | None = None,
    prepare: Callable[[RosterModel], None] | None = None,
) -> SolveResult:
    """Find a roster for ``index`` under ``rules``, tier by tier.

    ``prepare`` may add to the model before solving (reschedule freezes the past there).
    Ctrl-C stops the search and keeps the best roster found so far. If time runs out (or
    Ctrl-C comes) before any solve finds a roster, the completed start is the roster
    (``_keep_start``).
    """
    config = config or SolverConfig()
    started = time.monotonic()
    model = RosterModel(index, rules, strict=config.strict)
    if prepare:
        prepare(model)
    if hint is None and config.greedy_start:
        hint = first_roster(index, rules)
    if hint is not None:
        # A quarter of the time at most: with every assignment fixed, little is left to do.
        model.hint(hint, seconds=config.time_limit / 4)
    levels: list[Level] = model.levels() or [()]
    result = SolveResult(Status.UNKNOWN, None, config=config)
    solver = cp_model.CpSolver()
    stop = _StopOnInterrupt(solver)
    solved = False  # whether CP-SAT has run yet
    from_start = False  # whether the roster is the completed start's, not a solve's
    with stop:
        for k, level in enumerate(levels):
            objective = model.level_expr(level)
            if not solved and model.start and round(model.start.value(objective)) == 0:
                # The starting roster already costs nothing at this level (and at the ones
                # before): that is optimal, costs are never negative. Skip a solve whose
                # presolve alone can take half a minute on a big plan.
                result.tiers.append(TierResult(level, Status.OPTIMAL, 0, 0, 0.0))
                result.roster, from_start = model.decode(model.start), True
                if on_progress:
                    on_progress(Progress(level, 0, 0, time.monotonic() - started))
                if level:
                    model._cp.add(objective <= 0)
                continue
            remaining = config.time_limit - (time.monotonic() - started)
            if remaining <= 0.05 or stop.interrupted:
                result.hit_time_limit = not stop.interrupted
                break
            # Earlier levels matter more: each may use half of what is left (or its even
            # share, if larger); time a level does not need flows on to the next. The first
            # solve may use all of it: until then there is no roster, or only the greedy
            # start, and on a big plan CP-SAT's presolve alone takes half a minute.
            share = 1.0 if not solved else max(0.5, 1 / (len(levels) - k))
            tier_started = time.monotonic()
            deadline = tier_started + remaining * share
            warm_bound, hold = 0, None
            if len(level) > 1 and config.warm_up > 0:
                warm_bound, hold = _warm_up(
                    model,
                    solver,
                    config,
                    level,
                    remaining * share * config.warm_up,
                    _Callback(level[:1], on_progress, started),
                )
            # After Ctrl-C in the warm-up, only long enough to take the warm-up's roster.
            seconds_left = 0.05 if stop.interrupted else deadline - time.monotonic()
            model._cp.minimize(objective)
            _set_parameters(solver, config, seconds_left * (1.0 if hold is None else HELD_PART))
            callback = _Callback(level, on_progress, started)
            code = solver.solve(model._cp, callback)
            found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            if hold is not None and found and not stop.interrupted:
                freed = _free(model, solver, hold, config, deadline - time.monotonic(), callback)
                if freed is not None:
                    (solver, code), hold = freed, None
                    stop.solver = solver
            solved = True
            status = Status(solver.status_name(code))
            seconds = time.monotonic() - tier_started
            if status in (Status.OPTIMAL, Status.FEASIBLE):
                value = round(solver.objective_value)
                # The first tier's bound holds for the level too: the other costs are
                # never negative. Held, CP-SAT's bound holds only for the rosters that
                # keep the first tier's costs where the warm-up left them.
                own = 0 if hold is not None else round(solver.best_objective_bound)
                bound = max(own, warm_bound)
                status = Status.OPTIMAL if bound >= value else Status.FEASIBLE
                result.tiers.append(TierResult(level, status, value, bound, seconds))
                # A later level may still lower an earlier one that was only held at "<=":
                # record what the final roster costs.
                result.tiers = [
                    replace(t, objective=round(solver.value(model.level_expr(t.level))))
                    for t in result.tiers
                ]
                result.roster, from_start = model.decode(solver), False
                result.hit_time_limit |= status is Status.FEASIBLE
                # Hold this level at what it reached, and start the next one from here,
                # hinting every variable (not only assignments) so the hint is complete.
                if level:
                    model._cp.add(objective <= value)
                model.hint_solution(solver)
            else:
                result.tiers.append(TierResult(level, status, None, None, seconds))
                if status is Status.UNKNOWN:
                    result.hit_time_limit = not stop.interrupted
                if result.roster is None:
                    result.status = status
                break
    result.interrupted = stop.interrupted
    if (result.roster is None or from_start) and model.start is not None:
        _keep_start(model, result, levels, on_progress, started)
    elif result.roster is not None:
        _tighten(model, result, _tighten_seconds(config.time_limit - (time.monotonic() - started)))
    if result.roster is not None:
        done = [t.status for t in result.tiers]
        proven = len(done) == len(levels) and all(s is Status.OPTIMAL for s in done)
        result.status = Status.OPTIMAL if proven else Status.FEASIBLE
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
    when building the model and the start take the whole limit (1 000 staff x 28 days did,
    78 s of a 60 s limit, before the greedy start was made faster; benchmarks/RESULTS.md)."""
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
                on_progress(Progress(level, cost, 0, time.monotonic() - started))
        result.tiers.append(tier)


#: At most this long to read the final roster's cost per level with every cost at its
#: least (``_tighten``): with every assignment fixed it takes well under a second on the
#: example plans (Curtois Instance12: 0.05 s) ...
TIGHTEN_SECONDS = 5.0

#: ... and at least this long, even when the time limit is spent: long enough for those,
#: while a big plan, whose copy CP-SAT cannot even presolve in 5 s, no longer runs 5 s past
#: the limit (500 staff x 28 days: 67.9 s for a 60 s limit, benchmarks/RESULTS.md).
TIGHTEN_FLOOR = 1.0


def _tighten_seconds(left: float) -> float:
    """The time for ``_tighten`` when ``left`` seconds of the limit remain (maybe none)."""
    return min(TIGHTEN_SECONDS, max(TIGHTEN_FLOOR, left))


def _tighten(model: RosterModel, result: SolveResult, seconds: float) -> None:
    """Record each level's cost as the final roster has it, every cost at its least.

    A level held at "<=" keeps its cost variables anywhere up to the value held, and a
    later level may lower its real cost without pulling them down (the example plan's
    fairness: 43 in the solver, 42 by the rules, on a loaded machine); a roster found
    before the proof may have slack in its own level too. With the roster's assignments
    fixed, the costs are minimised once more and read from there; left as they are if
    that finds nothing in ``seconds``."""
    assert result.roster is not None
    completed = model.complete(result.roster, seconds)
    if completed is None:
        return
    result.tiers = [
        replace(t, objective=round(completed.value(model.level_expr(t.level))))
        if t.objective is not None
        else t
        for t in result.tiers
    ]


def _warm_up(
    model: RosterModel,
    solver: cp_model.CpSolver,
    config: SolverConfig,
    level: Level,
    seconds: float,
    callback: _Callback,
) -> tuple[int, cp_model.IntVar | None]:
    """Before a level of joined tiers, minimise its first tier alone. Return the first
    tier's proven bound, and the variable that holds the level, if it is held.

    When the warm-up proves its tier optimal, its roster is hinted and each of that tier's
    costs (each critical post's shortfall) held at most where the roster has it, while the
    returned variable is true (``_free`` lets it go, after ``HELD_PART`` of the level's
    time). Held, the whole sum searches among rosters that cover every such post at least
    as well, and improves the other tiers far more steadily: Curtois Instance8 1 347-1 394
    in 60 s when its warm-up proves the shortfall, against a median of about 1 420 with no
    warm-up and 1 362-1 574 unheld (benchmarks/RESULTS.md). Held post by post, not in
    total: the total held was no better than nothing. Not held when the tier is not proven:
    on Instance9 (shortfall 400, bound 200) that gave 454-569 against 439-444 without a
    warm-up. Nor is an unproven roster hinted unless it is within ``WARM_UP_NEAR`` of the
    bound: good for the first tier only, it led Instance9's whole sum astray (450-481,
    against 440-443 in 44 s from no hint), while Instance8's 1 300 (bound 1 200) is a far
    better start than none (1 368 against 1 526 in a 30 s run whose warm-up missed 1 200).

    Joined tiers are one weighted sum (the benchmarks' objective), and the first tier is
    usually the heavy part (coverage at 100 per person short, requests at 1-3). CP-SAT
    finds far better rosters for that part alone, whose LP it can solve, than for the
    whole sum, whose LP it does not finish on large instances: on Curtois Instance12 the
    whole sum alone ends at 5 600-6 200 with a bound of 10; up to three quarters of the
    time on coverage first, then the rest, end at 4 870-6 400 (median about 5 080), the
    bound 3 700 (benchmarks/RESULTS.md). The Curtois bench now starts Instances 11 and 12
    from their shift classes instead (``roster.bench.classes``).
    """
    first = model.level_expr(level[:1])
    model._cp.minimize(first)
    _set_parameters(solver, config, seconds)
    with _StopWhenStalled(solver, callback, seconds * WARM_UP_STALL):
        code = solver.solve(model._cp, callback)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0, None
    bound = max(0, round(solver.best_objective_bound))
    if code != cp_model.OPTIMAL:
        if callback.gap <= WARM_UP_NEAR:
            model.hint_solution(solver)
        return bound, None
    model.hint_solution(solver)
    hold = model._cp.new_bool_var("hold the warm-up's first tier")
    for penalty in model.penalties:
        if penalty.tier == level[0]:
            model._cp.add(penalty.expr <= round(solver.value(penalty.expr))).only_enforce_if(hold)
    model._cp.add_hint(hold, 1)
    set_domain(model._cp, hold.index, 1, 1)
    return bound, hold


def _free(
    model: RosterModel,
    solver: cp_model.CpSolver,
    hold: cp_model.IntVar,
    config: SolverConfig,
    seconds: float,
    callback: _Callback,
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus] | None:
    """Let a held level go and solve it on from ``solver``'s roster for at most
    ``seconds``, among all rosters (so its bound holds for all of them); None if that found
    nothing (no time left): ``solver``'s roster then stands."""
    set_domain(model._cp, hold.index, 0, 1)
    model.hint_solution(solver)
    if seconds <= 0.05:
        return None
    freed = cp_model.CpSolver()
    _set_parameters(freed, config, seconds)
    code = freed.solve(model._cp, callback)
    return (freed, code) if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


class StopWhen:
    """Stops ``solver``'s search once ``reason()`` is true, asked every ``every`` seconds on
    a watcher thread: CP-SAT calls back only when it has news, and a stall is the absence
    of news."""

    def __init__(
        self, solver: cp_model.CpSolver, reason: Callable[[], bool], every: float = 0.2
    ) -> None:
        self.solver, self.reason, self.every = solver, reason, every
        self.done = threading.Event()
        self.watcher = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self.done.wait(self.every):
            if self.reason():
                self.solver.stop_search()
                return

    def __enter__(self) -> StopWhen:
        self.watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.watcher.join()


class _StopWhenStalled(StopWhen):
    """Stops a solve once ``seconds`` pass without a better roster. Not before the first
    roster: on a big plan the presolve alone can take half a minute. Not while the best
    roster is within ``WARM_UP_NEAR`` of the bound either: the proof, which holds the
    tier, may be near."""

    def __init__(self, solver: cp_model.CpSolver, callback: _Callback, seconds: float) -> None:
        super().__init__(solver, self._stalled)
        self.callback, self.seconds = callback, seconds

    def _stalled(self) -> bool:
        improved = self.callback.improved
        stalled = improved is not None and time.monotonic() - improved > self.seconds
        return stalled and self.callback.gap > WARM_UP_NEAR


def _set_parameters(solver: cp_model.CpSolver, config: SolverConfig, seconds: float) -> None:
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = config.workers
    solver.parameters.random_seed = config.seed
    solver.parameters.log_search_progress = config.log_search
    for name, value in config.extra.items():
        if isinstance(value, list | tuple):  # a repeated field (subsolvers, ...)
            repeated = getattr(solver.parameters, name)
            repeated.clear()
            repeated.extend(value)
        else:
            setattr(solver.parameters, name, value)


class _StopOnInterrupt:
    """While solving, Ctrl-C asks CP-SAT to stop and keep its best solution."""

    def __init__(self, solver: cp_model.CpSolver) -> None:
        self.solver = solver
        self.interrupted = False
        self._previous: object = None

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        self.interrupted = True
        self.solver.stop_search()

    def __enter__(self) -> _StopOnInterrupt:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: no Ctrl-C handling there
            self._previous = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
