"""Benchmark of `gongkai batch`: throughput, peak memory and scaling, against plain jieba over the same text.

    .venv/bin/python benchmarks/bench_batch.py [--reports 10000] [--corpus DIR] [--skip-dask]

Generates a corpus of text and HTML reports (every edition and layout; `pipeline.synth`) unless
--corpus names one, then:
  (a) jieba.cut (our dictionary, default HMM) over the text every report's reader produced, in one
      process: the baseline the full pipeline is compared with (chars/s, reports/s);
  (b) where the time goes per report, in one process on a sample, chunk by chunk as a batch worker
      goes (garbage collected and frozen after each): read, analyse (structure, tables, checks),
      labels (one call per chunk, as batch does), figures, tidy tables (one call per chunk);
  (c) `pipeline.batch.run` over the whole corpus with 1 and 2 workers, locally and on a Dask
      LocalCluster: wall time, reports/s per core, MB/s, and peak RSS (the largest process, and the
      sum over the driver and every worker process, sampled every 0.1 s).
Writes benchmarks/results/batch.json and batch.md.
"""
from __future__ import annotations

import argparse
import gc
import glob
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from statistics import median

import psutil

from pipeline.batch.driver import MAX_CHUNK
from pipeline.figures import annotate_report
from pipeline.ingest.load import read_path
from pipeline.labels import label_paragraphs
from pipeline.segment import tokenizer
from pipeline.synth import write_corpus
from pipeline.tidy import report_id, tidy_tables

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GONGKAI = Path(sys.executable).with_name("gongkai")
extract_module = importlib.import_module("pipeline.extract")


def corpus_files(folder: Path) -> list[str]:
    return sorted(p for p in glob.glob(str(folder / "*")) if os.path.isfile(p))


def jieba_baseline(files: list[str]) -> dict:
    texts = [read_path(f).text for f in files]
    segmenter = tokenizer()
    start = time.perf_counter()
    for text in texts:
        for _ in segmenter.cut(text):
            pass
    seconds = time.perf_counter() - start
    chars = sum(map(len, texts))
    return {"reports": len(texts), "chars": chars, "seconds": round(seconds, 2),
            "chars_per_s": round(chars / seconds), "reports_per_s": round(len(texts) / seconds, 1)}


def stage_profile(files: list[str], chunk: int = MAX_CHUNK) -> dict:
    times = dict.fromkeys(("read", "analyse", "labels", "figures", "tidy"), 0.0)
    extract_module.extract(files[0])  # load models and rules outside the clock
    for i in range(0, len(files), chunk):
        reports = []
        for f in files[i:i + chunk]:
            t0 = time.perf_counter()
            document = read_path(f)
            data = Path(f).read_bytes()
            t1 = time.perf_counter()
            reports.append((report_id(data), extract_module.analyse(document)))
            times["read"] += t1 - t0
            times["analyse"] += time.perf_counter() - t1
        ok = [r for _, r in reports if r.status == "ok"]
        t0 = time.perf_counter()
        label_paragraphs([p for r in ok for p in r.paragraphs])
        t1 = time.perf_counter()
        for r in ok:
            annotate_report(r)
        t2 = time.perf_counter()
        tidy_tables(reports)
        t3 = time.perf_counter()
        times["labels"] += t1 - t0
        times["figures"] += t2 - t1
        times["tidy"] += t3 - t2
        del reports, ok
        # as the batch worker does after each chunk (pipeline/batch/worker.py)
        gc.collect()
        gc.freeze()
    gc.unfreeze()
    n = len(files)
    per_report = {k: round(v / n * 1000, 2) for k, v in times.items()}
    per_report["total"] = round(sum(times.values()) / n * 1000, 2)
    return {"reports": n, "ms_per_report": per_report}


