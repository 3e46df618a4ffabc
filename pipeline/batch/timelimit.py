"""A per-file time limit that works in any thread (Dask runs tasks in worker threads, where SIGALRM cannot).

When the limit passes, :class:`TimeLimitExceeded` is raised asynchronously in
the thread that entered :func:`time_limit`, at its next Python bytecode.  A
hang inside C code that never returns to Python is not interrupted here; the
local executor's watchdog kills such a worker instead.
"""
from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(BaseException):
    """Raised in the limited thread.  A BaseException, so parsers' ``except Exception`` cannot swallow it."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in this thread if the block runs longer than ``seconds`` (None: no limit)."""
    if not seconds:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _raise_in(target, TimeLimitExceeded)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
            fired = state["fired"]
        timer.cancel()
        if fired:
            # The exception may still be pending if the block ended just as the
            # timer fired; clear it so it cannot surface in unrelated code.
            _raise_in(target, None)
