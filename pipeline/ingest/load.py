"""Read any input into a :class:`SourceDocument`, choosing the reader by content."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import Errors, InputError, UnprocessableInput
from .decode import decode
from .html import looks_like_html, read_html_text
from .source import SourceDocument

# Annual reports are kilobytes to a few megabytes; anything far larger is not one.
MAX_BYTES = 200 * 1024 * 1024

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF = b"%PDF-"


def read_path(path: str | os.PathLike[str]) -> SourceDocument:
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError as e:
        raise InputError(Errors.E001, path=name) from e
    except OSError as e:
        raise InputError(Errors.E002, path=name, reason=e.strerror or str(e)) from e
    if size > MAX_BYTES:
        raise InputError(Errors.E008, path=name, size=size, limit=MAX_BYTES)
    if p.is_dir():
        raise InputError(Errors.E002, path=name, reason="is a directory")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(Errors.E002, path=name, reason=e.strerror or str(e)) from e
    return read_bytes(name, data)


def read_bytes(path: str, data: bytes) -> SourceDocument:
    """Dispatch on what the bytes are, never on the file name."""
    if not data.strip():
        raise InputError(Errors.E003, path=path)
    head = data[:8]
    if head.startswith(_PDF) or head.startswith(_ZIP) or head.startswith(_OLE):
        return _read_office(path, data)
    decoded = decode(path, data)
    if looks_like_html(decoded.text):
        return SourceDocument(path=path, text=read_html_text(path, decoded.text), form="html", encoding=decoded.encoding)
    return SourceDocument(path=path, text=decoded.text, form="txt", encoding=decoded.encoding)


def _read_office(path: str, data: bytes) -> SourceDocument:
    from .office import sniff_office

    kind = sniff_office(data)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path, data)
    raise UnprocessableInput(
        Errors.E013, status="unsupported", path=path, format=kind or "binary office",
        reason="only .txt, .html, .docx and .pdf reports are read; convert it to one of these",
    )
