"""The Curtois & Qu benchmark run (``roster bench curtois``): each instance read into a plan
(``roster.bench.curtois_plan``), solved by the same engine, scored the benchmark's way, and
reported as a table.

Where shift types are interchangeable (Instances 11 and 12), the engine starts from a roster
found on their classes (``roster.bench.classes``, ``CLASS_START``); elsewhere from a roster
at the shortfall's proven bound when one is found in ``ALONE_START`` of the time (Instances
7 and 10). The objective reported for a roster is recomputed from the roster by the rules'
own ``violations`` (never read from the solver) and cross-checked against
``benchmark_objective``, a direct transcription of the README's definition.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from roster.bench.classes import MEET_REQUESTS, class_start, shift_classes
from roster.bench.curtois_instance import FormatError as FormatError  # the CLI reports it
from roster.bench.curtois_instance import benchmark_objective, read_instance
from roster.bench.curtois_plan import assignment_of, bench_rules, roster_of, score, to_plan
from roster.engine.solve import solve
from roster.io.roster_file import ROSTER_HEADER, roster_rows
from roster.io.write import write_csv
from roster.plan.index import PlanIndex
from roster.result import SolverConfig, SolveResult

DATA_SUBDIR = Path("shared") / "benchmarks" / "curtois"

TUNED: dict[str, object] = {"subsolvers": ["max_lp"]}
"""CP-SAT parameters for these instances, measured in ``benchmarks/RESULTS.md``: the one
full-problem worker solves the LP of every constraint (``max_lp``, linearization level 2)
instead of the default LP, which proves far better bounds and, through them, better rosters;
the other worker runs first-solution heuristics and large neighbourhood search."""


CLASS_START = 0.9
"""The part of an instance's time spent first on a roster of its shift classes
(``roster.bench.classes``: 0.78 of it on the shortfall, the rest on requests) for the engine
to start from; measured in ``benchmarks/RESULTS.md``."""


ALONE_START = 0.2
"""The same for an instance whose shift types each form a class of their own: the class
start then only seeks the shortfall at its bound (``roster.bench.classes``), and gives up
when it cannot find it in this time (benchmarks/RESULTS.md, "ALONE_START")."""


def start_share(given: float | None, *, plain: bool = False) -> float:
    """The class start's part of the time: as given, else ``CLASS_START`` (0 when
    ``plain``: the straightforward model has no start)."""
    if given is not None:
        return given
    return 0.0 if plain else CLASS_START


def bench_config(
    time_limit: float,
    workers: int,
    seed: int = 0,
    *,
    plain: bool = False,
    params: Mapping[str, object] | None = None,
    warm_up: float | None = None,
) -> SolverConfig:
    """The solver settings of a bench run: ``TUNED`` unless ``plain`` (CP-SAT's own
    defaults: the straightforward model), then ``params`` on top; ``warm_up`` as given,
    else the engine's (``SolverConfig.warm_up``, ``roster.engine.warm_up``), none with
    ``plain``. The class start comes first (``run_instance``); benchmarks/RESULTS.md, "The
    warm-up"."""
    extra = {} if plain else dict(TUNED)
    extra.update(params or {})
    if warm_up is None:
        warm_up = 0.0 if plain else SolverConfig().warm_up
    return SolverConfig(
        time_limit=time_limit, workers=workers, seed=seed, warm_up=warm_up, extra=extra
    )


def parse_param(text: str) -> tuple[str, object]:
    """A CP-SAT parameter from ``NAME=VALUE``; the value is read as JSON when it can be
    (``linearization_level=2``, ``subsolvers=["max_lp","core"]``), else kept as text."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(f"expected NAME=VALUE, not {text!r}")
    try:
        return name.strip(), json.loads(value)
    except json.JSONDecodeError:
        return name.strip(), value


@dataclass(frozen=True)
class BenchRow:
    """One instance's result."""

    instance: str
    objective: int | None
    best_known: int | None
    bound: int | None
    seconds: float
    status: str
    hard: int = 0
    seed: int = 0

    @property
    def gap(self) -> float | None:
        """Percent above the best known value."""
        if self.objective is None or not self.best_known:
            return None
        return 100.0 * (self.objective - self.best_known) / self.best_known


class ScoreMismatch(AssertionError):
    """The rules' objective differs from the benchmark's definition: a bug in a rule or in
    the reader, never in the data."""


