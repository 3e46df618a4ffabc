"""The figure extractor as a spaCy pipeline component (factory ``gongkai_figures``).

It wraps :class:`~pipeline.figures.extract.FigureFinder`, which works on the
text itself: segmenting a whole Doc would cost more than extracting from it.
Figures land in ``doc._.figures`` (a list of :class:`~pipeline.report.Figure`),
and each figure whose span aligns with tokens is also in ``doc.spans["figures"]``
labelled with its kind.

    nlp = make_nlp()               # blank zh with jieba and our dictionary
    nlp.add_pipe("gongkai_figures")
    doc = nlp("召开新闻发布会十二场")
    doc._.figures[0].value         # 12
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError, Errors
from ..report import Figure
from .extract import FigureFinder

NAME = "gongkai.figures.v1"
SPANS_KEY = "figures"

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


class FigureExtractor:
    """Find figures in a Doc: compute with :meth:`find`, write with :meth:`set_annotations`."""

    def __init__(self, nlp: Language, name: str = "gongkai_figures", *, spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key
        self.finder = FigureFinder()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def pipe(self, stream, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def find(self, doc: Doc) -> list[Figure]:
        return self.finder.find(doc.text)

    def set_annotations(self, doc: Doc, figures: list[Figure]) -> None:
        doc._.figures = figures
        spans = []
        for figure in figures:
            span = doc.char_span(figure.start, figure.end, label=figure.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"name": NAME, "spans_key": self.spans_key}), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> FigureExtractor:
        cfg_path = Path(path) / "cfg.json"
        try:
            cfg: dict[str, Any] = json.loads(cfg_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise ConfigError(Errors.E040, path=cfg_path, reason=str(e)) from e
        if cfg.get("name") != NAME:
            raise ConfigError(Errors.E040, path=cfg_path, reason=f"saved by {cfg.get('name')!r}, expected {NAME!r}")
        self.spans_key = cfg.get("spans_key", SPANS_KEY)
        return self


@Language.factory("gongkai_figures", default_config={"spans_key": SPANS_KEY})
def make_figure_extractor(nlp: Language, name: str, spans_key: str) -> FigureExtractor:
    return FigureExtractor(nlp, name, spans_key=spans_key)
