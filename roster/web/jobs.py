"""Solves for the page: a queue, one at a time per server, each in its own process.

The server's thread never solves. ``Runner`` takes the oldest queued job, starts a worker
process (``python -m roster.web.jobs``: a fresh interpreter, not a fork of the server) and
waits for it; the worker reads the plan, runs ``roster solve``'s or ``roster
reschedule``'s pipeline exactly as the command does, writes live progress into the store,
and stores the files it wrote as a new version, in
one transaction with the job's end.

Stop sends SIGINT to the worker: the engine's Ctrl-C path (``roster.engine.interrupt``)
keeps the best roster so far, and the job ends ``stopped`` with that roster as its version.
The worker runs in its own session, so a Ctrl-C typed at the server's terminal stops the
server, not the solve; the server then kills its worker and the job is ``interrupted``
(also every job found queued or running when a server starts). Earlier versions are never
touched.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roster.io.columns import absence_moment
from roster.jobs.solve import SolveOutcome, level_label, progress_line, progress_said
from roster.result import Progress
from roster.text.i18n import LANGS, Lang, label
from roster.web.files import materialize
from roster.web.store import JobRow, JobState, Store

#: At most one progress write per this many seconds (and at each level's start and end).
PROGRESS_EVERY = 0.5
#: The worker checks this often that the server that started it is still there.
ORPHAN_CHECK = 1.0


@dataclass(frozen=True)
class AbsenceSpec:
    """An absence as the page sends it: a staff id, from (a date or "YYYY-MM-DD HH:MM")
    and optionally to."""

    staff: str
    start: str
    end: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"staff": self.staff, "from": self.start, "to": self.end}


class Runner:
    """The server's queue of solves: one worker process at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._running: int | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Mark what a stopped server left unfinished as interrupted; start the queue."""
        self.store.interrupt_unfinished()
        self._thread = threading.Thread(target=self._loop, name="roster jobs", daemon=True)
        self._thread.start()

    def submit(self) -> None:
        """A job was queued: look now."""
        self._wake.set()

    def stop(self, job_id: int) -> bool:
        """Stop a job: a queued one ends at once; a running one is sent SIGINT and keeps its
        best roster so far. False if it had already ended."""
        job = self.store.job(job_id)
        if job is None:
            return False
        if job.state == "queued":
            return self.store.end_job(job_id, "stopped", only_from="queued") or self.stop(job_id)
        if job.state != "running":
            return False
        with self._lock:
            process = self._process if self._running == job_id else None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
        return True

    def shutdown(self) -> None:
        """The server is stopping: kill the worker (its job is interrupted) and the queue."""
        self._closing.set()
        self._wake.set()
        with self._lock:
            process, running = self._process, self._running
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(5)
        if running is not None:
            self.store.end_job(running, "interrupted", only_from="running")
        if self._thread is not None:
            self._thread.join(5)

    def _loop(self) -> None:
        while not self._closing.is_set():
            job = self.store.next_queued()
            if job is None:
                self._wake.wait(1.0)
                self._wake.clear()
                continue
            if not self.store.start_job(job.id):
                continue
            self._run(job)

    def _run(self, job: JobRow) -> None:
        # A fresh interpreter in its own session: the solve runs in its main thread (where
        # the engine's Ctrl-C handler works) and the terminal's Ctrl-C stays the server's.
        process = subprocess.Popen(
            [sys.executable, "-m", "roster.web.jobs", str(self.store.path.parent), str(job.id)],
            start_new_session=True,
        )
        with self._lock:
            self._process, self._running = process, job.id
        self.store.set_pid(job.id, process.pid)
        process.wait()
        with self._lock:
            self._process, self._running = None, None
        if self._closing.is_set():
            self.store.end_job(job.id, "interrupted", only_from="running")
        else:
            self.store.end_job(
                job.id,
                "failed",
                f"worker ended with code {process.returncode}",
                only_from="running",
            )


# ---------------------------------------------------------------------- the worker process


def work(folder: str, job_id: int) -> None:
    """A worker process's body: run one job and store what it made."""
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    store = Store(Path(folder))
    job = store.job(job_id)
    if job is None or job.state != "running":
        return
    try:
        with tempfile.TemporaryDirectory(prefix="roster-job-") as tmp:
            _work(store, job, Path(tmp))
    except KeyboardInterrupt:
        store.end_job(job_id, "stopped", only_from="running")
    except Exception as error:  # a worker never dies silently: the job says what went wrong
        store.end_job(job_id, "failed", _error_text(error), only_from="running")


