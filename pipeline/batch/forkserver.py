"""The server local workers are forked from, preloaded with the pipeline.

The server imports the pipeline and loads its models once (about 0.6 s); every
worker forked from it starts warm and shares those pages.  ``gongkai batch``
starts it before the driver's own imports, so that the two overlap.  This
module imports nothing of the pipeline, for that reason.

A Dask LocalCluster forks its workers from the same server (its settings in
``configs/batch/dask/`` ask for the forkserver), which then holds Dask too.
"""
from __future__ import annotations

import multiprocessing as mp
import multiprocessing.forkserver
from multiprocessing.context import ForkServerContext

PRELOAD = ["pipeline.batch.preload"]
DASK_PRELOAD = ["distributed", *PRELOAD]


def context(preload: list[str] = PRELOAD) -> ForkServerContext:
    """The multiprocessing context of local workers (``preload`` counts until the server starts)."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(preload)
    return ctx


def start(preload: list[str] = PRELOAD) -> None:
    """Start the server now (in the background) rather than when the first worker is started."""
    context(preload)
    multiprocessing.forkserver.ensure_running()
