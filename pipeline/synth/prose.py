"""Paragraphs from the phrase banks: an opener, a few bodies, maybe a closer, or a list."""
from __future__ import annotations

from random import Random
from typing import Any

from .vocab import vocab

ORDINALS = "一二三四五六七八九十"


def bank(topic: str) -> dict[str, Any]:
    return vocab("phrases")[topic]


def fill(rng: Random, template: str, slots: dict[str, Any]) -> str:
    """A template with its named slots and fresh small counts ({n}, {m}, {k})."""
    return template.format(**slots, n=rng.randint(1, 9), m=rng.randint(0, 9), k=rng.randint(1, 9))


def composed(rng: Random, topic: str, slots: dict[str, Any], *, bodies: tuple[int, int] = (1, 3)) -> str:
    b = bank(topic)
    parts = [rng.choice(b["openers"])]
    parts += rng.sample(b["bodies"], rng.randint(*bodies))
    if "closers" in b and rng.random() < 0.5:
        parts.append(rng.choice(b["closers"]))
    return "".join(fill(rng, p, slots) for p in parts)


def _clause(text: str) -> str:
    return text.rstrip("。")


def _elaborated(rng: Random, item: str, elaborations: list[str]) -> str:
    if elaborations and rng.random() < 0.5:
        return _clause(item) + "," + _clause(rng.choice(elaborations))
    return _clause(item)


def inline_list(rng: Random, items: list[str], elaborations: list[str] = ()) -> str:
    """一是…;二是…。 in one paragraph."""
    chosen = rng.sample(items, rng.randint(2, min(4, len(items))))
    sep = rng.choice((";", "。"))
    return sep.join(f"{ORDINALS[i]}是{_elaborated(rng, item, elaborations)}" for i, item in enumerate(chosen)) + "。"


def numbered_items(rng: Random, items: list[str], elaborations: list[str] = ()) -> list[str]:
    """1. / 1、 items, one paragraph each."""
    chosen = rng.sample(items, rng.randint(2, min(4, len(items))))
    mark = rng.choice((".", "、", "."))
    return [f"{i}{mark}{_elaborated(rng, item, elaborations)}。" for i, item in enumerate(chosen, 1)]
