"""Throughput of the labeler on one core: paragraphs per second through ``Labeler.label``.

Uses our own corpus (corpora/labels/*.jsonl) repeated to ``--count`` paragraphs,
half of them with their heading withheld, in the batch size ``gongkai label``
uses.  BLAS/OpenMP threads are pinned to one.  Model loading is timed apart.

    .venv/bin/python benchmarks/bench_labels.py [--count 20000]

Writes benchmarks/results/bench_labels.json.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from pipeline.labels.corpus import default_sources, read_corpus  # noqa: E402
from pipeline.labels.jsonl import BATCH  # noqa: E402
from pipeline.labels.labeler import DEFAULT_MODEL, Labeler  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "bench_labels.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000)
    args = parser.parse_args()
    examples = read_corpus(default_sources())
    items = [(e.text, e.heading if i % 2 else None) for i, e in enumerate(examples)]
    items = (items * (args.count // len(items) + 1))[: args.count]
    started = time.perf_counter()
    labeler = Labeler.load(DEFAULT_MODEL)
    labeler.label(items[:10])  # warm caches: dictionary, converter
    load_seconds = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(items), BATCH):
        labeler.label(items[i:i + BATCH])
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    result = {
        "paragraphs": len(items),
        "mean_chars": round(sum(len(t) for t, _ in items) / len(items), 1),
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "paragraphs_per_second": round(len(items) / wall),
        "paragraphs_per_cpu_second": round(len(items) / cpu),
        "model_load_and_warmup_seconds": round(load_seconds, 3),
        "batch": BATCH,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
