"""Throughput of the labeler on one core: paragraphs per second through ``Labeler.label``.

Uses our own corpus (corpora/labels/*.jsonl) repeated to ``--count`` paragraphs,
half of them with their heading withheld, in the batch size ``gongkai label``
uses.  BLAS/OpenMP threads are pinned to one.  Model loading is timed apart.
Memory: peak RSS of a fresh process after labelling one paragraph (what the
labeler adds to a batch worker), and whether scikit-learn or scipy got loaded.

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
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from pipeline.labels.corpus import default_sources, read_corpus  # noqa: E402
from pipeline.labels.jsonl import BATCH  # noqa: E402
from pipeline.labels.labeler import DEFAULT_MODEL, Labeler  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "bench_labels.json"
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec, so the
# child would report this benchmark's own peak
MEMORY_SCRIPT = """
import json, re, sys
from pipeline.labels import label_texts
label_texts([("工作中还存在宣传力度不够等问题。下一步,我们将加强宣传。", None)])
peak_kib = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"peak_rss_mb": round(peak_kib / 1024, 1),
                  "loaded": sorted({"sklearn", "scipy", "skops"} & set(sys.modules))}))
"""


def memory() -> dict:
    """Peak RSS (MiB, VmHWM) of a fresh interpreter that labels one paragraph."""
    run = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


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
        "memory": memory(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
