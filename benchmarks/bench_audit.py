"""Benchmark of the audit on a generated series corpus of 10,000 reports with planted copies.

Reports are extracted without labels and figures (the copy detection reads
paragraph text and structure only) in two processes; then the copy detection
(MinHash/LSH over the whole corpus, plus each report against the agency's
previous one) and the full audit are timed, and recall and precision of the
copy findings are measured against the planted copies.

    .venv/bin/python benchmarks/bench_audit.py [--agencies 2000] [--copies 150]
writes benchmarks/results/audit.json and audit.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.audit import RunTables, audit
from pipeline.audit.auditor import narratives, panel
from pipeline.audit.config import audit_config
from pipeline.audit.copying import CopyAudit
from pipeline.audit.cross_year import previous_reports
from pipeline.extract import extract
from pipeline.synth.series import generate_series
from pipeline.tidy import tidy_rows

RESULTS = Path(__file__).parent / "results"
YEARS = (2019, 2020, 2021, 2022, 2023)


def _extract(item: tuple[str, str, bytes]):
    name, filename, content = item
    return tidy_rows(extract(content, name=filename, annotate=False), name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=150, help="planted copies of each kind")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    t0 = time.perf_counter()
    reports = list(generate_series(args.agencies, years=YEARS, seed=42,
                                   defects={"copied_previous": args.copies, "copied_other": args.copies}))
    t_generate = time.perf_counter() - t0
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        rows = list(pool.map(_extract, [(r.name, r.filename, r.content) for r in reports], chunksize=50))
    t_extract = time.perf_counter() - t0
    run = RunTables.from_rows(rows)
    config = audit_config()

    t0 = time.perf_counter()
    info = panel(run, config)
    texts = narratives(run, info, config)
    copies = CopyAudit(config.copying).fit(texts.values())
    t_fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    previous = list(copies.previous(previous_reports(info)))
    corpus = list(copies.corpus(info["report_id"]))
    t_compare = time.perf_counter() - t0

    planted = {(r.name, rule) for r in reports for rule in r.expected["series"]["audit_failures"]
               if rule.startswith("audit.copying.")}
    found = {(f.report_id, f.rule) for f in previous + corpus if f.status == "fail"}
    by_rule = {}
    for rule in ("audit.copying.previous", "audit.copying.corpus"):
        want = {p for p in planted if p[1] == rule}
        got = {p for p in found if p[1] == rule}
        by_rule[rule] = {"planted": len(want), "flagged": len(got), "found": len(want & got),
                         "recall": round(len(want & got) / len(want), 4) if want else None,
                         "precision": round(len(want & got) / len(got), 4) if got else None}
    t0 = time.perf_counter()
    result = audit(run)
    t_audit = time.perf_counter() - t0
    findings = result.findings.to_pandas()
    all_planted = {(r.name, rule) for r in reports for rule in r.expected["series"]["audit_failures"]}
    failed = {(a, b) for a, b in zip(findings[findings.status == "fail"].report_id,
                                     findings[findings.status == "fail"].rule)}
    out = {
        "reports": len(reports), "agencies": args.agencies, "years": list(YEARS),
        "planted_copies_per_kind": args.copies, "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "seconds": {"generate": round(t_generate, 1), "extract_without_labels": round(t_extract, 1),
                    "copy_index": round(t_fit, 1), "copy_compare": round(t_compare, 1),
                    "copy_detection_total": round(t_fit + t_compare, 1), "full_audit": round(t_audit, 1)},
        "copying": by_rule,
        "all_planted_defects": {"planted": len(all_planted), "found": len(all_planted & failed),
                                "other_failures": len(failed - all_planted),
                                "other_failure_rules": dict(Counter(rule for _, rule in failed - all_planted))},
        "indicator_rows": result.indicators.num_rows, "findings": len(findings),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "audit.json").write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    lines = ["# Audit benchmark", "", f"{out['reports']} reports ({args.agencies} agencies x {len(YEARS)} years), "
             f"{out['machine']}.", "", "| step | seconds |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in out["seconds"].items()]
    lines += ["", "| rule | planted | flagged | found | recall | precision |", "|---|---|---|---|---|---|"]
    lines += [f"| {k} | {v['planted']} | {v['flagged']} | {v['found']} | {v['recall']} | {v['precision']} |"
              for k, v in by_rule.items()]
    (RESULTS / "audit.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
