"""Fixtures of the reader tests.

``run_bounded`` runs a reader in a child process under hard time and memory limits.

A hostile file must give a clear result without exhausting the machine; a
child with an address-space limit and a timeout proves both bounds.  The
child is a fresh interpreter (not a fork, which would inherit locks held by
other threads of the test process, nor multiprocessing's spawn, whose pipes
other forked helpers keep open), and talks to the parent through files.
"""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

_CHILD = """
import importlib, json, pickle, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
module, name, args = pickle.loads(open(sys.argv[1], "rb").read())
func = getattr(importlib.import_module(module), name)
try:
    func(*args)
except Exception as e:  # the outcome is the error's code, reported to the parent
    outcome = (type(e).__name__, getattr(e, "code", None), str(e))
else:
    outcome = ("ok", None, "")
open(sys.argv[3], "w", encoding="utf-8").write(json.dumps(outcome))
"""


def _run_bounded(func: Callable[..., object], *args: object, seconds: float, memory_mb: int) -> tuple[str, str | None, str]:
    """``(exception class name or "ok", error code, message)`` of ``func(*args)`` in a bounded child."""
    with tempfile.TemporaryDirectory() as tmp:
        call, result = Path(tmp) / "call.pickle", Path(tmp) / "result.json"
        call.write_bytes(pickle.dumps((func.__module__, func.__qualname__, args)))
        command = [sys.executable, "-c", _CHILD, str(call), str(memory_mb * 1024 * 1024), str(result)]
        try:
            completed = subprocess.run(command, timeout=seconds, capture_output=True)
        except subprocess.TimeoutExpired as e:
            raise TimeoutError(f"{func.__name__} ran longer than {seconds} s") from e
        if not result.exists():
            raise MemoryError(f"{func.__name__} died (exit code {completed.returncode}) under a {memory_mb} MB limit: "
                              f"{completed.stderr.decode(errors='replace')[-500:]}")
        outcome = json.loads(result.read_text(encoding="utf-8"))
        return outcome[0], outcome[1], outcome[2]


@pytest.fixture
def run_bounded() -> Callable[..., tuple[str, str | None, str]]:
    return _run_bounded
