"""What a solve returns, and the settings it ran with: the solution objects every stage after
the engine reads (reports and writers never import the solver itself)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from roster.plan.model import Tier
from roster.roster import Roster
from roster.text.i18n import Lang

Level = tuple[Tier, ...]


class Status(StrEnum):
    """CP-SAT's own statuses, kept apart (a model bug must not look like a hard plan)."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    MODEL_INVALID = "MODEL_INVALID"
    UNKNOWN = "UNKNOWN"


#: CP-SAT parameters of a solve unless told otherwise: the one full-problem worker of two
#: solves the LP of every constraint (``max_lp``), whose bounds prove a small plan's tiers
#: in a few seconds where the LP-guided tree search sometimes took half a minute
#: (benchmarks/RESULTS.md, "DEFAULT_PARAMETERS").
DEFAULT_PARAMETERS: dict[str, object] = {"subsolvers": ["max_lp"]}


#: Seconds a solve without a time limit may take at most (``stop_when_stalled``): a small
#: plan ends long before, by itself; a big one stops here with its best roster.
BACKSTOP = 60.0


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
    (``roster.engine.greedy``)."""
    warm_up: float = 0.75
    """For a level of tiers joined by "+": the part of its time spent first on its first
    tier alone, as a start for the whole level (``roster.engine.warm_up``). 0 turns it
    off."""
    stop_when_stalled: bool = False
    """End by itself: every level but the last runs until proven (or ``time_limit``), the
    last (the wishes) until it stalls (``roster.engine.search.plain``). What ``roster
    solve`` does when no --time-limit is given; ``time_limit`` is then only a backstop."""
    deterministic: bool = False
    """Bound each search by CP-SAT's deterministic time (``time_limit`` of it) instead of
    the clock, with one worker: the same plan, seed and limit then give the same roster on
    the same machine and OR-Tools version, however busy the machine. The run then takes
    about ``time_limit`` seconds on a typical machine, more on a slow or busy one."""
    extra: dict[str, object] = field(default_factory=lambda: dict(DEFAULT_PARAMETERS))
    """CP-SAT parameters by name (``{"linearization_level": 2}``), set last; by default
    ``DEFAULT_PARAMETERS``."""


@dataclass(frozen=True)
class Finding:
    """What a roster still costs at a level, in a leader's terms: how many of a rule's
    subjects it leaves unmet (posts short, people off their fair share, wishes broken)."""

    rule: str
    title: Mapping[Lang, str]
    count: int


@dataclass(frozen=True)
class Progress:
    """One improving roster found during search. ``findings``, if given, reads the roster's
    ``Finding``s of its level; it is valid only while the progress is being reported (the
    solver's values are gone afterwards), and costs a pass over the level's costs, so a
    reporter calls it only for what it shows."""

    level: Level
    objective: float
    bound: float
    seconds: float
    findings: Callable[[], tuple[Finding, ...]] | None = None
    final: bool = False
    """The level's search is over: this is the roster it ends on (shown even when the
    reporter would skip it as too soon after the last)."""


@dataclass(frozen=True)
class TierResult:
    """How one level's solve ended (a level is a tier, or tiers joined by "+")."""

    level: Level
    status: Status
    objective: int | None
    bound: int | None
    seconds: float
    stalled: bool = False
    """Stopped by the stall rule (``SolverConfig.stop_when_stalled``)."""
    skipped: bool = False
    """Not searched: too little of the time limit was left to start it (its cost is the
    final roster's, if it could be read)."""


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
    costs_exact: bool = True
    """Whether each level's cost was read with every cost variable at its least. When that
    last reading runs out of time (a busy machine), a held level's cost may still carry
    slack above what the roster really costs, never below it."""
    narrowed: tuple[int, int] | None = None
    """(pairs kept, pairs possible) when the plan was too big for its time limit to
    consider everyone for every post (``roster.engine.candidates``): costs are then the
    least among the rosters kept, not proven best for the plan."""
    model_built: bool = True
    """False when building the model alone would have overrun the time limit: the roster
    is the greedy start (``roster.engine.greedy``), unsearched."""

    @property
    def objective(self) -> dict[Level, int]:
        """The solver's cost per level (to be compared with the checker's)."""
        return {t.level: t.objective for t in self.tiers if t.level and t.objective is not None}

    def costs_disagree(self, recomputed: dict[Level, int]) -> bool:
        """Whether the rules' costs per level (``recomputed``) contradict the solver's: any
        difference when the costs are exact; else a rule cost above the solver's, which
        slack cannot explain (the model missed something the rules count)."""
        if recomputed.keys() != self.objective.keys():
            return True
        if self.costs_exact:
            return recomputed != self.objective
        return any(recomputed[level] > cost for level, cost in self.objective.items())


ProgressFn = Callable[[Progress], None]
