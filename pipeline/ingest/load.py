"""Read any input into a :class:`SourceDocument`, choosing the reader by content."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import Errors, InputError, UnprocessableInput
from .decode import decode
from .html import looks_like_html, read_html_text
from .office import sniff_office
from .source import SourceDocument

# Annual reports are kilobytes to a few megabytes; anything far larger is not one.
MAX_BYTES = 200 * 1024 * 1024

_FORMAT_NAMES = {
    "ooxml-encrypted": "password-protected Office (.docx/.xlsx)", "doc": "Word 97-2003 (.doc)",
    "wps": "WPS Writer (.wps)", "xls": "Excel 97-2003 (.xls)", "ppt": "PowerPoint 97-2003 (.ppt)",
    "ole": "OLE2 compound", "rtf": "RTF", "zip": "zip archive", "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)", "odt": "OpenDocument text (.odt)", "ods": "OpenDocument spreadsheet (.ods)",
    "odp": "OpenDocument presentation (.odp)",
}


def read_path(path: str | os.PathLike[str]) -> SourceDocument:
    name = str(path)
    p = Path(path)
    try:
        status = p.stat()
    except FileNotFoundError as e:
        raise InputError(Errors.E001, path=name) from e
    except OSError as e:
        raise InputError(Errors.E002, path=name, reason=e.strerror or str(e)) from e
    except ValueError as e:  # a NUL byte in the name
        raise InputError(Errors.E002, path=name.replace("\0", "\\0"), reason=str(e)) from e
    if status.st_size > MAX_BYTES:
        raise InputError(Errors.E008, path=name, size=status.st_size, limit=MAX_BYTES)
    if stat.S_ISDIR(status.st_mode):
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
    kind = sniff_office(data)
    if kind is not None:
        return _read_office(path, data, kind)
    decoded = decode(path, data)
    if looks_like_html(decoded.text):
        return SourceDocument(path=path, text=read_html_text(path, decoded.text), form="html", encoding=decoded.encoding)
    return SourceDocument(path=path, text=decoded.text, form="txt", encoding=decoded.encoding)


def _read_office(path: str, data: bytes, kind: str) -> SourceDocument:
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path, data)
    raise UnprocessableInput(
        Errors.E013, status="unsupported", path=path, format=_FORMAT_NAMES.get(kind, kind),
        reason="only .txt, .html, .docx and .pdf reports are read; convert it to one of these",
    )
