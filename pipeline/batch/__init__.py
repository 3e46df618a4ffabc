"""Corpus runs (``gongkai batch``): every input file accounted for in a manifest, tidy tables out.

:func:`run` is the API; the CLI is a thin layer over it.  See ``run.py`` for
the flow, ``worker.py`` for the work on one chunk, ``local.py`` and
``distributed.py`` for where chunks run, ``compact.py`` for the outputs.
"""
from .compact import Outputs
from .run import BatchOptions, BatchResult, Progress, run

__all__ = ["BatchOptions", "BatchResult", "Outputs", "Progress", "run"]
