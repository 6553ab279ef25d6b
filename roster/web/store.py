"""The office's store: one SQLite file, ``DIR/roster.db``, that keeps every plan uploaded,
every roster version made from it (solved, repaired, covered), the published marks, the
checks of hand-edited rosters and the jobs that made them.

WAL mode (the server's thread reads while a worker process writes progress), the schema's
version in ``PRAGMA user_version``, and every write in one transaction: a server stopped
mid-solve leaves either a whole version or none. Each call opens its own connection, so the
store can be used from the server's threads and from worker processes alike.

Files are kept as they were written (``roster.csv``, ``roster.xlsx``, ``report.html``,
``gaps.csv``, ``solve.json``, ``changes.csv``, ``messages.txt``): a download is exactly
what ``roster solve`` or ``roster reschedule`` wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SCHEMA_VERSION = 1
DB_NAME = "roster.db"

JobState = Literal["queued", "running", "done", "stopped", "failed", "interrupted"]
UNFINISHED: tuple[JobState, ...] = ("queued", "running")

SCHEMA = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,             -- the uploaded file's name
    title TEXT NOT NULL,            -- the plan's title
    kind TEXT NOT NULL,             -- xlsx | zip
    data BLOB NOT NULL,             -- the file as uploaded (or made for the next week)
    start TEXT NOT NULL,            -- the period's first day
    days INTEGER NOT NULL,
    from_version INTEGER REFERENCES versions(id),  -- next week: the published roster before
    created TEXT NOT NULL
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    parent_id INTEGER REFERENCES versions(id),
    kind TEXT NOT NULL,             -- solve | reschedule | cover
    what TEXT NOT NULL,             -- who changed what, in words (JSON: {"zh", "en"})
    absences TEXT NOT NULL,         -- JSON: every absence added since the solve
    summary TEXT NOT NULL,          -- JSON: status, gaps, critical gaps, changes, interrupted
    published INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE files (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    name TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (version_id, name)
);
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    source_version INTEGER REFERENCES versions(id),
    kind TEXT NOT NULL,             -- solve | reschedule | cover
    params TEXT NOT NULL,           -- JSON
    state TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '{}',
    version_id INTEGER REFERENCES versions(id),
    error TEXT,
    pid INTEGER,
    created TEXT NOT NULL,
    started TEXT,
    ended TEXT
);
CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    name TEXT NOT NULL,
    data BLOB NOT NULL,
    exit_code INTEGER NOT NULL,
    lines TEXT NOT NULL,            -- JSON: what roster check prints
    created TEXT NOT NULL
);
"""