class RssSampler(threading.Thread):
    """Peak RSS of a process and all its descendants (workers, Dask nannies and workers)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.stop = threading.Event()
        self.peak_total = self.peak_process = self.peak_pss = 0
        self.cpu: dict[int, float] = {}  # pid -> user+sys seconds, last seen

    def run(self) -> None:
        root = psutil.Process(self.pid)
        while not self.stop.is_set():
            total = pss = 0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            for p in tree:
                try:
                    # PSS splits pages shared between forked workers among them; summed RSS counts them each time.
                    memory = p.memory_full_info()
                    times = p.cpu_times()
                    self.cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    continue
                total += memory.rss
                pss += memory.pss
                self.peak_process = max(self.peak_process, memory.rss)
            self.peak_total = max(self.peak_total, total)
            self.peak_pss = max(self.peak_pss, pss)
            self.stop.wait(0.5)


def batch_run(corpus: Path, out: Path, *, workers: int, dask: str | None, size_bytes: int, reports: int) -> dict:
    """`gongkai batch` as a user runs it (a fresh driver process), timed from start to exit (start-up included)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [str(GONGKAI), "batch", str(corpus), "--out", str(out), "--workers", str(workers), "--quiet"]
    if dask:
        command += ["--dask", dask]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = RssSampler(process.pid)
    sampler.start()
    stdout, _ = process.communicate()
    seconds = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"batch run failed: {command}")
    totals = json.loads(subprocess.run(
        [sys.executable, "-c", "import duckdb,sys,json; print(json.dumps(dict(duckdb.sql("
         "f\"SELECT status, count(*) FROM read_parquet('{sys.argv[1]}') GROUP BY ALL\").fetchall())))",
         str(out / "manifest.parquet")], capture_output=True, text=True, check=True).stdout)
    shutil.rmtree(out, ignore_errors=True)
    return {"mode": "dask-local" if dask else "local", "workers": workers, "seconds": round(seconds, 2),
            "reports_per_s": round(reports / seconds, 1), "reports_per_s_per_core": round(reports / seconds / workers, 1),
            "mb_per_s": round(size_bytes / 1e6 / seconds, 2), "peak_rss_process_mb": round(sampler.peak_process / 2**20),
            "peak_rss_total_mb": round(sampler.peak_total / 2**20), "peak_pss_total_mb": round(sampler.peak_pss / 2**20),
            # CPU seconds of the whole process tree: on a shared machine, reports per CPU second is the
            # contention-free figure for "reports/s per core"
            "cpu_seconds": round(sum(sampler.cpu.values()), 1),
            "reports_per_cpu_second": round(reports / max(sum(sampler.cpu.values()), 1e-9), 1),
            "load_average_1min_after": round(os.getloadavg()[0], 2), "totals": totals, "summary": stdout.strip().splitlines()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--profile-sample", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of (jieba, every batch run); ratios are taken from the medians")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        corpus = args.corpus or scratch / "corpus"
        if args.corpus is None:
            write_corpus(corpus, args.reports, seed=2026, forms=("txt", "html"))
            shutil.rmtree(corpus / "expected")
        files = corpus_files(corpus)
        size = sum(os.path.getsize(f) for f in files)
        result = {"corpus": {"reports": len(files), "mb": round(size / 1e6, 1), "forms": ["txt", "html"],
                             "editions": ["2021", "2019", "legacy"]},
                  "machine": {"cores": os.cpu_count(), "python": platform.python_version()}}
        result["stages"] = stage_profile(files[:: max(1, len(files) // args.profile_sample)])
        jiebas, runs = [], []
        for round_ in range(1, args.repeat + 1):
            # each round measures jieba again, so that a ratio compares runs made under the same conditions
            jiebas.append({"round": round_, **jieba_baseline(files)})
            for dask in (None, "local") if not args.skip_dask else (None,):
                for workers in (1, 2):
                    runs.append({"round": round_, **batch_run(corpus, scratch / "out", workers=workers, dask=dask,
                                                             size_bytes=size, reports=len(files))})
                    print(json.dumps(runs[-1]), flush=True)
        result["jieba_rounds"], result["runs"] = jiebas, runs
        seconds = {(r["mode"], r["workers"]): median(x["seconds"] for x in runs if (x["mode"], x["workers"]) == (r["mode"], r["workers"]))
                   for r in runs}
        modes = dict.fromkeys(mode for mode, _ in seconds)
        result["median_seconds"] = {f"{mode} {workers}": s for (mode, workers), s in seconds.items()}
        result["scaling_2_vs_1"] = {m: round(seconds[m, 1] / seconds[m, 2], 2) for m in modes}
        jieba_per_s = median(j["reports_per_s"] for j in jiebas)
        jieba_ms = 1000 / jieba_per_s
        result["pipeline_vs_jieba"] = {
            "note": "throughput of the full pipeline / throughput of jieba.cut alone in one process on the same text (>1: pipeline faster)",
            "in_process_one_core": round(jieba_ms / result["stages"]["ms_per_report"]["total"], 2),
            **{f"batch_{m}_{w}_worker{'s' if w > 1 else ''}": round(len(files) / s / jieba_per_s, 2)
               for (m, w), s in seconds.items()}}
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "batch.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (RESULTS / "batch.md").write_text(render_md(result), encoding="utf-8")
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def render_md(result: dict) -> str:
    lines = ["# `gongkai batch` benchmark", "",
             f"Corpus: {result['corpus']['reports']} generated reports ({result['corpus']['mb']} MB; txt and html, "
             f"editions 2021/2019/legacy); {result['machine']['cores']} cores, Python {result['machine']['python']}.", "",
             "| round | mode | workers | seconds | reports/s | reports/s per core | reports per CPU second | MB/s | peak RSS largest process (MB) | peak RSS all processes (MB) | peak PSS all processes (MB) | load avg |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in result["runs"]:
        lines.append(f"| {r['round']} | {r['mode']} | {r['workers']} | {r['seconds']} | {r['reports_per_s']} | {r['reports_per_s_per_core']} "
                     f"| {r['reports_per_cpu_second']} | {r['mb_per_s']} | {r['peak_rss_process_mb']} | {r['peak_rss_total_mb']} | {r['peak_pss_total_mb']} "
                     f"| {r['load_average_1min_after']} |")
    jieba = ", ".join(f"{j['chars_per_s']:,} chars/s ({j['reports_per_s']} reports/s)" for j in result["jieba_rounds"])
    lines += ["", f"2 workers / 1 worker (median seconds): {result['scaling_2_vs_1']}.", "",
              f"jieba.cut alone over the same text, each round: {jieba}; "
              f"full pipeline / jieba (medians; >1: pipeline faster): {{{', '.join(f'{k}: {v}' for k, v in result['pipeline_vs_jieba'].items() if k != 'note')}}}.", "",
              f"Milliseconds per report by stage (one process, {result['stages']['reports']} reports): "
              + ", ".join(f"{k} {v}" for k, v in result["stages"]["ms_per_report"].items()) + ".", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
