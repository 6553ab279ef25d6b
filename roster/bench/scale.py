"""How the engine scales: solve generated plans of growing size (``roster bench scale``).

Each size runs in a fresh process (``multiprocessing`` with ``spawn``), so that its peak
memory (``ru_maxrss``, per process and never decreasing) is its own, and so that a size too
big to build in time can be stopped without stopping the bench. Per size it records the
number of assignment variables, the time to the first roster with every critical post
covered (the critical level reaching objective 0), objective and bound over time, how each
level ended, the critical people missing by the rules' own count, and the peak memory.
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from roster.plan.model import Tier
from roster.result import Progress, SolverConfig

HEARTBEAT_SECONDS = 1.0
"""How often a size's process reports its peak memory."""
GRACE_SECONDS = 30.0
"""How long past the time limit a size may run (model building cannot be interrupted)."""


@dataclass(frozen=True)
class Sample:
    """The best objective and bound of a level at some moment of the solve."""

    seconds: float
    level: str
    objective: float
    bound: float


@dataclass(frozen=True)
class LevelEnd:
    """How one level ended."""

    level: str
    status: str
    objective: int | None
    bound: int | None


@dataclass
class ScaleRow:
    """One size of the ladder.

    Attributes:
        staff: People.
        compounds: Compounds.
        days: Days of the period.
        areas: Whether the plan has areas (without, everyone may serve everywhere).
        outcome: "solved", "no roster", "timeout" (the process ran past the time limit and
            the grace), "out of memory" or "error: ...".
        variables: Assignment variables of the model (None when it was not built).
        build_seconds: From the start of the solve to the model built.
        first_covered: Seconds to the first roster with every critical post covered.
        critical_missing: People missing on critical posts in the final roster, by the
            coverage rule's own count.
        hard: Hard violations of the final roster, by the rules' own count.
        levels: How each level ended.
        samples: Objective and bound over time (every improving roster).
        seconds: Wall-clock time of the size (generation, build and solve).
        peak_mib: Peak resident memory of the size's process.
    """

    staff: int
    compounds: int
    days: int
    outcome: str = "timeout"
    areas: bool = True
    variables: int | None = None
    build_seconds: float | None = None
    first_covered: float | None = None
    critical_missing: int | None = None
    hard: int | None = None
    levels: list[LevelEnd] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    peak_mib: float | None = None


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def level_name(level: Sequence[Tier]) -> str:
    """A level as ``plan.toml`` writes it (``critical``, ``high+coverage``)."""
    return "+".join(t.value for t in level) or "-"


def first_covered(samples: Sequence[Sample]) -> float | None:
    """When a level with the critical tier first reached 0: every critical post covered."""
    return next(
        (
            s.seconds
            for s in samples
            if Tier.CRITICAL.value in s.level.split("+") and s.objective == 0
        ),
        None,
    )


def run_size(
    staff: int,
    compounds: int,
    days: int,
    config: SolverConfig,
    plan_seed: int = 0,
    on_event: Callable[[str, object], None] | None = None,
    areas: bool = True,
) -> ScaleRow:
    """Generate one plan, solve it and measure, in this process.

    Args:
        staff: People.
        compounds: Compounds.
        days: Days.
        config: Solver settings (the time limit covers building and solving).
        plan_seed: Seed of the generated plan.
        areas: Whether the plan has areas (``generate_plan``); without, everyone may
            serve everywhere.
        on_event: Told ``("built", variables)`` when the model is built and
            ``("sample", Sample)`` at every improving roster, as they happen.

    Returns:
        The measurements (``peak_mib`` is this process's peak so far).
    """
    from constraints import all_rules
    from roster.bench.examples import critical_gaps
    from roster.bench.generate import generate_plan
    from roster.check.violations import check, hard_violations
    from roster.engine.model import RosterModel
    from roster.engine.solve import solve
    from roster.plan.index import PlanIndex

    began = time.monotonic()
    row = ScaleRow(staff, compounds, days, outcome="solved", areas=areas)
    rules = all_rules()
    index = PlanIndex(generate_plan(staff, compounds, days, plan_seed, areas=areas))
    solve_started = time.monotonic()

    def prepare(model: RosterModel) -> None:
        row.variables = len(model.x)
        row.build_seconds = round(time.monotonic() - solve_started, 2)
        if on_event:
            on_event("built", row.variables)

    def progress(event: Progress) -> None:
        seconds = time.monotonic() - solve_started
        sample = Sample(round(seconds, 2), level_name(event.level), event.objective, event.bound)
        row.samples.append(sample)
        if on_event:
            on_event("sample", sample)

    result = solve(index, rules, config, on_progress=progress, prepare=prepare)
    row.first_covered = first_covered(row.samples)
    row.levels = [
        LevelEnd(level_name(t.level), t.status.value, t.objective, t.bound) for t in result.tiers
    ]
    if result.roster is None:
        row.outcome = "no roster"
    else:
        violations = check(result.roster, rules)
        row.critical_missing = critical_gaps(violations)
        row.hard = len(hard_violations(violations))
        if row.first_covered is None and row.critical_missing == 0:
            # No critical level to watch (no critical costs at all): the first roster counts.
            row.first_covered = row.samples[0].seconds if row.samples else None
    row.seconds = round(time.monotonic() - began, 2)
    row.peak_mib = round(peak_mib(), 1)
    return row