def _watch_parent(parent: int) -> None:
    """End the worker if the server that started it is gone (killed, not stopped)."""
    while True:
        time.sleep(ORPHAN_CHECK)
        if os.getppid() != parent:
            os._exit(1)


def _error_text(error: BaseException) -> str:
    from roster.plan.problems import PlanError

    if isinstance(error, PlanError):
        return "\n".join(p.render("zh") + "\n" + p.render("en") for p in error.problems)
    return "".join(traceback.format_exception_only(error)).strip()


class _Progress:
    """The engine's progress, written into the store at most every ``PROGRESS_EVERY``."""

    def __init__(self, store: Store, job_id: int) -> None:
        self.store, self.job_id = store, job_id
        self._last = -1.0
        self._level: object = None
        self._began = time.monotonic()

    def __call__(self, progress: Progress, lang: Lang) -> None:
        new = progress.level != self._level
        if not (new or progress.final or progress.seconds - self._last >= PROGRESS_EVERY):
            return
        self._level, self._last = progress.level, progress.seconds
        said = progress_said(progress, lang)
        self.store.set_progress(
            self.job_id,
            {
                "tier": level_label(progress.level, lang),
                "objective": progress.objective,
                "bound": progress.bound,
                "elapsed": round(time.monotonic() - self._began, 1),
                "findings": said,
                "line": progress_line(progress, lang, said),
            },
        )


def _work(store: Store, job: JobRow, tmp: Path) -> None:
    from constraints import all_rules
    from roster.result import SolverConfig

    params = job.params
    lang: Lang | None = params.get("lang") if params.get("lang") in LANGS else None
    plan_row = store.plan(job.plan_id)
    assert plan_row is not None
    plan_path = materialize(plan_row.kind, store.plan_data(job.plan_id), tmp)  # type: ignore[arg-type]
    out = tmp / "out"
    config = SolverConfig(time_limit=float(params.get("time_limit", 30)), workers=2)
    on_progress = _Progress(store, job.id)
    store.set_progress(job.id, {"elapsed": 0.0})
    absences: list[dict[str, str | None]] = []
    if job.kind == "solve":
        from roster.jobs.solve import solve_plan

        outcome: SolveOutcome = solve_plan(
            plan_path, out, all_rules(), config, lang=lang, on_progress=on_progress
        )
        what: dict[str, str] = {
            k: label("web_what_solve", k).format(seconds=config.time_limit) for k in LANGS
        }
    else:
        from roster.jobs.reschedule import NewAbsence, reschedule_plan

        source = store.version(job.source_version or 0)
        published = store.file(job.source_version or 0, "roster.csv")
        assert source is not None
        assert published is not None
        roster_path = tmp / "published.csv"
        roster_path.write_bytes(published)
        new = AbsenceSpec(params["staff"], params["from"], params.get("to"))
        absences = [*source.absences, new.as_json()]
        wanted = [
            NewAbsence(
                str(a["staff"]),
                absence_moment(str(a["from"]), end=False),
                absence_moment(str(a["to"]), end=True) if a.get("to") else None,
            )
            for a in absences
        ]
        assign: Sequence[str] = [params["assign"]] if params.get("assign") else ()
        outcome = reschedule_plan(
            plan_path,
            roster_path,
            wanted,
            out,
            all_rules(),
            config,
            lang=lang,
            on_progress=on_progress,
            assign=assign,
        )
        key = "web_what_cover" if assign else "web_what_reschedule"
        what = {
            k: label(key, k).format(
                staff=params.get("staff_name") or params["staff"],
                start=params["from"],
                end=params.get("to") or "",
                assign=params.get("assign_text") or params.get("assign") or "",
            )
            for k in LANGS
        }
    result = outcome.result
    if result.roster is None:
        store.end_job(
            job.id,
            "failed",
            label("no_roster", outcome.lang).format(status=result.status.value),
            only_from="running",
        )
        return
    state: JobState = "stopped" if result.interrupted else "done"
    summary: dict[str, Any] = {
        "status": result.status.value,
        "interrupted": result.interrupted,
        "hit_time_limit": result.hit_time_limit,
        "seconds": round(result.seconds, 1),
        "gaps": len(outcome.gaps),
        "critical_gaps": sum(1 for g in outcome.gaps if g.need.priority.value == "critical"),
        "exit_code": outcome.exit_code,
        "lang": outcome.lang,
        "changes": len(getattr(outcome, "changes", [])),
        "people_told": len(getattr(outcome, "messages", [])),
    }
    files = {path.name: path.read_bytes() for path in outcome.written if path.exists()}
    store.finish_job(job.id, state, what=what, absences=absences, summary=summary, files=files)


if __name__ == "__main__":
    work(sys.argv[1], int(sys.argv[2]))