def run_instance(
    path: Path,
    config: SolverConfig,
    *,
    best_known: int | None = None,
    rosters: Path | None = None,
    class_share: float = CLASS_START,
    suffix: str = "",
) -> BenchRow:
    """Read, solve and score one instance; write its roster to ``rosters/<name><suffix>.csv``.

    With ``class_share`` > 0 that part of the time first goes to a roster on the shift
    classes (``roster.bench.classes``), and the engine's solve starts from it, with no
    warm-up (the shortfall and the requests on classes are done). An instance without a
    class of two types gets ``ALONE_START`` of the time instead, for its shortfall at the
    bound; the warm-up then proves that at once and holds it, and without such a start
    the engine solves the rest of the time as it would have."""
    started = time.monotonic()
    instance = read_instance(path)
    index = PlanIndex(to_plan(instance))
    rules = bench_rules()
    hint, class_bound = None, 0
    if class_share > 0:
        alone = all(len(cls) == 1 for cls in shift_classes(instance))
        start = class_start(
            instance,
            config.time_limit * (ALONE_START if alone else class_share),
            workers=config.workers,
            seed=config.seed,
            requests_share=0.0 if alone else MEET_REQUESTS,
        )
        if start is not None:
            hint, class_bound = roster_of(index, start.assignment), start.bound
        left = config.time_limit - (time.monotonic() - started)
        # A start with its requests met on classes leaves the warm-up nothing to do.
        warm_up = 0.0 if hint is not None and not alone else config.warm_up
        config = replace(config, time_limit=left, warm_up=warm_up)
    result: SolveResult = solve(index, rules, config, hint=hint)
    seconds = time.monotonic() - started
    if result.roster is None:
        return BenchRow(
            instance.name, None, best_known, None, seconds, result.status.value, seed=config.seed
        )
    judged = score(result.roster, rules)
    expected = benchmark_objective(instance, assignment_of(result.roster))
    if not judged.hard and judged.objective != expected:
        raise ScoreMismatch(
            f"{instance.name}: rules give {judged.objective}, the benchmark's definition {expected}"
        )
    if rosters is not None:
        write_csv(
            rosters / f"{instance.name}{suffix}.csv", ROSTER_HEADER, roster_rows(result.roster)
        )
    bounds = [t.bound for t in result.tiers if t.bound is not None]
    # The class model's bound on the shortfall holds for the whole objective too (its
    # other costs are never negative), as the warm-up's does in the engine.
    bound = max(bounds[-1], class_bound) if bounds else None
    proven = bound is not None and bound >= judged.objective and not judged.hard
    return BenchRow(
        instance=instance.name,
        objective=judged.objective,
        best_known=best_known,
        bound=bound,
        seconds=seconds,
        status="OPTIMAL" if proven else result.status.value,
        hard=len(judged.hard),
        seed=config.seed,
    )


def run(
    names: Sequence[str],
    data: Path,
    config: SolverConfig,
    *,
    rosters: Path | None = None,
    on_row: Callable[[BenchRow], None] | None = None,
    class_share: float = CLASS_START,
    runs: int = 1,
) -> list[BenchRow]:
    """Run the named instances (all in ``data`` when none are named), one after another,
    each ``runs`` times with the seeds ``config.seed``, ``config.seed + 1``, ...: a 60 s run
    on 2 workers is one noisy sample (Instance8: 1 343-1 589 over sixteen), so a claim
    about an instance needs several. With more than one run, rosters are written as
    ``<name>-seed<K>.csv``."""
    best = read_best_known(data)
    found = []
    for path in instance_paths(names, data):
        for seed in range(config.seed, config.seed + runs):
            row = run_instance(
                path,
                replace(config, seed=seed),
                best_known=best.get(path.stem),
                rosters=rosters,
                class_share=class_share,
                suffix=f"-seed{seed}" if runs > 1 else "",
            )
            found.append(row)
            if on_row:
                on_row(row)
    return found


def _within(row: BenchRow, percent: int) -> bool:
    """Whether a run's objective is at most ``percent`` % above the best known (in whole
    numbers: 1 365 is within 5 % of 1 300, with no rounding at the edge)."""
    if row.objective is None or row.best_known is None:
        return False
    return 100 * row.objective <= (100 + percent) * row.best_known


