"""``roster batch`` on a real Dask cluster: a scheduler and two workers started as separate
processes on loopback (no mocks), one worker killed mid-batch; then the local default on the
same plans. One test, so that the cluster and the plans are made once (pytest-xdist would
split a module's tests across processes).

What it shows (issue 23): every valid unit solved with 0 hard violations (judged by
``roster check``'s own code, never the solver), the invalid unit reported with its problems,
Ctrl-C keeping finished units and a rerun going on from them, a dead worker's unit retried
on the other, the same statuses and coverage figures with the local default, and a rerun
with nothing changed solving nothing.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from distributed import Client
from typer.testing import CliRunner

from constraints import all_rules
from roster.batch.city import COLUMNS
from roster.batch.run import BatchProgress, run_batch
from roster.batch.task import BatchOptions
from roster.bench.city import BROKEN_SHIFT, break_plan
from roster.bench.generate import generate_plan, write_plan
from roster.cli.app import app
from roster.jobs.check import check_files

#: Columns both runs must agree on: what a city's command reads off the table (the
#: columns themselves are checked in test_batch.py).
COVERAGE = [column for column in COLUMNS if column != "spare_hours"]
VALID = ["u1", "u2", "u3", "u4", "u5"]
#: Tiny units, each proven best in well under the limit: same roster on any worker.
OPTIONS = BatchOptions(time_limit=2.0, workers=1, seed=0, deterministic=True)
STARTUP_SECONDS = 60


def _make_plans(folder: Path) -> None:
    for k, name in enumerate(VALID):
        write_plan(generate_plan(8 + k, 3, 3, seed=k), folder / name)
    broken = generate_plan(8, 3, 3, seed=9)
    write_plan(broken, folder / "u6")
    break_plan(folder / "u6", broken.compounds[0].id)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, dict[str, subprocess.Popen[bytes]]]]:
    """A scheduler and two single-threaded workers (no nanny: a killed worker stays dead)."""
    info = tmp_path / "scheduler.json"
    procs: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [sys.executable, "-m", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        procs.append(proc)
        return proc

    try:
        start(
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(info),
        )
        _wait_for(info.is_file)
        address = json.loads(info.read_text())["address"]
        workers = {
            name: start(
                "distributed.cli.dask_worker",
                "--scheduler-file",
                str(info),
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--name",
                name,
            )
            for name in ("w1", "w2")
        }
        with Client(address, timeout=STARTUP_SECONDS) as client:
            client.wait_for_workers(2, timeout=STARTUP_SECONDS)
        yield address, workers
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait_for(ready: object) -> None:
    assert callable(ready)
    deadline = time.monotonic() + STARTUP_SECONDS
    while not ready():
        assert time.monotonic() < deadline, "the scheduler did not start"
        time.sleep(0.1)


def _kill_a_busy_worker(
    address: str, workers: dict[str, subprocess.Popen[bytes]], killed: list[str]
) -> None:
    """Once a task is running on a worker, kill that worker's process (SIGKILL: no goodbye
    to the scheduler, as when a machine dies)."""
    with Client(address, timeout=STARTUP_SECONDS) as watcher:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not killed:
            assert time.monotonic() < deadline, "no task ever ran"
            names = {a: w["name"] for a, w in watcher.scheduler_info()["workers"].items()}
            busy = [names[a] for a, keys in watcher.processing().items() if keys]
            if busy:
                workers[busy[0]].send_signal(signal.SIGKILL)
                workers[busy[0]].wait(timeout=10)
                killed.append(busy[0])
            else:
                time.sleep(0.05)


def _table(out: Path) -> pd.DataFrame:
    frame = pd.read_csv(out / "city.csv", encoding="utf-8-sig")
    return frame[COVERAGE].sort_values("unit").reset_index(drop=True)


def test_batch_on_a_cluster_with_a_dead_worker_then_locally(
    tmp_path: Path, cluster: tuple[str, dict[str, subprocess.Popen[bytes]]]
) -> None:
    address, workers = cluster
    plans, remote, local = tmp_path / "plans", tmp_path / "remote", tmp_path / "local"
    _make_plans(plans)

    # Ctrl-C after the first unit: it is kept (outputs, state, city.csv), the rest are not.
    def interrupt(progress: BatchProgress) -> None:
        if progress.done >= 1:
            raise KeyboardInterrupt

    first = run_batch(plans, remote, OPTIONS, scheduler=address, on_progress=interrupt)
    assert first.interrupted
    assert first.exit_code == 1
    assert len(first.results) == 1
    assert len(pd.read_csv(remote / "city.csv", encoding="utf-8-sig")) == 1

    # Resume, and kill a worker while it solves a unit: Dask gives the unit to the other.
    killed: list[str] = []

    def kill_once(progress: BatchProgress) -> None:
        if progress.running and not killed:
            _kill_a_busy_worker(address, workers, killed)

    second = run_batch(plans, remote, OPTIONS, scheduler=address, on_progress=kill_once)
    assert killed, "no worker was killed mid-batch"
    assert workers[killed[0]].poll() is not None
    assert not second.interrupted
    assert second.skipped == 1
    by_unit = {r.unit: r for r in second.results}
    assert sorted(by_unit) == [*VALID, "u6"]
    assert [u for u in VALID if by_unit[u].status == "solved"] == VALID
    assert by_unit["u6"].status == "invalid"
    assert "demand.csv" in by_unit["u6"].error
    assert BROKEN_SHIFT in by_unit["u6"].error

    # The solver is never its own judge: each roster through roster check's own code.
    rules = all_rules()
    for unit in VALID:
        folder = remote / unit
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["gaps.csv", "report.html", "roster.csv", "roster.xlsx", "solve.json"]
        )
        checked = check_files(plans / unit, folder / "roster.csv", tmp_path / "check" / unit, rules)
        assert checked.report.hard == []
        assert checked.report.problems == []
    assert not (remote / "u6").exists()

    # The local default (a LocalCluster) on the same plans: the same table.
    runner = CliRunner()
    args = ["batch", str(plans), "--out", str(local), "--jobs", "2", "--time-limit", "2"]
    args += ["--deterministic", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "u6: invalid plan" in result.output
    pd.testing.assert_frame_equal(_table(remote), _table(local))
    for unit in VALID:
        assert (remote / unit / "roster.csv").read_bytes() == (
            local / unit / "roster.csv"
        ).read_bytes()
    html = (local / "city.html").read_text(encoding="utf-8")
    assert "<svg" in html
    assert "u6" in html

    # Nothing changed: nothing solved (and no cluster started).
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "0 now, 6 unchanged" in again.output
