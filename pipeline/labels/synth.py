"""Compositional generator of labeled paragraphs from our own phrase banks.

    python -m pipeline.labels.synth --seed 7 --count 1600 > corpora/labels/generated.jsonl

The banks (``corpora/labels/generator/banks.toml``) are written for gongkai;
the generator composes openers, items, bridges and closers with numbers,
agencies, years and layout-appropriate headings (or none), and cuts some
paragraphs into line fragments as PDF extraction does.  The mix of recipes
is the ``RECIPES`` table; the seed makes the output reproducible.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

BANKS = Path(__file__).resolve().parents[2] / "corpora" / "labels" / "generator" / "banks.toml"
LAYOUT_YEARS = {"legacy": (2008, 2018), "2019": (2019, 2020), "2021": (2020, 2025)}


class Generator:
    def __init__(self, banks: dict, seed: int) -> None:
        self.banks = banks
        self.rng = random.Random(seed)

    def pick(self, key: str) -> str:
        return self.rng.choice(self.banks[key])

    def picks(self, key: str, low: int, high: int) -> list[str]:
        return self.rng.sample(self.banks[key], self.rng.randint(low, high))

    def fill(self, template: str, year: int, **extra: str) -> str:
        values = {
            "self": self.pick("self_refs"), "agency": self.pick("agencies"), "platform": self.pick("platforms"),
            "area": self.pick("areas"), "year": str(year), "next": str(year + 1),
            "n": str(self.rng.randint(100, 9000)), "m": str(self.rng.randint(10, 800)),
            "k": str(self.rng.randint(1, 30)), "k2": str(self.rng.randint(0, 12)),
        }
        values.update(extra)
        # items may themselves hold placeholders, so fill twice
        return template.format(**values).format(**values)

    def enumerated(self, items: list[str], year: int) -> str:
        style = self.rng.choice(["一是", "(一)", "1.", "plain"])
        numerals = "一二三四五六"
        parts = []
        for i, item in enumerate(items):
            lead = {"一是": f"{numerals[i]}是", "(一)": f"({numerals[i]})", "1.": f"{i + 1}.", "plain": ""}[style]
            parts.append(lead + self.fill(item, year))
        joiner = "。" if style in ("(一)", "1.") else self.rng.choice([";", "。"])
        return joiner.join(parts) + "。"

    # ---- recipes: each returns (text, labels, heading kind)
    def issue(self, year: int) -> tuple[str, list[str], str]:
        if self.rng.random() < 0.35:
            items = self.picks("issue_items", 2, 2)
            text = self.fill(self.pick("issue_single"), year, item=items[0], item2=items[1])
            return self.rng.choice(["", *self.banks["enums"][:8]]) + text, ["issue"], "issue"
        opener = self.fill(self.pick("issue_openers"), year)
        body = self.enumerated(self.picks("issue_items", 2, 4), year)
        text = opener + self.rng.choice([":", ",主要表现在:", "。主要有:", ","]) + body + self.fill(self.pick("issue_closers"), year)
        return text, ["issue"], "issue"

    def issue_lead_in(self, year: int) -> tuple[str, list[str], str]:
        text, labels, kind = self.issue(year)
        return text + self.fill(self.pick("lead_ins"), year), labels, kind

    def improvement(self, year: int) -> tuple[str, list[str], str]:
        items = self.picks("improvement_items", 2, 3)
        if self.rng.random() < 0.55:
            text = self.fill(self.pick("improvement_single"), year, item=items[0], item2=items[1],
                             short=self.pick("improvement_short"), enum=self.pick("enums"))
            return text, ["improvement"], "improvement"
        opener = self.fill(self.pick("improvement_openers"), year)
        return opener + self.rng.choice([":", "。"]) + self.enumerated(items, year), ["improvement"], "improvement"

    def mixed(self, year: int) -> tuple[str, list[str], str]:
        problems = self.fill(self.pick("issue_openers"), year) + ",主要是" + "、".join(
            self.fill(i, year) for i in self.picks("issue_items", 1, 2)) + "等问题。"
        remedies = self.picks("improvement_items", 2, 2)
        bridge = self.fill(self.pick("mixed_bridges"), year, item=remedies[0], item2=remedies[1])
        return problems + bridge, ["issue", "improvement"], "mixed"

    def innovation(self, year: int) -> tuple[str, list[str], str]:
        text = self.fill(self.pick("innovation_frames"), year, item=self.pick("innovation_items"),
                         short=self.pick("innovation_short"), effect=self.pick("innovation_effects"),
                         enum=self.pick("enums"))
        return text, ["innovation"], "innovation"

    def measure(self, year: int) -> tuple[str, list[str], str]:
        items = self.picks("measure_items", 2, 2)
        text = self.fill(self.pick("measure_frames"), year, item=items[0], item2=items[1],
                         short=self.pick("measure_short"), enum=self.pick("enums"))
        return text, ["measure"], "measure"

    def measure_in_praise(self, year: int) -> tuple[str, list[str], str]:
        """Routine work with a passing 创新 or praise words stays measure (guideline rule 3)."""
        text, labels, kind = self.measure(year)
        tail = self.rng.choice(["不断创新工作方法,扎实推进各项工作。", "在创新中规范,在规范中提升。",
                                "各项工作扎实推进,取得了良好成效。"])
        return text + tail, labels, kind

    def plan_in_overview(self, year: int) -> tuple[str, list[str], str]:
        """A plan answering a weakness inside 总体情况 is improvement (guideline rule 1)."""
        items = self.picks("improvement_items", 2, 2)
        text = self.fill("下一步,{self}将" + items[0] + ",同时" + items[1] + "。", year)
        return text, ["improvement"], "measure"

    def other(self, year: int) -> tuple[str, list[str], str]:
        return self.fill(self.pick("other_templates"), year), ["other"], "other"

    def fragment(self, recipe: Callable, year: int) -> tuple[str, list[str], str]:
        text, labels, kind = recipe(year)
        if len(text) < 30:
            return text, labels, kind
        start = self.rng.randint(0, len(text) // 2)
        return text[start:start + self.rng.randint(18, 34)], labels, kind

    def heading(self, kind: str, layout: str) -> str | None:
        if self.rng.random() < 0.25:
            return None
        return self.rng.choice(self.banks["headings"][kind][layout])

    def paragraph(self, number: int) -> dict:
        recipe, _ = self.rng.choices(RECIPES, weights=[w for _, w in RECIPES])[0]
        layout = self.rng.choice(list(LAYOUT_YEARS))
        year = self.rng.randint(*LAYOUT_YEARS[layout])
        method = getattr(self, recipe)
        if recipe in ("issue", "improvement", "innovation", "measure") and self.rng.random() < 0.1:
            text, labels, kind = self.fragment(method, year)
        else:
            text, labels, kind = method(year)
        return {"id": f"gen-{number:05d}", "text": text, "labels": labels, "heading": self.heading(kind, layout),
                "year": year, "format": layout, "recipe": recipe}


RECIPES = [
    ("issue", 16), ("issue_lead_in", 3), ("improvement", 17), ("mixed", 8), ("innovation", 13),
    ("measure", 22), ("measure_in_praise", 3), ("plan_in_overview", 2), ("other", 16),
]


def generate(count: int, seed: int) -> list[dict]:
    with BANKS.open("rb") as f:
        generator = Generator(tomllib.load(f), seed)
    rows, seen = [], set()
    number = 0
    while len(rows) < count:
        row = generator.paragraph(number)
        number += 1
        if row["text"] not in seen:
            seen.add(row["text"])
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=1600)
    args = parser.parse_args()
    for row in generate(args.count, args.seed):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