@dataclass(frozen=True)
class Spread:
    """One instance's objectives over several runs, and how many came within 1 % and
    within 5 % of the best known (the marks in ``benchmarks/RESULTS.md``)."""

    instance: str
    runs: int
    best: int | None
    median: float | None
    worst: int | None
    within_1: int
    within_5: int


def spreads(rows: Iterable[BenchRow]) -> list[Spread]:
    """Per instance, in the order first seen: the spread of its runs' objectives. A run
    without a roster counts as a run outside both marks."""
    by_instance: dict[str, list[BenchRow]] = {}
    for row in rows:
        by_instance.setdefault(row.instance, []).append(row)
    found = []
    for name, runs in by_instance.items():
        values = sorted(r.objective for r in runs if r.objective is not None)
        found.append(
            Spread(
                instance=name,
                runs=len(runs),
                best=values[0] if values else None,
                median=statistics.median(values) if values else None,
                worst=values[-1] if values else None,
                within_1=sum(_within(r, 1) for r in runs),
                within_5=sum(_within(r, 5) for r in runs),
            )
        )
    return found


def find_data(*starts: Path) -> Path | None:
    """The instance folder ``shared/benchmarks/curtois`` in the nearest parent folder of the
    given places (by default the working folder and this package's repository)."""
    places = starts or (Path.cwd(), Path(__file__).resolve())
    for start in places:
        for folder in (start, *start.parents):
            candidate = folder / DATA_SUBDIR
            if candidate.is_dir():
                return candidate
    return None


def instance_paths(names: Iterable[str], data: Path) -> list[Path]:
    """Instance files by name (``Instance1``, ``1``, or a path); all of ``data`` if none."""
    chosen = list(names)
    if not chosen:
        return sorted(data.glob("*.txt"), key=_natural)
    paths = []
    for name in chosen:
        given = Path(name)
        if given.suffix == ".txt" and given.is_file():
            paths.append(given)
            continue
        stem = f"Instance{name}" if name.isdigit() else name
        path = data / f"{stem}.txt"
        if not path.is_file():
            raise FileNotFoundError(f"no instance {name!r} in {data}")
        paths.append(path)
    return paths


def _natural(path: Path) -> tuple[str, int]:
    match = re.fullmatch(r"(.*?)(\d+)", path.stem)
    return (match[1], int(match[2])) if match else (path.stem, 0)


def read_best_known(data: Path) -> dict[str, int]:
    """Best known objective per instance from ``best_known.csv`` (empty if there is none)."""
    import csv

    path = data / "best_known.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["instance"]: int(row["best_known_upper_bound"]) for row in csv.DictReader(handle)
        }


# --------------------------------------------------------------------------- reporting

COLUMNS = (
    "instance",
    "objective",
    "best_known",
    "gap_pct",
    "bound",
    "seconds",
    "status",
    "hard",
    "seed",
)


def _cell(value: float | None) -> str:
    """A number as a table cell: empty for none, whole numbers without a decimal point
    (a median of two runs may end in .5)."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


def row_cells(row: BenchRow) -> tuple[str, ...]:
    """A row's cells as text, in ``COLUMNS`` order."""
    gap = row.gap
    return (
        row.instance,
        _cell(row.objective),
        _cell(row.best_known),
        "" if gap is None else f"{gap:.2f}",
        _cell(row.bound),
        f"{row.seconds:.1f}",
        row.status,
        str(row.hard),
        str(row.seed),
    )


WIDTHS = (12, 10, 11, 8, 8, 8, 9, 5, 5)


def table_line(cells: Sequence[str], widths: Sequence[int] = WIDTHS) -> str:
    """One line of a terminal table (first column left, the rest right aligned)."""
    first, *rest = cells
    parts = [first.ljust(widths[0])] + [c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
    return " ".join(parts)


def write_results(path: Path, rows: Iterable[BenchRow]) -> None:
    """The results as CSV, one row per run."""
    write_csv(path, COLUMNS, [row_cells(r) for r in rows])


SPREAD_COLUMNS = ("instance", "runs", "best", "median", "worst", "within_1pct", "within_5pct")
SPREAD_WIDTHS = (12, 5, 8, 8, 8, 11, 11)


def spread_cells(spread: Spread) -> tuple[str, ...]:
    """A spread's cells as text, in ``SPREAD_COLUMNS`` order."""
    return (
        spread.instance,
        str(spread.runs),
        _cell(spread.best),
        _cell(spread.median),
        _cell(spread.worst),
        str(spread.within_1),
        str(spread.within_5),
    )
