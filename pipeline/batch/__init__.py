"""Corpus runs (``gongkai batch``): every input file accounted for in a manifest, tidy tables out.

:func:`run` is the API; the CLI is a thin layer over it.  See ``driver.py`` for
the flow, ``worker.py`` for the work on one chunk, ``local.py`` and
``distributed.py`` for where chunks run, ``compact.py`` for the outputs.

The names below load on first use: ``gongkai batch`` imports ``forkserver.py``
first, so that its workers' server starts while the driver loads DuckDB and Arrow.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .compact import Outputs
    from .driver import BatchOptions, BatchResult, Progress, run

_HOMES = {"Outputs": ".compact", "BatchOptions": ".driver", "BatchResult": ".driver", "Progress": ".driver", "run": ".driver"}

__all__ = list(_HOMES)


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
