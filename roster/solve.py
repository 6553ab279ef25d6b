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
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import FrameType

from ortools.sat.python import cp_model

from roster.build import RosterModel
from roster.greedy import first_roster
from roster.index import PlanIndex
from roster.model import Tier
from roster.roster import Roster
from roster.rules import Rule

log = logging.getLogger(__name__)

Level = tuple[Tier, ...]


class Status(StrEnum):
    """CP-SAT's own statuses, kept apart (a model bug must not look like a hard plan)."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    MODEL_INVALID = "MODEL_INVALID"
    UNKNOWN = "UNKNOWN"


#: CP-SAT parameters of a solve unless told otherwise. With 2 workers CP-SAT runs one
#: full-problem worker and one for first solutions and neighbourhood search; making the
#: former the LP-guided tree search proves the soft tiers far better: on nanchang-road the
#: preferences bound rose from 31-37 to 41-42 in 30 s (optimum 45, proven in 92 s), and on
#: the flu week the coverage level is proven (45) instead of left at 49 against a bound of
#: 0 (benchmarks/RESULTS.md).
DEFAULT_PARAMETERS: dict[str, object] = {"subsolvers": ["lb_tree_search"]}


#: A warm-up (``_warm_up``) also ends when this part of its time passes without a better
#: roster. On Curtois Instance9 the first tier's best came at 5 s and nothing better until
#: 23 s, time the whole level needed; on Instance12 better rosters come every 2-15 s all
#: along, and at 0.2 (9 s) one run stopped at 31 s and ended at 6 079 (benchmarks/RESULTS.md).
WARM_UP_STALL = 0.35


@dataclass(frozen=True)
class SolverConfig:
    """Solver settings, always recorded with the result."""

    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    strict: bool = False
    log_search: bool = False
    greedy_start: bool = True
    """Without a hint, start from a greedy roster of the critical and high posts
    (``roster.greedy``)."""
    warm_up: float = 0.75
    """For a level of tiers joined by "+": the part of its time spent first on its first
    tier alone (ending early once that is proven, or stalls), as a hint for the whole
    level (``_warm_up``). 0 turns it off."""
    extra: dict[str, object] = field(default_factory=lambda: dict(DEFAULT_PARAMETERS))
    """CP-SAT parameters by name (``{"linearization_level": 2}``), set last; by default
    ``DEFAULT_PARAMETERS``."""


@dataclass(frozen=True)
class Progress:
    """One improving roster found during search."""

    level: Level
    objective: float
    bound: float
    seconds: float


@dataclass(frozen=True)
class TierResult:
    """How one level's solve ended (a level is a tier, or tiers joined by "+")."""

    level: Level
    status: Status
    objective: int | None
    bound: int | None
    seconds: float


