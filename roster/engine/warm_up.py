"""A level of tiers joined by "+" (one weighted sum, as the Curtois benchmark solves its
objective) is first minimised on its first tier alone, then as a whole.

The first tier is usually the heavy part (coverage at 100 per person short, requests at
1-3); CP-SAT finds far better rosters for it alone than for the whole sum, and a proven
first tier, held for a while, steers the whole sum. Only a plan whose ``tiers`` join tiers
with "+" gets here; the example plans never do. The constants were tuned on the Curtois
instances: benchmarks/RESULTS.md, "Why the engine's settings are what they are".
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from roster.engine.interrupt import interrupted, running
from roster.engine.model import RosterModel, set_domain
from roster.engine.search import (
    LevelEnd,
    LevelJob,
    SearchCallback,
    StopWhen,
    plain,
    set_parameters,
)
from roster.result import Level, SolverConfig

#: A warm-up also ends when this part of its time passes without a better roster: the
#: whole level needs the time more (benchmarks/RESULTS.md, "WARM_UP_STALL").
WARM_UP_STALL = 0.25

#: ... but not while its best roster is within this part of its cost from the bound: the
#: proof, which lets the level hold the tier, may come late ("WARM_UP_NEAR" there).
WARM_UP_NEAR = 0.2

#: A level held after its warm-up searches the held rosters for this part of its time,
#: then all rosters from the best found (``free``); "HELD_PART" there.
HELD_PART = 0.25


def search(job: LevelJob) -> LevelEnd:
    """Search a joined level: warm up on its first tier for ``config.warm_up`` of the
    level's time, minimise the whole level (held, if the warm-up proved its tier), then
    let a held level go (``free``). A single tier, or ``warm_up`` 0, is searched plainly."""
    if len(job.level) < 2 or job.config.warm_up <= 0 or interrupted():
        return plain(job)
    bound, hold = warm_up(
        job.model,
        job.solver,
        job.config,
        job.level,
        job.seconds * job.config.warm_up,
        job.callback(job.level[:1]),
    )
    callback = job.callback()
    code = job.minimize(callback, 1.0 if hold is None else HELD_PART)
    solver = job.solver
    found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if hold is not None and found and not interrupted():
        freed = free(job.model, solver, hold, job.config, job.deadline - time.monotonic(), callback)
        if freed is not None:
            (solver, code), hold = freed, None
    return LevelEnd(solver, code, bound, held=hold is not None)


def warm_up(
    model: RosterModel,
    solver: cp_model.CpSolver,
    config: SolverConfig,
    level: Level,
    seconds: float,
    callback: SearchCallback,
) -> tuple[int, cp_model.IntVar | None]:
    """Minimise a joined level's first tier alone for at most ``seconds``. Return the first
    tier's proven bound (a bound on the whole level: the other costs are never negative),
    and the variable that holds the level, if it is held.

    Proven optimal, the roster is hinted and each of the tier's costs (each critical post's
    shortfall) held at most where the roster has it while the returned variable is true:
    post by post, since the total held helped nothing. Unproven, nothing is held, and the
    roster is hinted only within ``WARM_UP_NEAR`` of the bound: a roster good for the first
    tier alone can lead the whole sum astray (benchmarks/RESULTS.md, "The warm-up").
    """
    first = model.level_expr(level[:1])
    model._cp.minimize(first)
    set_parameters(solver, config, seconds)
    with StopWhenStalled(solver, callback, seconds * WARM_UP_STALL), running(solver):
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


def free(
    model: RosterModel,
    solver: cp_model.CpSolver,
    hold: cp_model.IntVar,
    config: SolverConfig,
    seconds: float,
    callback: SearchCallback,
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus] | None:
    """Let a held level go and solve it on from ``solver``'s roster for at most
    ``seconds``, among all rosters (so its bound holds for all of them); None if that found
    nothing (no time left): ``solver``'s roster then stands."""
    set_domain(model._cp, hold.index, 0, 1)
    model.hint_solution(solver)
    if seconds <= 0.05 or interrupted():
        return None
    freed = cp_model.CpSolver()
    set_parameters(freed, config, seconds)
    with running(freed):  # Ctrl-C stops this solver too, though the loop never saw it
        code = freed.solve(model._cp, callback)
    return (freed, code) if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


class StopWhenStalled(StopWhen):
    """Stops a solve once ``seconds`` pass without a better roster. Not before the first
    roster: on a big plan the presolve alone can take half a minute. Not while the best
    roster is within ``WARM_UP_NEAR`` of the bound either: the proof, which holds the
    tier, may be near."""

    def __init__(self, solver: cp_model.CpSolver, callback: SearchCallback, seconds: float) -> None:
        super().__init__(solver, self._stalled)
        self.callback, self.seconds = callback, seconds

    def _stalled(self) -> bool:
        improved = self.callback.improved
        stalled = improved is not None and time.monotonic() - improved > self.seconds
        return stalled and self.callback.gap > WARM_UP_NEAR
