"""The labeler's model directory: plain arrays and JSON, read without scikit-learn.

``model.npz`` holds ``coef``, ``intercept`` and one ``idf_<block>`` array per
feature block; ``vocab.json`` the blocks' settings and terms (column order);
``meta.json`` the format name and version, label order and the training card.
Arrays are loaded with ``allow_pickle=False``, so reading a model runs no code
from it.  Files are written deterministically (sorted JSON keys, npz entries in
a fixed order with a fixed timestamp, uncompressed), so the same training gives
byte-identical files.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Errors, GongkaiError
from .scorer import FeatureBlock, ParagraphScorer

MODEL_FORMAT = "gongkai.labeler"
MODEL_VERSION = 3
ARRAYS, VOCAB, META = "model.npz", "vocab.json", "meta.json"
# zip's earliest representable time: entries carry no trace of when they were written
_EPOCH = (1980, 1, 1, 0, 0, 0)
_BLOCK_SETTINGS = ("name", "source", "analyzer", "tokenizer", "ngram_range", "lowercase", "sublinear_tf", "norm",
                   "weight")


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH), buffer.getvalue())


def write(path: Path, scorer: ParagraphScorer, card: dict[str, Any]) -> None:
    """Write ``scorer`` and ``card`` to the directory ``path`` (created if needed)."""
    path.mkdir(parents=True, exist_ok=True)
    arrays = {"coef": scorer.coef, "intercept": scorer.intercept}
    arrays.update({f"idf_{block.name}": block.idf for block in scorer.blocks})
    _write_npz(path / ARRAYS, arrays)
    blocks = [{**{key: getattr(block, key) for key in _BLOCK_SETTINGS}, "terms": list(block.terms)}
              for block in scorer.blocks]
    _write_json(path / VOCAB, {"blocks": blocks})
    _write_json(path / META, {"format": MODEL_FORMAT, "version": MODEL_VERSION, "labels": list(scorer.labels),
                              "card": card})


def _block(spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> FeatureBlock:
    settings = {key: spec[key] for key in _BLOCK_SETTINGS}
    return FeatureBlock(**{**settings, "ngram_range": tuple(settings["ngram_range"])}, terms=tuple(spec["terms"]),
                        idf=arrays[f"idf_{spec['name']}"])


def read(path: Path) -> tuple[ParagraphScorer, dict[str, Any]]:
    """The scorer and training card stored in the directory ``path``; :class:`GongkaiError` E040 if unusable."""
    if not path.is_dir():
        raise GongkaiError(Errors.E040, path=path, reason="missing; run `gongkai train`")
    try:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        vocab = json.loads((path / VOCAB).read_text(encoding="utf-8"))
        with np.load(path / ARRAYS, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, zipfile.BadZipFile) as e:
        raise GongkaiError(Errors.E040, path=path, reason=f"cannot load: {e}") from e
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise GongkaiError(Errors.E040, path=path, reason="not a gongkai labeler model")
    if meta.get("version") != MODEL_VERSION:
        raise GongkaiError(Errors.E040, path=path,
                           reason=f"model version {meta.get('version')}, this code reads {MODEL_VERSION}")
    try:
        scorer = ParagraphScorer(labels=meta["labels"], blocks=[_block(spec, arrays) for spec in vocab["blocks"]],
                                 coef=arrays["coef"], intercept=arrays["intercept"])
    except (GongkaiError, KeyError, TypeError) as e:
        raise GongkaiError(Errors.E040, path=path, reason=f"inconsistent: {e}") from e
    return scorer, meta.get("card", {})