@dataclass
class SolveResult:
    """The outcome of a solve; ``roster`` is None only when no roster was found."""

    status: Status
    roster: Roster | None
    tiers: list[TierResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    hit_time_limit: bool = False
    config: SolverConfig = field(default_factory=SolverConfig)

    @property
    def objective(self) -> dict[Level, int]:
        """The solver's cost per level (to be compared with the checker's)."""
        return {t.level: t.objective for t in self.tiers if t.level and t.objective is not None}


ProgressFn = Callable[[Progress], None]


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, level: Level, report: ProgressFn | None, started: float) -> None:
        super().__init__()
        self.level, self.report, self.started = level, report, started
        self.improved: float | None = None  # when the last better roster was found

    def on_solution_callback(self) -> None:
        self.improved = time.monotonic()
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
    Ctrl-C stops the search and keeps the best roster found so far.
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
    with stop:
        for k, level in enumerate(levels):
            remaining = config.time_limit - (time.monotonic() - started)
            if remaining <= 0.05 or stop.interrupted:
                result.hit_time_limit = not stop.interrupted
                break
            objective = model.level_expr(level)
            if not solved and model.start and round(model.start.value(objective)) == 0:
                # The starting roster already costs nothing at this level (and at the ones
                # before): that is optimal, costs are never negative. Skip a solve whose
                # presolve alone can take half a minute on a big plan.
                result.tiers.append(TierResult(level, Status.OPTIMAL, 0, 0, 0.0))
                result.roster = model.decode(model.start)
                if on_progress:
                    on_progress(Progress(level, 0, 0, time.monotonic() - started))
                if level:
                    model.cp.add(objective <= 0)
                continue
            # Earlier levels matter more: each may use half of what is left (or its even
            # share, if larger); time a level does not need flows on to the next. The first
            # solve may use all of it: until then there is no roster, or only the greedy
            # start, and on a big plan CP-SAT's presolve alone takes half a minute.
            share = 1.0 if not solved else max(0.5, 1 / (len(levels) - k))
            tier_started = time.monotonic()
            deadline = tier_started + remaining * share
            warm_bound = 0
            if len(level) > 1 and config.warm_up > 0:
                warm_bound = _warm_up(
                    model,
                    solver,
                    config,
                    level,
                    remaining * share * config.warm_up,
                    _Callback(level[:1], on_progress, started),
                )
            # After Ctrl-C in the warm-up, only long enough to take the warm-up's roster.
            seconds_left = 0.05 if stop.interrupted else deadline - time.monotonic()
            model.cp.minimize(objective)
            _set_parameters(solver, config, seconds_left)
            code = solver.solve(model.cp, _Callback(level, on_progress, started))
            solved = True
            status = Status(solver.status_name(code))
            seconds = time.monotonic() - tier_started
            if status in (Status.OPTIMAL, Status.FEASIBLE):
                value = round(solver.objective_value)
                # The first tier's bound holds for the level too: the other costs are >= 0.
                bound = max(round(solver.best_objective_bound), warm_bound)
                if bound >= value:
                    status = Status.OPTIMAL
                result.tiers.append(TierResult(level, status, value, bound, seconds))
                # A later level may still lower an earlier one that was only held at "<=":
                # record what the final roster costs.
                result.tiers = [
                    replace(t, objective=round(solver.value(model.level_expr(t.level))))
                    for t in result.tiers
                ]
                result.roster = model.decode(solver)
                result.hit_time_limit |= status is Status.FEASIBLE
                # Hold this level at what it reached, and start the next one from here,
                # hinting every variable (not only assignments) so the hint is complete.
                if level:
                    model.cp.add(objective <= value)
                model.hint_solution(solver)
            else:
                result.tiers.append(TierResult(level, status, None, None, seconds))
                if status is Status.UNKNOWN:
                    result.hit_time_limit = not stop.interrupted
                if result.roster is None:
                    result.status = status
                break
    result.interrupted = stop.interrupted
    if result.roster is not None:
        done = [t.status for t in result.tiers]
        proven = len(done) == len(levels) and all(s is Status.OPTIMAL for s in done)
        result.status = Status.OPTIMAL if proven else Status.FEASIBLE
    result.seconds = time.monotonic() - started
    return result


def _warm_up(
    model: RosterModel,
    solver: cp_model.CpSolver,
    config: SolverConfig,
    level: Level,
    seconds: float,
    callback: _Callback,
) -> int:
    """Before a level of joined tiers, minimise its first tier alone and hint the roster
    found; return the first tier's proven bound (0 if none).

    Joined tiers are one weighted sum (the benchmarks' objective), and the first tier is
    usually the heavy part (coverage at 100 per person short, requests at 1-3). CP-SAT
    finds far better rosters for that part alone, whose LP it can solve, than for the
    whole sum, whose LP it does not finish on large instances: on Curtois Instance12 the
    whole sum alone ends at 5 600-6 200 with a bound of 10; up to three quarters of the
    time on coverage first, then the rest, end at 4 870-6 400 (median about 5 080), the
    bound 3 700 (benchmarks/RESULTS.md). It does not pay everywhere: it cost Instance9 about
    7 %, so the Curtois bench now runs without it and starts Instances 11 and 12 from their
    shift classes instead (``roster.bench.classes``).
    """
    first = model.level_expr(level[:1])
    model.cp.minimize(first)
    _set_parameters(solver, config, seconds)
    with _StopWhenStalled(solver, callback, seconds * WARM_UP_STALL):
        code = solver.solve(model.cp, callback)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0
    model.hint_solution(solver)
    return max(0, round(solver.best_objective_bound))


class _StopWhenStalled:
    """Stops a solve once ``seconds`` pass without a better roster (a watcher thread:
    CP-SAT calls back only when it finds one). Not before the first roster: on a big plan
    the presolve alone can take half a minute."""

    def __init__(self, solver: cp_model.CpSolver, callback: _Callback, seconds: float) -> None:
        self.solver, self.callback, self.seconds = solver, callback, seconds
        self.done = threading.Event()
        self.watcher = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self.done.wait(0.2):
            improved = self.callback.improved
            if improved is not None and time.monotonic() - improved > self.seconds:
                self.solver.stop_search()
                return

    def __enter__(self) -> _StopWhenStalled:
        self.watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.watcher.join()


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
