"""Form writers: each renders a :class:`~pipeline.synth.model.Document` in one file form.

A writer module exposes ``LAYOUTS`` (the ways it can lay a report out) and
``render(document, rng, *, layout, encoding) -> Rendering``.  Adding a form
is adding a module and a line here.  Binary forms (docx, pdf) return the
file in ``Rendering.content`` and ignore ``encoding``.
"""
from __future__ import annotations

from types import ModuleType

from . import docx, html, pdf, txt

WRITERS: dict[str, ModuleType] = {"txt": txt, "html": html, "docx": docx, "pdf": pdf}
BINARY_FORMS = frozenset({"docx", "pdf"})
# Word files and PDFs are asked for by name: a PDF takes a tenth of a second
# to draw and seconds to read back, too slow for a default corpus.
DEFAULT_FORMS = ("txt", "html")
