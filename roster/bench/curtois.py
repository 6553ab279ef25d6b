"""The Curtois & Qu shift-scheduling benchmark (Instances 1-24), read into plans for the same
engine, solved, and scored the benchmark's way.

The format and the exact objective are in ``../shared/benchmarks/curtois/README.md``. An
instance becomes an ordinary :class:`roster.plan.model.Plan`:

* one place, the errand ``ward`` (not a compound, so no empty-watch cost), day 0 = Monday
  2024-01-01;
* each shift type is a shift starting at 08:00 with its length, so all shifts of a day
  overlap and ``one_place`` gives "at most one shift per day"; ``ForbiddenNext`` becomes
  ``forbidden_successions``;
* each employee is a staff member whose own limits (``Limits`` overrides) carry the format's
  hard constraints; fixed days off are whole-day absences;
* shift on/off requests are ``Request`` rows with their weights (``weights.request = 1``);
* each cover row is a critical ``Demand`` (min = requirement, max = the number of staff),
  with a linear shortfall cost of ``WeightUnder`` and an over-cover cost of ``WeightOver``;
* every tier that has costs is solved as one weighted sum (``tiers``), so the objective is
  the benchmark's single sum;
* where shift types are interchangeable (Instances 11 and 12), the engine starts from a
  roster found on their classes (``roster.bench.classes``, ``CLASS_START``); elsewhere
  from a roster at the shortfall's proven bound when one is found in ``ALONE_START`` of
  the time (Instances 7 and 10).

Only the rules the format needs are used (``RULES``), so that unrelated rules (fairness,
...) add no cost. The objective reported for a roster is recomputed from the roster by the
rules' own ``violations`` (never read from the solver) and cross-checked against
``benchmark_objective``, a direct transcription of the README's definition.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from roster.bench.classes import MEET_REQUESTS, class_start, shift_classes
from roster.check.violations import check
from roster.engine.solve import solve
from roster.io.roster_file import ROSTER_HEADER, roster_rows
from roster.io.write import write_csv
from roster.plan import model
from roster.plan.index import PlanIndex
from roster.plan.model import (
    Absence,
    Demand,
    Limits,
    Plan,
    Priority,
    Request,
    RequestKind,
    Shift,
    Staff,
    Weights,
)
from roster.result import SolverConfig, SolveResult
from roster.roster import Roster
from roster.rules import Rule, Violation

START = dt.date(2024, 1, 1)
"""Day 0 of every instance (a Monday, as the format says)."""
PLACE = "ward"
SHIFT_START = 8 * 60
LEVEL = "critical+high+coverage+preferences"
"""The one solving level: coverage and requests minimised together as one sum."""
MAX_DEMAND = 100
"""``Demand.max`` is at most this; no instance covers a shift with more people."""

RULES = (
    "absence",
    "one_place",
    "shift_type_limit",
    "total_hours",
    "consecutive_days",
    "min_consecutive_days",
    "min_days_off_run",
    "weekends",
    "successions",
    "coverage",
    "requests",
)
"""The rules the format needs, by registry name."""

DATA_SUBDIR = Path("shared") / "benchmarks" / "curtois"
SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


class FormatError(ValueError):
    """An instance file does not follow the format."""


# --------------------------------------------------------------------------- the instance


@dataclass(frozen=True)
class ShiftType:
    """A row of ``SECTION_SHIFTS``."""

    id: str
    minutes: int
    forbidden_next: tuple[str, ...]


@dataclass(frozen=True)
class Employee:
    """A row of ``SECTION_STAFF`` (minutes and counts as in the file)."""

    id: str
    max_shifts: Mapping[str, int]
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class ShiftRequest:
    """A row of ``SECTION_SHIFT_ON_REQUESTS`` or ``SECTION_SHIFT_OFF_REQUESTS``."""

    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    """A row of ``SECTION_COVER``."""

    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class Instance:
    """One instance file, as written."""

    name: str
    horizon: int
    shifts: tuple[ShiftType, ...]
    staff: tuple[Employee, ...]
    days_off: Mapping[str, tuple[int, ...]]
    on_requests: tuple[ShiftRequest, ...]
    off_requests: tuple[ShiftRequest, ...]
    cover: tuple[Cover, ...]


Assignment = Mapping[tuple[str, int], str]
"""A roster in the benchmark's terms: (employee id, day) -> shift id; absent means off."""


