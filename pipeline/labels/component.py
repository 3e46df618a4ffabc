"""The labeler as a spaCy pipeline component: ``nlp.add_pipe("gongkai_labeler")``.

A ``Doc`` is one paragraph; its heading path, when known, goes in
``doc._.gongkai_heading``.  The component writes ``doc.cats`` (combined score
per label) and ``doc._.gongkai_labels`` (the :class:`LabelDecision`), and
adds one span per carrying sentence to ``doc.spans["gongkai_labels"]``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..report import LabelDecision
from .labeler import DEFAULT_MODEL, Labeler

SPANS_KEY = "gongkai_labels"
MODEL_DIR = "labeler"

for _name in ("gongkai_heading", "gongkai_labels"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ParagraphLabeler:
    """Labels each ``Doc`` (one paragraph) with gongkai's rules and classifier."""

    def __init__(self, nlp: Language, name: str, *, model: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.model_path = Path(model) if model else DEFAULT_MODEL
        self.labeler: Labeler | None = None

    def _ensure(self) -> Labeler:
        if self.labeler is None:
            self.labeler = Labeler.load(self.model_path)
        return self.labeler

    def find(self, docs: list[Doc]) -> list[LabelDecision]:
        return self._ensure().label([(doc.text, doc._.gongkai_heading) for doc in docs])

    def set_annotations(self, docs: list[Doc], decisions: list[LabelDecision]) -> None:
        for doc, decision in zip(docs, decisions):
            doc.cats = dict(decision.scores)
            doc._.gongkai_labels = decision
            spans = []
            for label, carriers in decision.spans.items():
                for start, end in carriers:
                    span = doc.char_span(start, end, label=label, alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
            doc.spans[SPANS_KEY] = spans

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc], self.find([doc]))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                self.set_annotations(batch, self.find(batch))
                yield from batch
                batch = []
        if batch:
            self.set_annotations(batch, self.find(batch))
            yield from batch

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        # written from the loaded model, so the copy is the model this component labels with
        self._ensure().save(Path(path) / MODEL_DIR)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ParagraphLabeler:
        self.model_path = Path(path) / MODEL_DIR
        self.labeler = Labeler.load(self.model_path)
        return self


@Language.factory("gongkai_labeler", default_config={"model": None})
def make_labeler(nlp: Language, name: str, model: str | None) -> ParagraphLabeler:
    """Registered as ``gongkai_labeler`` (entry point in pyproject, version 1 of the component)."""
    return ParagraphLabeler(nlp, name, model=model)
