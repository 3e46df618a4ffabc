"""Form writers: each renders a :class:`~pipeline.synth.model.Document` in one file form.

A writer module exposes ``LAYOUTS`` (the ways it can lay a report out) and
``render(document, rng, *, layout, encoding) -> Rendering``.  Adding a form
(docx, pdf) is adding a module and a line here.
"""
from __future__ import annotations

from types import ModuleType

from . import html, txt

WRITERS: dict[str, ModuleType] = {"txt": txt, "html": html}
