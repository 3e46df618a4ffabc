"""The labeler's settings from ``configs/labels/labels.toml``, as typed immutable objects."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..configs import config_path, load_toml
from ..errors import ConfigError, Errors

SETTINGS = ("labels", "labels.toml")
NARRATIVE = ("issue", "improvement", "innovation")
ROUTINE = ("measure", "other")


@dataclass(frozen=True)
class ModelSettings:
    seed: int
    word_ngrams: tuple[int, int]
    char_ngrams: tuple[int, int]
    heading_char_ngrams: tuple[int, int]
    heading_weight: float
    min_df: int
    C: float
    max_iter: int
    heading_dropout: float
    extra_weight: float


@dataclass(frozen=True)
class LabelSettings:
    labels: tuple[str, ...]
    thresholds: dict[str, float]
    thresholds_without_heading: dict[str, float]
    clip: float
    secondary_routine_threshold: float
    min_sentences: int
    span_threshold: float
    add_threshold: float
    model: ModelSettings


def load_settings() -> LabelSettings:
    """Read and validate ``labels.toml``; raises :class:`ConfigError` naming the bad entry."""
    raw = load_toml(*SETTINGS)
    path = config_path(*SETTINGS)
    try:
        labels = tuple(raw["labels"])
        thresholds = {label: float(raw["thresholds"][label]) for label in labels}
        without_heading = {label: float(raw["thresholds_without_heading"][label]) for label in labels}
        model: dict[str, Any] = dict(raw["model"])
        settings = LabelSettings(
            labels=labels,
            thresholds=thresholds,
            thresholds_without_heading=without_heading,
            clip=float(raw["combiner"]["clip"]),
            secondary_routine_threshold=float(raw["combiner"]["secondary_routine_threshold"]),
            min_sentences=int(raw["sentences"]["min_sentences"]),
            span_threshold=float(raw["sentences"]["span_threshold"]),
            add_threshold=float(raw["sentences"]["add_threshold"]),
            model=ModelSettings(
                seed=int(model["seed"]),
                word_ngrams=tuple(model["word_ngrams"]),
                char_ngrams=tuple(model["char_ngrams"]),
                heading_char_ngrams=tuple(model["heading_char_ngrams"]),
                heading_weight=float(model["heading_weight"]),
                min_df=int(model["min_df"]),
                C=float(model["C"]),
                max_iter=int(model["max_iter"]),
                heading_dropout=float(model["heading_dropout"]),
                extra_weight=float(model["extra_weight"]),
            ),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ConfigError(Errors.E020, path=path, reason=f"bad or missing setting {e}") from e
    if set(labels) != set(NARRATIVE + ROUTINE):
        raise ConfigError(Errors.E020, path=path, reason=f"labels must be {NARRATIVE + ROUTINE}, got {labels}")
    for table, values in (("thresholds", thresholds), ("thresholds_without_heading", without_heading)):
        for label, value in values.items():
            if not 0.0 < value < 1.0:
                raise ConfigError(Errors.E021, path=path, entry=f"{table}.{label}", reason="must lie in (0, 1)")
    return settings
