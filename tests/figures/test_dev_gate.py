"""Quality gate on the shared dev gold: fails when figures F1 or item accuracy drop below the floor."""
import pytest

from pipeline.figures import find_figures
from tests.conftest import SHARED, read_jsonl

GOLD = SHARED / "corpora" / "figures-dev.jsonl"
F1_FLOOR = 0.95
ITEM_FLOOR = 0.85


@pytest.mark.shared
def test_dev_figures_stay_above_the_floor():
    if not GOLD.is_file():
        pytest.skip("../shared is absent")
    tp = fp = fn = item_ok = item_n = 0
    for row in read_jsonl(GOLD):
        predicted = find_figures(row["text"])
        used = set()
        for gold in row["figures"]:
            hit = next((j for j, p in enumerate(predicted) if j not in used and p.start < gold["end"]
                        and p.end > gold["start"] and abs(p.value - gold["value"]) < 1e-6 * max(1, abs(gold["value"]))
                        and (p.unit or "") == (gold["unit"] or "")), None)
            if hit is None:
                fn += 1
                continue
            used.add(hit)
            tp += 1
            if gold["item"]:
                item_n += 1
                item = predicted[hit].item or ""
                item_ok += bool(item) and (item in gold["item"] or gold["item"] in item)
        fp += len(predicted) - len(used)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= F1_FLOOR
    assert item_ok / item_n >= ITEM_FLOOR
