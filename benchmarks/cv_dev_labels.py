"""5-fold cross-validation of the labeler on ../shared/corpora/labels-dev.jsonl.

Each fold's model is trained exactly as ``gongkai train --extra DEV`` trains
(``pipeline.labels.train.train``: the repository corpus plus the other four
folds as extra data), then labels the held-out fold through the full labeler
(rules, classifier, combiner, sentence stage) twice: with the gold headings
and with every heading blanked.  Folds are grouped by source report (URL), so
no report lends paragraphs to both sides of a split.

    .venv/bin/python benchmarks/cv_dev_labels.py [--dev PATH] [--no-group] [--no-extra]

Writes benchmarks/results/cv_dev_labels.json and prints the tables.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.model_selection import GroupKFold, KFold

from pipeline.labels.corpus import default_sources, read_corpus, read_examples
from pipeline.labels.metrics import evaluate, format_table
from pipeline.labels.train import train

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpora" / "labels-dev.jsonl"


def cross_validate(dev_path: Path, *, grouped: bool, with_extra: bool, folds: int = 5, settings=None) -> dict:
    written = read_corpus(default_sources())
    dev = read_examples(dev_path)
    urls = [json.loads(line).get("url") or json.loads(line)["id"]
            for line in dev_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    splitter = GroupKFold(folds) if grouped else KFold(folds, shuffle=True, random_state=0)
    predicted_with = [None] * len(dev)
    predicted_without = [None] * len(dev)
    for train_index, test_index in splitter.split(dev, groups=urls if grouped else None):
        extra = [dev[i] for i in train_index] if with_extra else []
        labeler = train(written, extra=extra, settings=settings)
        held = [dev[i] for i in test_index]
        with_heading = labeler.label([(e.text, e.heading) for e in held])
        without_heading = labeler.label([(e.text, None) for e in held])
        for i, a, b in zip(test_index, with_heading, without_heading):
            predicted_with[i], predicted_without[i] = a.labels, b.labels
    gold = [e.labels for e in dev]
    return {"with_heading": evaluate(gold, predicted_with), "without_heading": evaluate(gold, predicted_without)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--no-group", action="store_true", help="plain shuffled 5-fold instead of grouping by report")
    parser.add_argument("--no-extra", action="store_true", help="train on corpora/ only (the model never sees dev)")
    args = parser.parse_args()
    if not args.dev.exists():
        sys.exit(f"{args.dev} not found")
    result = cross_validate(args.dev, grouped=not args.no_group, with_extra=not args.no_extra)
    name = "cv_dev_labels" + ("_ungrouped" if args.no_group else "") + ("_no_extra" if args.no_extra else "")
    out = {"dev": str(args.dev.name), "grouped_by_report": not args.no_group, "extra": not args.no_extra,
           **{k: v.as_dict() for k, v in result.items()}}
    (REPO / "benchmarks" / "results" / f"{name}.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    for key, evaluation in result.items():
        print(f"== {key}")
        print(format_table(evaluation))


if __name__ == "__main__":
    main()
