"""Per-label precision, recall and F1, and a confusion table, computed as ``../shared/tools/evaluate.py`` does."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .settings import NARRATIVE, ROUTINE

LABELS = NARRATIVE + ROUTINE
# the scorer leaves labels with fewer gold paragraphs than this out of the macro mean
MIN_GOLD_FOR_MACRO = 10


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    gold: int


@dataclass(frozen=True)
class Evaluation:
    per_label: tuple[LabelScore, ...]
    macro_f1: float
    exact: float
    confusion: dict[str, dict[str, int]]

    def as_dict(self) -> dict:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "exact_set_accuracy": round(self.exact, 4),
            "per_label": {s.label: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                                    "f1": round(s.f1, 4), "gold": s.gold} for s in self.per_label},
            "confusion": self.confusion,
        }


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> Evaluation:
    """Compare label sets paragraph by paragraph.

    The confusion table counts, for each gold label (rows), the predicted labels
    (columns) of the paragraphs carrying it, plus ``(none)`` when the prediction is empty.
    """
    counts = {label: Counter() for label in LABELS}
    confusion = {label: dict.fromkeys((*LABELS, "(none)"), 0) for label in LABELS}
    exact = 0
    for gold_labels, predicted_labels in zip(gold, predicted, strict=True):
        g, p = set(gold_labels), set(predicted_labels)
        exact += g == p
        for label in LABELS:
            key = "tp" if label in g and label in p else "fp" if label in p else "fn" if label in g else None
            if key:
                counts[label][key] += 1
        for label in g:
            for other in p or {"(none)"}:
                confusion[label][other] += 1
    per_label = []
    for label in LABELS:
        c = counts[label]
        per_label.append(LabelScore(label, *_prf(c["tp"], c["fp"], c["fn"]), gold=c["tp"] + c["fn"]))
    present = [s for s in per_label if s.gold >= MIN_GOLD_FOR_MACRO]
    macro = sum(s.f1 for s in present) / len(present) if present else 0.0
    return Evaluation(tuple(per_label), macro, exact / len(gold) if gold else 0.0, confusion)


def format_table(evaluation: Evaluation) -> str:
    lines = [f"{'label':12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    lines += [f"{s.label:12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:5d}" for s in evaluation.per_label]
    lines.append(f"macro-F1 {evaluation.macro_f1:.3f}  exact-set accuracy {evaluation.exact:.3f}")
    lines.append("")
    columns = (*LABELS, "(none)")
    lines.append("gold \\ predicted " + " ".join(f"{c:>11}" for c in columns))
    for label in LABELS:
        lines.append(f"{label:16} " + " ".join(f"{evaluation.confusion[label][c]:11d}" for c in columns))
    return "\n".join(lines)
