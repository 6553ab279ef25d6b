"""One unit's task: a plain function a Dask worker runs (or this process, for a test).

It takes the plan's files as bytes and the options, writes them to a temporary folder on the
worker, runs ``roster solve``'s own pipeline (:func:`roster.jobs.solve.solve_plan`) into a
temporary output folder, and returns a small picklable :class:`UnitResult`: the figures of
the city's table, and the output files as bytes for the client to write under
``OUT/<unit>/``. Nothing of the worker's disk outlives the task, so a worker on another
machine needs no shared folder; a worker that dies mid-task leaves nothing half-written.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

from roster.batch.units import PlanData
from roster.result import BACKSTOP, SolverConfig
from roster.text.i18n import Lang, default_lang

UnitStatus = Literal["solved", "invalid", "failed"]


@dataclass(frozen=True)
class BatchOptions:
    """How every unit is solved: ``roster solve``'s options, one set for the whole batch.

    ``workers`` (CP-SAT workers per solve) is a matter of the machine, not of the result
    asked for, so it is left out of ``fingerprint`` (a resumed batch with another --jobs
    still skips finished units).
    """

    time_limit: float | None = None
    workers: int = 2
    seed: int = 0
    deterministic: bool = False
    lang: Lang | None = None

    def config(self) -> SolverConfig:
        """The solver's settings, as ``roster solve`` makes them from the same options."""
        return SolverConfig(
            time_limit=BACKSTOP if self.time_limit is None else self.time_limit,
            stop_when_stalled=self.time_limit is None,
            workers=self.workers,
            seed=self.seed,
            deterministic=self.deterministic,
        )

    def fingerprint(self) -> dict[str, object]:
        """The options that shape a unit's outputs (for the resume hash)."""
        return {
            "time_limit": self.time_limit,
            "seed": self.seed,
            "deterministic": self.deterministic,
            "lang": self.lang,
        }


@dataclass
class UnitResult:
    """What a unit's task sends back: its row of ``city.csv`` and its output files."""

    unit: str
    status: UnitStatus
    staff: int | None = None
    posts: int | None = None
    critical_gaps: int | None = None
    high_gaps: int | None = None
    normal_gaps: int | None = None
    low_gaps: int | None = None
    unmanaged_night_holes: int | None = None
    unmanaged_night_hole_hours: float | None = None
    spare_hours_by_day: dict[str, float] = field(default_factory=dict)
    solve_status: str = ""
    solve_seconds: float = 0.0
    error: str = ""
    exit_code: int = 1
    files: dict[str, bytes] = field(default_factory=dict)

    def row(self) -> dict[str, object]:
        """The figures without the files (``city.csv``'s row and the resume record)."""
        row = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "files"}
        row["spare_hours_by_day"] = dict(self.spare_hours_by_day)
        return row


def solve_unit(data: PlanData, options: BatchOptions) -> UnitResult:
    """Solve one unit's plan as ``roster solve`` would, and judge the roster.

    Never raises for a bad plan or a failed solve: those come back as ``invalid`` (with
    every problem, one a line) or ``failed`` (with the error), so one unit never stops the
    city. A crash of the worker itself is Dask's to retry.
    """
    from roster.plan.problems import PlanError

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="roster-batch-") as tmp:
        folder = Path(tmp)
        plan_path = _unpack(data, folder / "plan")
        out = folder / "out"
        try:
            result = _solve(data.name, plan_path, out, options)
        except PlanError as error:
            lang = options.lang or default_lang(error.title)
            lines = [p.render(lang).replace(str(plan_path), data.name) for p in error.problems]
            result = UnitResult(data.name, "invalid", error="\n".join(lines), exit_code=2)
        except Exception as error:  # one unit's bug must not stop the city
            text = f"{type(error).__name__}: {error}"
            tail = traceback.format_exc(limit=-3)
            result = UnitResult(data.name, "failed", error=f"{text}\n{tail}".strip())
    result.solve_seconds = round(time.monotonic() - started, 2)
    return result


def _unpack(data: PlanData, folder: Path) -> Path:
    """Write the plan's files under ``folder``; the path ``load_plan`` reads."""
    folder.mkdir(parents=True)
    for file_name, content in data.files.items():
        (folder / Path(file_name).name).write_bytes(content)
    if data.workbook:
        return folder / Path(next(iter(data.files))).name
    return folder


def _solve(name: str, plan_path: Path, out: Path, options: BatchOptions) -> UnitResult:
    from constraints import all_rules
    from roster.check.spare import spare_minutes_by_day
    from roster.check.watch import holes
    from roster.jobs.solve import solve_plan
    from roster.plan.model import Priority

    rules = all_rules()
    outcome = solve_plan(plan_path, out, rules, options.config(), lang=options.lang)
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}
    roster = outcome.result.roster
    result = UnitResult(
        name,
        "solved" if roster is not None else "failed",
        staff=len(outcome.plan.staff),
        posts=len(outcome.index.posts),
        solve_status=outcome.result.status.value,
        exit_code=outcome.exit_code,
        files=files,
    )
    if roster is None:
        result.error = f"no roster ({outcome.result.status.value})"
        return result
    by_priority = {p: sum(1 for g in outcome.gaps if g.need.priority is p) for p in Priority}
    result.critical_gaps = by_priority[Priority.CRITICAL]
    result.high_gaps = by_priority[Priority.HIGH]
    result.normal_gaps = by_priority[Priority.NORMAL]
    result.low_gaps = by_priority[Priority.LOW]
    night = holes(roster, unmanaged_nights_only=True)
    result.unmanaged_night_holes = len(night)
    result.unmanaged_night_hole_hours = round(sum(h.night_minutes for h in night) / 60, 2)
    spare = spare_minutes_by_day(roster, rules)
    result.spare_hours_by_day = {d.isoformat(): round(m / 60, 2) for d, m in spare.items()}
    return result
