"""How one level is searched: the extension point of the tier loop (``roster.engine.solve``).

The loop decides each level's time and what its outcome means; a ``LevelSearch`` decides
which CP-SAT solves find the level's roster in that time. ``plain`` minimises the level
once; ``roster.engine.warm_up`` first minimises a joined level's first tier alone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.engine.interrupt import interrupted, running
from roster.engine.model import Expr, RosterModel
from roster.result import Finding, Level, Progress, ProgressFn, SolverConfig
from roster.rules import Subject


def findings(
    model: RosterModel, level: Level, value: Callable[[Expr], float]
) -> tuple[Finding, ...]:
    """The ``Finding``s of a roster at ``level``, its values read by ``value``: each rule's
    subjects (a post, a person's share, a wish) with a cost above nothing, counted once
    however many costs they have."""
    titles = {rule.name: rule.title for rule in model.rules}
    unmet: dict[str, set[Subject]] = {}
    for penalty in model.penalties:
        if penalty.tier in level and value(penalty.expr) > 0:
            unmet.setdefault(penalty.rule, set()).add(penalty.subject)
    return tuple(
        Finding(rule, titles.get(rule, {"en": rule, "zh": rule}), len(subjects))
        for rule, subjects in unmet.items()
    )


class SearchCallback(cp_model.CpSolverSolutionCallback):
    """Reports each better roster as ``Progress`` of ``level`` (with its findings if given
    the ``model``), and keeps when it came and how far it was from the bound (a warm-up
    stops on those)."""

    def __init__(
        self,
        level: Level,
        report: ProgressFn | None,
        started: float,
        model: RosterModel | None = None,
    ) -> None:
        super().__init__()
        self.level, self.report, self.started, self.model = level, report, started, model
        self.improved: float | None = None  # when the last better roster was found
        self.gap = 1.0  # the last roster's distance from the bound, relative to its cost

    def on_solution_callback(self) -> None:
        self.improved = time.monotonic()
        value, bound = self.objective_value, self.best_objective_bound
        self.gap = (value - bound) / value if value > 0 else 0.0
        if self.report:
            model = self.model
            self.report(
                Progress(
                    self.level,
                    self.objective_value,
                    self.best_objective_bound,
                    time.monotonic() - self.started,
                    None if model is None else lambda: findings(model, self.level, self.value),
                )
            )


def set_parameters(solver: cp_model.CpSolver, config: SolverConfig, seconds: float) -> None:
    """Give ``solver`` the config's parameters and at most ``seconds`` (0.05 at least): of
    the clock, or in deterministic mode of CP-SAT's deterministic time, with one worker
    (``SolverConfig.deterministic``)."""
    if config.deterministic:
        solver.parameters.max_deterministic_time = max(0.05, seconds)
        solver.parameters.num_workers = 1
    else:
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


@dataclass
class LevelJob:
    """One level to search, as the loop hands it over: ``solver`` to search with,
    ``seconds`` of time for the level, ending by ``deadline`` (``time.monotonic``)."""

    model: RosterModel
    solver: cp_model.CpSolver
    config: SolverConfig
    level: Level
    objective: Expr
    seconds: float
    deadline: float
    on_progress: ProgressFn | None
    started: float  # when the whole solve started, for ``Progress``
    may_stall: bool = False  # may stop on the stall rule (``plain``)

    def callback(self, level: Level | None = None) -> SearchCallback:
        """A callback reporting rosters of ``level`` (by default the job's)."""
        return SearchCallback(
            self.level if level is None else level, self.on_progress, self.started, self.model
        )

    def minimize(self, callback: SearchCallback, part: float = 1.0) -> cp_model.CpSolverStatus:
        """Minimise the level with ``solver`` for ``part`` of the time left until the
        deadline (after Ctrl-C only long enough to take the roster already found; in
        deterministic mode ``part`` of ``seconds`` of deterministic time)."""
        if interrupted():
            seconds = 0.05
        elif self.config.deterministic:
            seconds = self.seconds
        else:
            seconds = self.deadline - time.monotonic()
        self.model._cp.minimize(self.objective)
        set_parameters(self.solver, self.config, seconds * part)
        with running(self.solver):
            return self.solver.solve(self.model._cp, callback)


@dataclass(frozen=True)
class LevelEnd:
    """How a level's search ended: the solver that holds its last roster and status, a
    bound on the level proven on the way (0 if none), and whether the solver's own bound
    holds only for the rosters a hold kept (so it says nothing about the level)."""

    solver: cp_model.CpSolver
    code: cp_model.CpSolverStatus
    bound: int = 0
    held: bool = False
    stalled: bool = False  # stopped by the stall rule, not by time or a proof


LevelSearch = Callable[[LevelJob], LevelEnd]
"""Searches one level within its job's time; it may add to the model (a hold), but must
leave the level's roster, if any, in the returned solver."""


#: The stall rule (``SolverConfig.stop_when_stalled``), for the last level (the wishes),
#: which need not be proven best: it stops once no better roster has come for
#: ``STALL_PART`` of the time the whole solve has run (at least ``STALL_MIN`` seconds) ...
STALL_PART = 0.1
STALL_MIN = 1.0

#: ... or once it has run for ``WISHES_PART`` of the time the levels before it took (at
#: least ``STALL_MIN``): the wishes get effort in proportion to the rest of the plan ...
WISHES_PART = 0.25

#: ... or once its roster is within this part of its cost from the bound
#: (benchmarks/RESULTS.md, "The stall rule").
STALL_GAP = 0.02


def plain(job: LevelJob) -> LevelEnd:
    """Minimise the level once, in all of its time (or until it stalls, if it may)."""
    callback = job.callback()
    if not job.may_stall:
        return LevelEnd(job.solver, job.minimize(callback))
    began = time.monotonic()
    enough = max(STALL_MIN, WISHES_PART * (began - job.started))

    def stalled() -> bool:
        if callback.improved is None:
            return False  # not even a roster yet
        now = time.monotonic()
        quiet = now - callback.improved > max(STALL_MIN, STALL_PART * (now - job.started))
        return quiet or now - began > enough or callback.gap <= STALL_GAP

    with StopWhen(job.solver, stalled):
        code = job.minimize(callback)
    return LevelEnd(job.solver, code, stalled=code == cp_model.FEASIBLE and stalled())