def now() -> str:
    """The current moment, UTC, ISO."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PlanRow:
    id: int
    name: str
    title: str
    kind: str
    start: dt.date
    days: int
    from_version: int | None
    created: str


@dataclass(frozen=True)
class VersionRow:
    id: int
    plan_id: int
    parent_id: int | None
    kind: str
    what: dict[str, str]
    absences: list[dict[str, str | None]]
    summary: dict[str, Any]
    published: bool
    created: str


@dataclass(frozen=True)
class JobRow:
    id: int
    plan_id: int
    source_version: int | None
    kind: str
    params: dict[str, Any]
    state: JobState
    progress: dict[str, Any]
    version_id: int | None
    error: str | None
    pid: int | None
    created: str
    started: str | None
    ended: str | None


@dataclass(frozen=True)
class CheckRow:
    id: int
    plan_id: int
    name: str
    exit_code: int
    lines: list[str]
    created: str


class Store:
    """The SQLite store in ``folder`` (created, with its schema, if new)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / DB_NAME
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            found = db.execute("PRAGMA user_version").fetchone()[0]
            if found == 0:
                db.executescript(
                    f"BEGIN;\n{SCHEMA}\nPRAGMA user_version={SCHEMA_VERSION};\nCOMMIT;"
                )
            elif found != SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: schema version {found}, this roster knows {SCHEMA_VERSION}"
                )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        return db

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is written, or none."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    # ------------------------------------------------------------------ plans

    def add_plan(
        self,
        *,
        name: str,
        title: str,
        kind: str,
        data: bytes,
        start: dt.date,
        days: int,
        from_version: int | None = None,
    ) -> int:
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO plans (name, title, kind, data, start, days, from_version, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, title, kind, data, start.isoformat(), days, from_version, now()),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def plans(self) -> list[PlanRow]:
        with self._read() as db:
            rows = db.execute(
                "SELECT id, name, title, kind, start, days, from_version, created FROM plans"
                " ORDER BY id DESC"
            ).fetchall()
        return [_plan(r) for r in rows]

    def plan(self, plan_id: int) -> PlanRow | None:
        with self._read() as db:
            row = db.execute(
                "SELECT id, name, title, kind, start, days, from_version, created FROM plans"
                " WHERE id = ?",
                (plan_id,),
            ).fetchone()
        return None if row is None else _plan(row)

    def plan_data(self, plan_id: int) -> bytes:
        with self._read() as db:
            row = db.execute("SELECT data FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return bytes(row["data"])

    def count_plans(self) -> int:
        with self._read() as db:
            return int(db.execute("SELECT COUNT(*) FROM plans").fetchone()[0])

    # ------------------------------------------------------------------ versions

    def versions(self, plan_id: int) -> list[VersionRow]:
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM versions WHERE plan_id = ? ORDER BY id DESC", (plan_id,)
            ).fetchall()
        return [_version(r) for r in rows]

    def version(self, version_id: int) -> VersionRow | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
        return None if row is None else _version(row)

    def published(self) -> list[VersionRow]:
        """Every published version, newest first."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM versions WHERE published = 1 ORDER BY id DESC"
            ).fetchall()
        return [_version(r) for r in rows]

    def file(self, version_id: int, name: str) -> bytes | None:
        with self._read() as db:
            row = db.execute(
                "SELECT data FROM files WHERE version_id = ? AND name = ?", (version_id, name)
            ).fetchone()
        return None if row is None else bytes(row["data"])

    def file_names(self, version_id: int) -> list[str]:
        with self._read() as db:
            rows = db.execute(
                "SELECT name FROM files WHERE version_id = ? ORDER BY name", (version_id,)
            ).fetchall()
        return [r["name"] for r in rows]

    def publish(self, version_id: int) -> None:
        """Mark a version published: the one of its plan (any other is unmarked)."""
        with self._write() as db:
            row = db.execute("SELECT plan_id FROM versions WHERE id = ?", (version_id,)).fetchone()
            if row is None:
                raise KeyError(version_id)
            db.execute("UPDATE versions SET published = 0 WHERE plan_id = ?", (row["plan_id"],))
            db.execute("UPDATE versions SET published = 1 WHERE id = ?", (version_id,))

    def finish_job(
        self,
        job_id: int,
        state: JobState,
        *,
        what: Mapping[str, str],
        absences: list[dict[str, str | None]],
        summary: Mapping[str, Any],
        files: Mapping[str, bytes],
    ) -> int | None:
        """Store a job's roster as a new version and end the job, in one transaction. Only
        a job still running may: one the server marked interrupted stores nothing (None)."""
        with self._write() as db:
            job = db.execute(
                "SELECT plan_id, source_version, kind, state FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
            if job is None or job["state"] != "running":
                return None
            cursor = db.execute(
                "INSERT INTO versions (plan_id, parent_id, kind, what, absences, summary,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    job["plan_id"],
                    job["source_version"],
                    job["kind"],
                    json.dumps(dict(what), ensure_ascii=False),
                    json.dumps(absences, ensure_ascii=False),
                    json.dumps(dict(summary), ensure_ascii=False),
                    now(),
                ),
            )
            version_id = cursor.lastrowid
            assert version_id is not None
            db.executemany(
                "INSERT INTO files (version_id, name, data) VALUES (?, ?, ?)",
                [(version_id, name, data) for name, data in files.items()],
            )
            db.execute(
                "UPDATE jobs SET state = ?, version_id = ?, ended = ? WHERE id = ?",
                (state, version_id, now(), job_id),
            )
            return version_id

    # ------------------------------------------------------------------ jobs

    def add_job(
        self, plan_id: int, kind: str, params: Mapping[str, Any], source_version: int | None
    ) -> int:
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO jobs (plan_id, source_version, kind, params, state, created)"
                " VALUES (?, ?, ?, ?, 'queued', ?)",
                (plan_id, source_version, kind, json.dumps(dict(params)), now()),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def job(self, job_id: int) -> JobRow | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else _job(row)

    def jobs(self, plan_id: int | None = None) -> list[JobRow]:
        with self._read() as db:
            if plan_id is None:
                rows = db.execute("SELECT * FROM jobs ORDER BY id DESC").fetchall()
            else:
                rows = db.execute(
                    "SELECT * FROM jobs WHERE plan_id = ? ORDER BY id DESC", (plan_id,)
                ).fetchall()
        return [_job(r) for r in rows]

    def queued_before(self, job_id: int) -> int:
        """How many unfinished jobs are ahead of ``job_id`` in the queue."""
        with self._read() as db:
            return int(
                db.execute(
                    "SELECT COUNT(*) FROM jobs WHERE id < ? AND state IN ('queued', 'running')",
                    (job_id,),
                ).fetchone()[0]
            )

    def next_queued(self) -> JobRow | None:
        with self._read() as db:
            row = db.execute(
                "SELECT * FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1"
            ).fetchone()
        return None if row is None else _job(row)

    def start_job(self, job_id: int) -> bool:
        """Mark a queued job running; False if it is no longer queued (stopped meanwhile)."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE jobs SET state = 'running', started = ? WHERE id = ? AND state = 'queued'",
                (now(), job_id),
            )
            return cursor.rowcount == 1

    def set_pid(self, job_id: int, pid: int | None) -> None:
        with self._write() as db:
            db.execute("UPDATE jobs SET pid = ? WHERE id = ?", (pid, job_id))

    def set_progress(self, job_id: int, progress: Mapping[str, Any]) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE jobs SET progress = ? WHERE id = ? AND state = 'running'",
                (json.dumps(dict(progress), ensure_ascii=False), job_id),
            )

    def end_job(
        self, job_id: int, state: JobState, error: str | None = None, *, only_from: str = ""
    ) -> bool:
        """End a job without a version (failed, stopped before any roster, interrupted).
        ``only_from``: only if the job is in that state."""
        with self._write() as db:
            query = "UPDATE jobs SET state = ?, error = ?, ended = ? WHERE id = ?"
            args: tuple[object, ...] = (state, error, now(), job_id)
            if only_from:
                query += " AND state = ?"
                args += (only_from,)
            else:
                query += " AND state IN ('queued', 'running')"
            return db.execute(query, args).rowcount == 1

    def interrupt_unfinished(self) -> int:
        """At start-up: every job left queued or running by a server that stopped is
        interrupted (its versions before stay as they were)."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE jobs SET state = 'interrupted', ended = ?"
                " WHERE state IN ('queued', 'running')",
                (now(),),
            )
            return cursor.rowcount

    # ------------------------------------------------------------------ checks

    def add_check(
        self, plan_id: int, name: str, data: bytes, exit_code: int, lines: list[str]
    ) -> int:
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO checks (plan_id, name, data, exit_code, lines, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (plan_id, name, data, exit_code, json.dumps(lines, ensure_ascii=False), now()),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def checks(self, plan_id: int) -> list[CheckRow]:
        with self._read() as db:
            rows = db.execute(
                "SELECT id, plan_id, name, exit_code, lines, created FROM checks"
                " WHERE plan_id = ? ORDER BY id DESC",
                (plan_id,),
            ).fetchall()
        return [
            CheckRow(
                r["id"],
                r["plan_id"],
                r["name"],
                r["exit_code"],
                json.loads(r["lines"]),
                r["created"],
            )
            for r in rows
        ]


def _plan(row: sqlite3.Row) -> PlanRow:
    return PlanRow(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        kind=row["kind"],
        start=dt.date.fromisoformat(row["start"]),
        days=row["days"],
        from_version=row["from_version"],
        created=row["created"],
    )


def _version(row: sqlite3.Row) -> VersionRow:
    return VersionRow(
        id=row["id"],
        plan_id=row["plan_id"],
        parent_id=row["parent_id"],
        kind=row["kind"],
        what=json.loads(row["what"]),
        absences=json.loads(row["absences"]),
        summary=json.loads(row["summary"]),
        published=bool(row["published"]),
        created=row["created"],
    )


def _job(row: sqlite3.Row) -> JobRow:
    return JobRow(
        id=row["id"],
        plan_id=row["plan_id"],
        source_version=row["source_version"],
        kind=row["kind"],
        params=json.loads(row["params"]),
        state=row["state"],
        progress=json.loads(row["progress"]),
        version_id=row["version_id"],
        error=row["error"],
        pid=row["pid"],
        created=row["created"],
        started=row["started"],
        ended=row["ended"],
    )
