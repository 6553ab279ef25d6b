"""Solve a plan: build the model, then minimise the tiers one after another.

Tiers (design §4) never trade against each other: each tier is minimised with the earlier
tiers' costs held at their optimum (or at the best value found when time ran out), starting
from the previous tier's roster as a hint. No big-M weights, so nothing can overflow and a
lower tier can never outvote a higher one.
"""

from __future__ import annotations

import logging
import signal
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

    def on_solution_callback(self) -> None:
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
            model.cp.minimize(objective)
            # Earlier levels matter more: each may use half of what is left (or its even
            # share, if larger); time a level does not need flows on to the next. The first
            # solve may use all of it: until then there is no roster, or only the greedy
            # start, and on a big plan CP-SAT's presolve alone takes half a minute.
            share = 1.0 if not solved else max(0.5, 1 / (len(levels) - k))
            _set_parameters(solver, config, remaining * share)
            tier_started = time.monotonic()
            code = solver.solve(model.cp, _Callback(level, on_progress, started))
            solved = True
            status = Status(solver.status_name(code))
            seconds = time.monotonic() - tier_started
            if status in (Status.OPTIMAL, Status.FEASIBLE):
                value = round(solver.objective_value)
                bound = round(solver.best_objective_bound)
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
                model.cp.clear_hints()  # type: ignore[no-untyped-call]
                for i in range(len(model.cp.proto.variables)):
                    var = model.cp.get_int_var_from_proto_index(i)
                    model.cp.add_hint(var, solver.value(var))
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
