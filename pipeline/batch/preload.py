"""Imported by the local workers' forkserver (``forkserver.py``) before it forks any worker.

The pipeline loads here once, and its long-lived objects are frozen so that
the workers' garbage collector neither scans them nor copies their pages.
"""
from __future__ import annotations

import atexit
import gc

from .worker import warm_up

try:
    warm_up()
except Exception:  # noqa: BLE001 - the forkserver would die of it; the first chunk meets the same error and reports it
    pass
gc.freeze()
# The server exits with the run; thawing first (as worker.py asks) would have it collect every object before it goes.
atexit.unregister(gc.unfreeze)
