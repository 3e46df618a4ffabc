"""Fixtures of the reader tests.

``run_bounded`` runs a reader in a child process under hard time and memory limits.

A hostile file must give a clear result without exhausting the machine; a
child with an address-space limit and a timeout proves both bounds.
"""
from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from typing import Any

import pytest


def _child(queue: Any, func: Callable[..., object], args: tuple, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        func(*args)
    except Exception as e:  # the outcome is the error's code, reported to the parent
        queue.put((type(e).__name__, getattr(e, "code", None), str(e)))
    else:
        queue.put(("ok", None, ""))


def _run_bounded(func: Callable[..., object], *args: object, seconds: float, memory_mb: int) -> tuple[str, str | None, str]:
    """``(exception class name or "ok", error code, message)`` of ``func(*args)`` in a bounded child."""
    # A forked child inherits locks held by other threads of the test process (Dask,
    # servers started by earlier tests) and can deadlock; a spawned child starts clean.
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, func, args, memory_mb * 1024 * 1024))
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.kill()
        process.join()
        raise TimeoutError(f"{func.__name__} ran longer than {seconds} s")
    if queue.empty():
        raise MemoryError(f"{func.__name__} died (exit code {process.exitcode}) under a {memory_mb} MB limit")
    return queue.get()


@pytest.fixture
def run_bounded() -> Callable[..., tuple[str, str | None, str]]:
    return _run_bounded
