"""A per-file time limit that works in any thread (Dask runs tasks in worker threads, where SIGALRM cannot).

When the limit passes, :class:`TimeLimitExceeded` is raised asynchronously in
the thread that entered :func:`time_limit`, at its next Python bytecode.  A
hang inside C code that never returns to Python is not interrupted here; the
local executor's watchdog kills such a worker instead.

One watchdog thread per process checks the deadlines a few times a second.
Entering and leaving a limit only writes to a dict: starting a timer thread
per file made the OS migrate threads between cores and slowed two workers
on two cores by a quarter.
"""
from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# How often the watchdog looks; a limit fires at most this late.
CHECK_SECONDS = 0.25


class TimeLimitExceeded(BaseException):
    """Raised in the limited thread.  A BaseException, so parsers' ``except Exception`` cannot swallow it."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)


class _Watchdog:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.deadlines: dict[int, float] = {}  # thread id -> monotonic deadline
        self.fired: set[int] = set()
        self.thread: threading.Thread | None = None

    def enter(self, seconds: float) -> int:
        target = threading.get_ident()
        with self.lock:
            self.deadlines[target] = time.monotonic() + seconds
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="gongkai-time-limit", daemon=True)
                self.thread.start()
        return target

    def leave(self, target: int) -> bool:
        """Forget the thread's deadline; True when the limit had fired."""
        with self.lock:
            self.deadlines.pop(target, None)
            fired = target in self.fired
            self.fired.discard(target)
        return fired

    def _run(self) -> None:
        while True:
            time.sleep(CHECK_SECONDS)
            now = time.monotonic()
            with self.lock:
                for target, deadline in list(self.deadlines.items()):
                    if deadline <= now:
                        del self.deadlines[target]
                        self.fired.add(target)
                        _raise_in(target, TimeLimitExceeded)


_WATCHDOG = _Watchdog()
# A forked child has no watchdog thread and may inherit a held lock: it starts afresh.
os.register_at_fork(after_in_child=_WATCHDOG.__init__)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in this thread if the block runs longer than ``seconds`` (None: no limit)."""
    if not seconds:
        yield
        return
    target = _WATCHDOG.enter(seconds)
    try:
        yield
    finally:
        if _WATCHDOG.leave(target):
            # The exception may still be pending if the block ended just as the
            # limit fired; clear it so it cannot surface in unrelated code.
            _raise_in(target, None)