def _child(
    conn: Connection,
    staff: int,
    compounds: int,
    days: int,
    config: SolverConfig,
    seed: int,
    areas: bool = True,
) -> None:
    """The body of a size's process: run it and send events and the row to the parent.

    Every message is ``(kind, value, peak MiB so far)``; a heartbeat thread sends the peak
    every ``HEARTBEAT_SECONDS`` so that a size stopped while building still has a figure.
    """
    lock = threading.Lock()
    done = threading.Event()

    def send(kind: str, value: object) -> None:
        with lock:
            if not conn.closed:
                conn.send((kind, value, peak_mib()))

    def heartbeat() -> None:
        while not done.wait(HEARTBEAT_SECONDS):
            send("memory", None)

    threading.Thread(target=heartbeat, daemon=True).start()
    try:
        send("row", run_size(staff, compounds, days, config, seed, send, areas=areas))
    except MemoryError:
        send("error", "out of memory")
    except BaseException as error:  # report anything rather than die silently
        traceback.print_exc()
        send("error", f"error: {type(error).__name__}: {error}")
    finally:
        done.set()
        with lock:
            conn.close()


def run_isolated(
    staff: int,
    compounds: int,
    days: int,
    config: SolverConfig,
    plan_seed: int = 0,
    grace: float = GRACE_SECONDS,
    areas: bool = True,
) -> ScaleRow:
    """:func:`run_size` in a fresh process, stopped after the time limit plus ``grace``.

    A size that runs out of time or memory is reported in ``outcome``, with whatever was
    measured before (variables, samples), never raised.
    """
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(child, staff, compounds, days, config, plan_seed, areas),
        daemon=True,
    )
    began = time.monotonic()
    process.start()
    child.close()
    row = ScaleRow(staff, compounds, days, areas=areas)
    deadline = began + config.time_limit + grace
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not parent.poll(min(left, 1.0)):
                continue
            kind, value, *rest = parent.recv()
            if rest:  # the process's peak memory so far
                row.peak_mib = round(float(rest[0]), 1)
            if kind == "built":
                row.variables = int(value)
            elif kind == "sample":
                row.samples.append(value)
            elif kind == "row":
                row = value
                break
            elif kind == "error":
                row.outcome = str(value)
                break
    except EOFError:  # the process died without a word (killed for memory, ...)
        row.outcome = "died"
    if process.is_alive():
        process.kill()
    process.join()
    if row.outcome == "died":
        row.outcome = f"died (exit code {process.exitcode})"
    elif row.outcome == "timeout" and row.variables is None:
        row.outcome = "timeout (model not built)"
    if row.outcome != "solved":
        row.seconds = round(time.monotonic() - began, 2)
        if row.first_covered is None:
            row.first_covered = first_covered(row.samples)
    return row


def bench_scale(
    ladder: Sequence[int],
    days: Sequence[int],
    config: SolverConfig,
    compounds: Callable[[int], int],
    plan_seed: int = 0,
    on_row: Callable[[ScaleRow], None] | None = None,
    shapes: Sequence[bool] = (True,),
) -> list[ScaleRow]:
    """Every size of ``ladder`` × ``days``, days first then staff, each in its own process.

    Args:
        ladder: Staff sizes.
        days: Period lengths.
        config: Solver settings for each size.
        compounds: Compounds for a staff size.
        plan_seed: Seed of the generated plans.
        on_row: Told each row as it is measured.
        shapes: For each size, with areas (True) and/or without (False).
    """
    rows = []
    for length in days:
        for staff in ladder:
            for areas in shapes:
                row = run_isolated(staff, compounds(staff), length, config, plan_seed, areas=areas)
                if on_row:
                    on_row(row)
                rows.append(row)
    return rows


def pick_samples(samples: Sequence[Sample], per_level: int = 4) -> list[Sample]:
    """A few samples per level: the first, the last, and evenly spaced ones between."""
    chosen: list[Sample] = []
    levels = list(dict.fromkeys(s.level for s in samples))
    for level in levels:
        mine = [s for s in samples if s.level == level]
        if len(mine) <= per_level:
            chosen += mine
            continue
        step = (len(mine) - 1) / (per_level - 1)
        chosen += [mine[round(k * step)] for k in range(per_level)]
    return chosen


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def _levels_cell(row: ScaleRow) -> str:
    return "; ".join(
        f"{lv.level} {lv.status} {_cell(lv.objective)}/{_cell(lv.bound)}" for lv in row.levels
    )


TABLE_HEADER = (
    "| staff | compounds | areas | days | outcome | variables | build s | all critical covered s "
    "| critical missing | hard | levels (status objective/bound) | seconds | peak MiB |\n"
    "|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|"
)


def table_line(row: ScaleRow) -> str:
    """One size as a row of :data:`TABLE_HEADER`."""
    cells = (
        row.staff,
        row.compounds,
        "yes" if row.areas else "no",
        row.days,
        row.outcome,
        row.variables,
        row.build_seconds,
        row.first_covered,
        row.critical_missing,
        row.hard,
        _levels_cell(row) or "-",
        row.seconds,
        row.peak_mib,
    )
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def samples_table(rows: Sequence[ScaleRow]) -> str:
    """Objective and bound over time, a few samples per level and size, as markdown."""
    lines = [
        "| staff | days | seconds | level | objective | bound |",
        "|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        for s in pick_samples(row.samples):
            lines.append(
                f"| {row.staff} | {row.days} | {s.seconds} | {s.level} "
                f"| {s.objective:g} | {s.bound:g} |"
            )
    return "\n".join(lines)