def parse(text: str, name: str) -> Instance:
    """An instance from the text of its file."""
    rows = _sections(text)
    try:
        horizon = int(_only(rows["SECTION_HORIZON"])[0])
        shifts = tuple(
            ShiftType(r[0], int(r[1]), tuple(s for s in _field(r, 2).split("|") if s))
            for r in rows["SECTION_SHIFTS"]
        )
        staff = tuple(_employee(r) for r in rows["SECTION_STAFF"])
        days_off = {r[0]: tuple(int(d) for d in r[1:] if d) for r in rows["SECTION_DAYS_OFF"]}
        on = tuple(_request(r) for r in rows["SECTION_SHIFT_ON_REQUESTS"])
        off = tuple(_request(r) for r in rows["SECTION_SHIFT_OFF_REQUESTS"])
        cover = tuple(
            Cover(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in rows["SECTION_COVER"]
        )
    except (IndexError, ValueError) as error:
        raise FormatError(f"{name}: {error}") from None
    return Instance(name, horizon, shifts, staff, days_off, on, off, cover)


def read_instance(path: Path) -> Instance:
    """An instance from its ``.txt`` file; its name is the file's stem (``Instance1``)."""
    return parse(path.read_text(encoding="utf-8"), path.stem)


def _sections(text: str) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            rows[current] = []
        elif current is None:
            raise FormatError(f"data before the first section: {line!r}")
        else:
            rows[current].append([cell.strip() for cell in line.split(",")])
    missing = [s for s in SECTIONS if s not in rows]
    if missing:
        raise FormatError(f"missing sections: {', '.join(missing)}")
    return rows


def _only(rows: list[list[str]]) -> list[str]:
    if len(rows) != 1:
        raise FormatError(f"expected one row, found {len(rows)}")
    return rows[0]


def _field(row: list[str], k: int) -> str:
    return row[k] if k < len(row) else ""


def _employee(row: list[str]) -> Employee:
    caps = {}
    for pair in row[1].split("|"):
        shift, _, cap = pair.partition("=")
        caps[shift] = int(cap)
    numbers = [int(v) for v in row[2:8]]
    if len(numbers) != 6:
        raise FormatError(f"staff row {row[0]}: expected 8 fields")
    return Employee(row[0], caps, *numbers)


def _request(row: list[str]) -> ShiftRequest:
    return ShiftRequest(row[0], int(row[1]), row[2], int(row[3]))


# --------------------------------------------------------------------------- the plan


def to_plan(instance: Instance) -> Plan:
    """The instance as a plan for the engine (see the module docstring for the mapping)."""
    under = {c.weight_under for c in instance.cover}
    over = {c.weight_over for c in instance.cover}
    if len(under) > 1 or len(over) > 1:
        raise FormatError(f"{instance.name}: cover weights differ between rows")
    weight_under, weight_over = (under or {100}).pop(), (over or {1}).pop()
    day = [START + dt.timedelta(days=d) for d in range(instance.horizon)]
    midnight = [dt.datetime.combine(date, dt.time()) for date in day]
    headcount = min(len(instance.staff), MAX_DEMAND)
    return Plan(
        title=f"Curtois & Qu {instance.name}",
        start=START,
        days=instance.horizon,
        forbidden_successions=tuple(
            (s.id, nxt) for s in instance.shifts for nxt in s.forbidden_next
        ),
        weights=Weights(
            critical=weight_under,
            high=weight_under,
            normal=weight_under,
            low=weight_under,
            over_cover=weight_over,
            request=1,
            convex_shortfall=False,
            # Nothing else costs: no gates, no previous roster, no fairness, no pairs.
            empty_watch=0,
            change=0,
            change_next_24h=0,
            fair_hours=0,
            fair_nights=0,
            fair_weekends=0,
            fair_24h=0,
            together=0,
            home_compound=0,
            compound_switch=0,
        ),
        tiers=(LEVEL,),
        staff=tuple(Staff(id=e.id, name=e.id, overrides=_limits(e)) for e in instance.staff),
        shifts=tuple(
            Shift(id=s.id, name=s.id, start=SHIFT_START, end=(SHIFT_START + s.minutes) % 1440)
            for s in instance.shifts
        ),
        demand=tuple(
            Demand(
                place=PLACE,
                shift=c.shift,
                days=day[c.day].isoformat(),
                min=c.requirement,
                max=headcount,
                priority=Priority.CRITICAL,
            )
            for c in instance.cover
        ),
        absences=tuple(
            Absence(staff=staff, start=midnight[d], end=midnight[d] + dt.timedelta(days=1))
            for staff, days in instance.days_off.items()
            for d in days
        ),
        requests=tuple(
            Request(staff=r.staff, date=day[r.day], shift=r.shift, kind=kind, weight=r.weight)
            for kind, rows in (
                (RequestKind.ON, instance.on_requests),
                (RequestKind.OFF, instance.off_requests),
            )
            for r in rows
        ),
    )


def _limits(e: Employee) -> Limits:
    """An employee's hard constraints as their own limits (a minimum of 1 or less, or a
    minimum total of 0, is no constraint)."""
    return Limits(
        max_shifts_of_type=dict(e.max_shifts),
        max_total_hours=e.max_total_minutes / 60,
        min_total_hours=e.min_total_minutes / 60 if e.min_total_minutes > 0 else None,
        max_consecutive_days=e.max_consecutive_shifts,
        min_consecutive_days=e.min_consecutive_shifts if e.min_consecutive_shifts > 1 else None,
        min_consecutive_days_off=(
            e.min_consecutive_days_off if e.min_consecutive_days_off > 1 else None
        ),
        max_weekends=e.max_weekends,
    )


def bench_rules() -> list[Rule]:
    """One instance of each rule the format needs (``RULES``), from the registry."""
    from constraints import by_name  # roster's core does not import the rules

    return [by_name(name)() for name in RULES]


# --------------------------------------------------------------------------- the objective


def roster_of(index: PlanIndex, assignment: Assignment) -> Roster:
    """A roster in the benchmark's terms as one of the engine's (``assignment_of`` undone)."""
    rows = [
        model.Assignment(
            date=START + dt.timedelta(days=day), shift=shift, place=PLACE, staff_id=who
        )
        for (who, day), shift in assignment.items()
    ]
    return Roster.from_assignments(index, rows)


def assignment_of(roster: Roster) -> dict[tuple[str, int], str]:
    """A roster in the benchmark's terms. Two shifts of one person on one day (which the
    hard rules forbid) keep the last; ``benchmark_objective`` then sees only one."""
    people = roster.index.people
    return {(people[d.person].id, d.slot.day): d.slot.shift.id for d in roster.duties}


def benchmark_objective(instance: Instance, assignment: Assignment) -> int:
    """The objective exactly as the format's README defines it: on-requests not met,
    off-requests met, and weighted under- and over-cover."""
    total = 0
    for r in instance.on_requests:
        total += r.weight * (assignment.get((r.staff, r.day)) != r.shift)
    for r in instance.off_requests:
        total += r.weight * (assignment.get((r.staff, r.day)) == r.shift)
    working: dict[tuple[int, str], int] = {}
    for (_, day), shift in assignment.items():
        working[day, shift] = working.get((day, shift), 0) + 1
    for c in instance.cover:
        n = working.get((c.day, c.shift), 0)
        total += c.weight_under * max(0, c.requirement - n) + c.weight_over * max(
            0, n - c.requirement
        )
    return total


@dataclass(frozen=True)
class Score:
    """A roster judged by the rules: its objective (the sum of the soft violations' costs)
    and its hard violations (none in a valid roster)."""

    objective: int
    hard: tuple[Violation, ...]


def score(roster: Roster, rules: Sequence[Rule]) -> Score:
    """Judge a roster with the rules' own ``violations``."""
    found = check(roster, rules)
    soft = sum(v.cost for v in found if not v.hard)
    return Score(soft, tuple(v for v in found if v.hard))


# --------------------------------------------------------------------------- running

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
when it cannot find it in this time. 12 s of a minute: Instance10's 4 600 comes at 2.4-7.7
s (once not in 12 s), 7's 1 000 at 1-3 s; on Instances 2, 4, 5, 6, 8 and 9 the bound is
below the optimum and nothing is found, and those 12 s are lost (benchmarks/RESULTS.md)."""


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
    else the engine's (``SolverConfig.warm_up``), none with ``plain``. A warm-up that
    proves the shortfall holds it post by post for a part of the rest (``HELD_PART`` in
    ``roster.engine.solve``; Instance8: 1 347-1 394 in 60 s when first measured, at half the rest,
    against a median of about 1 420 without); one that does not leaves no trace
    (Instance9: 439-441, as without; Instance8 1 518 once). The class start comes first
    (``run_instance``); benchmarks/RESULTS.md."""
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
