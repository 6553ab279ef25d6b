"""Ctrl-C during a solve: stop whatever runs, keep the best roster so far, and say so.

One ``Interrupt`` is installed for a whole solve (``roster.engine.solve``; a job may install
it earlier, around reading the plan). Ctrl-C sets its flag and stops every CP-SAT solver
running at that moment; each stage of the solve asks ``interrupted()`` before it starts.
Every solver the engine runs goes through ``running``, which registers it, so a solver made
on the way (a warm-up's ``free`` phase, the completion of the start) is stopped as well.

CP-SAT catches SIGINT itself by default and ends the search as if its time were up: the
tier loop never learned of it, and the next tier ran on. ``running`` turns that off; while
CP-SAT runs, Python's own handler cannot run (the main thread waits in C++), so a watcher
thread reads the signal from ``signal.set_wakeup_fd`` and stops the solvers from there.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Iterator
from types import FrameType

from ortools.sat.python import cp_model

log = logging.getLogger(__name__)

#: How often the watcher stops the registered solvers again once Ctrl-C came: a solver
#: registered just before it starts is not yet stoppable (CP-SAT ignores ``stop_search``
#: before its search begins), so the watcher repeats the request until the stage ends.
REPEAT_SECONDS = 0.1

_active: Interrupt | None = None


class Interrupt:
    """The Ctrl-C handler of one solve (a context manager; a no-op outside the main thread,
    where Python cannot handle signals)."""

    def __init__(self) -> None:
        self.interrupted = False
        self._solvers: list[cp_model.CpSolver] = []
        self._lock = threading.Lock()
        self._installed = False
        self._previous_handler: object = None
        self._previous_fd = -1
        self._outer: Interrupt | None = None
        self._reader: socket.socket | None = None
        self._writer: socket.socket | None = None
        self._watcher: threading.Thread | None = None

    def stop(self) -> None:
        """Set the flag and stop every registered solver (what Ctrl-C does)."""
        self.interrupted = True
        with self._lock:
            solvers = list(self._solvers)
        for solver in solvers:
            solver.stop_search()

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        self.stop()

    def _watch(self) -> None:
        assert self._reader is not None
        while True:
            try:
                data = self._reader.recv(64)
            except TimeoutError:
                data = None
            except OSError:
                return
            if data == b"":  # closed: the solve is over
                return
            if (data and int(signal.SIGINT) in data) or self.interrupted:
                self.stop()

    def __enter__(self) -> Interrupt:
        global _active
        self._outer, _active = _active, self
        if self._outer is not None:  # a job's handler already watches: it has the flag
            return self
        try:
            self._previous_handler = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: no Ctrl-C handling there
            return self
        self._installed = True
        self._reader, self._writer = socket.socketpair()
        self._reader.settimeout(REPEAT_SECONDS)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._watcher = threading.Thread(target=self._watch, name="ctrl-c watcher", daemon=True)
        self._watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        global _active
        _active = self._outer
        if not self._installed:
            return
        signal.set_wakeup_fd(self._previous_fd)
        signal.signal(signal.SIGINT, self._previous_handler)  # type: ignore[arg-type]
        assert self._writer is not None
        assert self._reader is not None
        self._writer.close()
        if self._watcher is not None:
            self._watcher.join()
        self._reader.close()
        self._installed = False

    def _register(self, solver: cp_model.CpSolver) -> None:
        with self._lock:
            self._solvers.append(solver)

    def _unregister(self, solver: cp_model.CpSolver) -> None:
        with self._lock:
            self._solvers.remove(solver)


def _root() -> Interrupt | None:
    """The outermost ``Interrupt`` in force: the one that handles the signal."""
    current = _active
    while current is not None and current._outer is not None:
        current = current._outer
    return current


def interrupted() -> bool:
    """Whether Ctrl-C came during the solve under way (False when none is)."""
    current = _root()
    return current is not None and current.interrupted


@contextlib.contextmanager
def running(solver: cp_model.CpSolver, *, stoppable: bool = True) -> Iterator[cp_model.CpSolver]:
    """Register ``solver`` with the solve's ``Interrupt`` while it runs, so Ctrl-C stops it,
    and keep CP-SAT from catching Ctrl-C itself (it would end only this search, silently).

    Not ``stoppable``: a short solve whose answer must be whole (the costs of a fixed roster
    at their least, ``RosterModel.complete``) runs to its end; Ctrl-C is still seen."""
    current = _root()
    if current is None:
        yield solver
        return
    solver.parameters.catch_sigint_signal = False
    if not stoppable:
        yield solver
        return
    current._register(solver)
    try:
        if current.interrupted:
            solver.stop_search()
        yield solver
    finally:
        current._unregister(solver)
