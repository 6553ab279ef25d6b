"""A whole city's batch: discover the units, skip those already done, send the rest to Dask
one task each, write each unit's outputs as they come back, and the city's table and page.

The client (this process) does all the writing: a worker only computes (``solve_unit``), so
a cluster's workers need no access to PLANS or OUT. Faults:

* an invalid plan is a row of ``city.csv`` with its problems; the others go on;
* a worker that dies has its task given to another worker by Dask's scheduler (up to its
  ``distributed.scheduler.allowed-failures``, default 3; past that the unit is ``failed``);
  ``retries`` re-runs a task that raised on the worker (a lost connection, memory);
* Ctrl-C cancels what is still running and keeps every finished unit: their outputs are
  written as they arrive, ``batch-state.json`` records each at once, and ``city.csv`` and
  ``city.html`` are written with what is done;
* a rerun skips every unit whose plan bytes and options hash as in ``batch-state.json``
  (``solved`` and ``invalid`` ones; ``failed`` ones are tried again).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roster.batch.city import write_city
from roster.batch.task import BatchOptions, UnitResult, solve_unit
from roster.batch.units import BatchInputError, PlanData, discover, read_unit, unit_hash
from roster.io.write import atomic_write_bytes, atomic_write_text
from roster.text.i18n import Lang

if TYPE_CHECKING:
    from distributed import Client, Future

#: Files ``roster solve`` writes into its output folder: stale ones are removed when a unit
#: is solved again (or turns out invalid), so ``OUT/<unit>/`` never mixes two runs.
SOLVE_FILES = ("roster.csv", "gaps.csv", "roster.xlsx", "report.html", "solve.json")
STATE_FILE = "batch-state.json"
#: Times a task that raised on its worker is run again (a dead worker is Dask's own retry).
RETRIES = 2
#: Seconds to wait for a --scheduler to answer.
CONNECT_SECONDS = 10


@dataclass
class BatchProgress:
    """Where the batch stands, for the live line."""

    total: int
    skipped: int = 0
    done: int = 0
    failed: int = 0
    running: int = 0
    dashboard: str | None = None


@dataclass
class BatchSummary:
    """What a batch did."""

    results: list[UnitResult] = field(default_factory=list)
    """Every unit with a result: solved now, or skipped with the last run's."""
    solved_now: int = 0
    skipped: int = 0
    reused: set[str] = field(default_factory=set)
    """Units skipped: their plan and options unchanged since the run that solved them."""
    interrupted: bool = False
    written: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 every valid unit solved with its critical posts covered (invalid units are
        reported, not counted); 1 otherwise (a failed unit, critical gaps, Ctrl-C)."""
        valid = [r for r in self.results if r.status != "invalid"]
        if self.interrupted or any(r.status == "failed" or r.exit_code for r in valid):
            return 1
        return 0


#: CP-SAT workers a solve is tuned for (``roster.result.DEFAULT_PARAMETERS``: one of two
#: solves the LP of every constraint). One worker alone left far more critical posts short in
#: the same time on 200 generated units (benchmarks/RESULTS.md, "A whole city").
SOLVE_WORKERS = 2


def cores() -> int:
    """The cores this process may use (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(available: int | None = None) -> int:
    """Worker processes of the local cluster by default: one per ``SOLVE_WORKERS`` cores,
    so that each solve runs as it was tuned and N × workers ≤ cores."""
    return max(1, (available or cores()) // SOLVE_WORKERS)


def solve_workers(jobs: int, available: int | None = None) -> int:
    """CP-SAT workers per solve on a local cluster of ``jobs`` processes: N × workers ≤
    cores."""
    return max(1, (available or cores()) // max(1, jobs))


def run_batch(
    plans: Path,
    out: Path,
    options: BatchOptions,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    lang: Lang = "zh",
) -> BatchSummary:
    """Solve every unit of ``plans`` into ``out`` on Dask.

    Args:
        plans: The folder of unit plans (sub-folders and workbooks).
        out: The output folder: ``OUT/<unit>/`` per unit, ``city.csv``, ``city.html``.
        options: How each unit is solved (``workers`` already chosen for the cluster).
        jobs: Worker processes of the local cluster (default: ``default_jobs``).
        scheduler: An existing Dask scheduler's address; then ``jobs`` is not used.
        on_progress: Told where the batch stands, after each change.
        lang: The city page's language.

    Raises:
        BatchInputError: Bad PLANS or OUT, or a scheduler that cannot be reached.
    """
    if out.resolve() == plans.resolve():
        raise BatchInputError(f"{out}: the output folder must not be PLANS itself")
    units = discover(plans, skip=out)
    state = _read_state(out)
    fingerprint = options.fingerprint()
    summary = BatchSummary()
    progress = BatchProgress(total=len(units))
    todo = []
    for unit in units:
        data = read_unit(unit)
        digest = unit_hash(data, fingerprint)
        kept = state.get(unit.name)
        if kept is not None and kept.get("hash") == digest and _still_there(out, kept):
            summary.results.append(_from_row(kept["row"]))
            summary.reused.add(unit.name)
            progress.skipped += 1
            progress.failed += kept["row"].get("status") != "solved"
            continue
        todo.append((data, digest))
    summary.skipped = progress.skipped
    tell = on_progress or (lambda _: None)
    tell(progress)
    try:
        if todo:
            with dask_client(jobs, scheduler) as client:
                progress.dashboard = _dashboard(client)
                _run(client, todo, options, out, state, summary, progress, tell)
    except KeyboardInterrupt:
        summary.interrupted = True
    # Not in a ``finally``: a scheduler that cannot be reached is bad input, nothing written.
    summary.results.sort(key=lambda r: r.unit)
    summary.written += write_city(out, summary.results, lang)
    return summary


def _run(
    client: Client,
    todo: list[tuple[PlanData, str]],
    options: BatchOptions,
    out: Path,
    state: dict[str, dict[str, Any]],
    summary: BatchSummary,
    progress: BatchProgress,
    tell: Callable[[BatchProgress], None],
) -> None:
    from distributed import as_completed

    # The plan's bytes go with each task, never a path: workers may be other machines.
    futures = {
        client.submit(
            solve_unit, data, options, key=f"roster-{data.name}-{digest}", retries=RETRIES
        ): (data.name, digest)
        for data, digest in todo
    }
    pending = set(futures)

    def running() -> int:
        # One task a thread at a time (threads_per_worker=1 locally): a good enough count.
        threads: dict[str, int] = client.nthreads()
        return min(max(1, sum(threads.values())), len(pending))

    progress.running = running()
    tell(progress)
    try:
        for future in as_completed(list(futures)):
            name, digest = futures.pop(future)
            pending.discard(future)
            result = _result_of(future, name)
            # Let the worker forget the result: otherwise a worker that dies later takes
            # it along, and the scheduler solves the unit again for a future still held.
            future.release()
            _write_unit(out, result)
            summary.results.append(result)
            summary.solved_now += 1
            if result.status == "failed":
                state.pop(name, None)  # tried again on the next run
            else:
                state[name] = {"hash": digest, "row": result.row()}
            _write_state(out, state)
            progress.done += 1
            progress.failed += result.status != "solved"
            progress.running = running()
            tell(progress)
    except KeyboardInterrupt:
        client.cancel(list(pending), force=True)
        raise


def _result_of(future: Future[Any], name: str) -> UnitResult:
    """The task's result; a task Dask gave up on (its workers kept dying: ``KilledWorker``,
    or it raised on every retry) is a ``failed`` unit."""
    if future.status == "finished":
        result = future.result()
        assert isinstance(result, UnitResult)
        return result
    error = future.exception() if future.status == "error" else None
    text = f"{type(error).__name__}: {error}" if error is not None else str(future.status)
    return UnitResult(name, "failed", error=text)


@contextmanager
def dask_client(jobs: int | None, scheduler: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of ``jobs``
    single-threaded worker processes (one CP-SAT solve each at a time)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise BatchInputError(f"--scheduler {scheduler}: cannot connect ({error})") from None
        with client:
            yield client
        return
    # Any free port: the scheduler's web server (health checks, and the dashboard when
    # bokeh is installed) must not clash with another cluster's default 8787.
    dashboard = ":0"
    with _workers_ignore_ctrl_c():
        cluster = LocalCluster(
            n_workers=jobs or default_jobs(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=dashboard,
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster) as client:
        yield client


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes with Ctrl-C ignored (they inherit it): Ctrl-C reaches the
    terminal's whole process group, and it is this process that stops the batch, cancels
    the tasks and closes the cluster; the workers would only print tracebacks. (A Ctrl-C in
    the second or two the cluster takes to start is lost with them.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _dashboard(client: Client) -> str | None:
    """The dashboard's address; None without bokeh, which draws it (the scheduler's web
    server then has no dashboard to show)."""
    if find_spec("bokeh") is None:
        return None
    try:
        link = client.dashboard_link
    except Exception:  # no dashboard on this scheduler
        return None
    return str(link) if link else None


def _write_unit(out: Path, result: UnitResult) -> None:
    """``OUT/<unit>/``: the task's files, each written atomically; files of an earlier run
    that this one did not write are removed."""
    folder = out / result.unit
    for file_name, content in result.files.items():
        atomic_write_bytes(folder / file_name, content)
    for stale in SOLVE_FILES:
        if stale not in result.files:
            (folder / stale).unlink(missing_ok=True)


def _still_there(out: Path, kept: dict[str, Any]) -> bool:
    """A recorded unit counts as done only if its outputs are still in OUT."""
    row = kept.get("row") or {}
    if row.get("status") == "invalid":
        return True
    return (out / str(row.get("unit")) / "solve.json").is_file()


def _from_row(row: dict[str, Any]) -> UnitResult:
    fields = {k: v for k, v in row.items() if k in UnitResult.__dataclass_fields__}
    return UnitResult(**fields)


def _read_state(out: Path) -> dict[str, dict[str, Any]]:
    path = out / STATE_FILE
    if not path.is_file():
        return {}
    try:
        units = json.loads(path.read_text(encoding="utf-8")).get("units", {})
    except (ValueError, AttributeError):
        return {}  # a damaged record: everything is solved again
    return units if isinstance(units, dict) else {}


def _write_state(out: Path, state: dict[str, dict[str, Any]]) -> None:
    text = json.dumps({"units": state}, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_text(out / STATE_FILE, text + "\n")
