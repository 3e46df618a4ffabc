"""Name an office or PDF file's format from its bytes, never from its file name.

Agencies publish reports as ``.doc``, ``.wps`` or ``.xls`` files renamed to
``.docx`` and vice versa, so the loader asks this module what a file *is*
before choosing a reader.  Binary (OLE2) formats are told apart by the
streams in the compound file's directory; zip-based formats by their parts.
"""
from __future__ import annotations

import io
import struct
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
RTF_MAGIC = b"{\\rtf"

# Stream names in an OLE2 directory and the format they identify, in order
# of precedence: WPS writes a WordDocument stream too, so WpsDocument wins.
OLE_STREAM_FORMATS: tuple[tuple[str, str], ...] = (
    ("EncryptedPackage", "ooxml-encrypted"),
    ("WpsDocument", "wps"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("Book", "xls"),
    ("PowerPoint Document", "ppt"),
)

# OpenDocument files name themselves in a stored ``mimetype`` part.
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}

# PDF writers may put junk (a BOM, an HTTP header fragment) before the magic;
# readers accept the header within the first kilobyte.
PDF_HEADER_WINDOW = 1024

_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA


def sniff_office(data: bytes) -> str | None:
    """The format of an office or PDF file, from its content.

    Returns ``"pdf"``, ``"docx"``, ``"xlsx"``, ``"pptx"``, ``"odt"``,
    ``"ods"``, ``"odp"``, ``"zip"`` (another zip archive), ``"doc"``,
    ``"wps"``, ``"xls"``, ``"ppt"``, ``"ooxml-encrypted"`` (a
    password-protected .docx/.xlsx, which is an OLE2 file), ``"ole"``
    (another OLE2 compound file), ``"rtf"``, or ``None`` when the bytes are
    none of these (plain text, HTML, random bytes).
    """
    if data.startswith(OLE_MAGIC):
        return _sniff_ole(data)
    if data.startswith(ZIP_MAGIC):
        return _sniff_zip(data)
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(RTF_MAGIC):
        return "rtf"
    return None


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                # A real mimetype part is a few dozen bytes; do not inflate a bomb.
                if info.file_size < 200:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype in ODF_MIMETYPES:
                        return ODF_MIMETYPES[mimetype]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError):
        return "zip"
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    return "zip"


def _sniff_ole(data: bytes) -> str:
    names = ole_stream_names(data)
    for stream, name in OLE_STREAM_FORMATS:
        if stream in names:
            return name
    return "ole"


def ole_stream_names(data: bytes) -> set[str]:
    """Names of the entries in an OLE2 compound file's directory.

    A minimal reader of the directory only (no stream contents); it stops at
    any inconsistency and returns what it found, so a damaged file still gets
    a format name from whatever entries are legible.
    """
    if len(data) < 512:
        return set()
    sector_shift = struct.unpack_from("<H", data, 30)[0]
    if sector_shift not in (9, 12):
        return set()
    sector_size = 1 << sector_shift
    first_dir_sector = struct.unpack_from("<I", data, 48)[0]
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s <= _MAX_SECTOR]
    sector_count = (len(data) - sector_size) // sector_size

    def sector(index: int) -> bytes:
        start = sector_size + index * sector_size
        return data[start:start + sector_size]

    fat: list[int] = []
    for index in fat_sectors:
        if index >= sector_count:
            break
        chunk = sector(index)
        fat.extend(struct.unpack_from(f"<{len(chunk) // 4}I", chunk))

    names: set[str] = set()
    current = first_dir_sector
    visited: set[int] = set()
    # The directory chain cannot be longer than the file has sectors; the
    # visited set stops cyclic chains in crafted files.
    while current <= _MAX_SECTOR and current < sector_count and current not in visited:
        visited.add(current)
        chunk = sector(current)
        for offset in range(0, len(chunk) - 127, 128):
            name_length = struct.unpack_from("<H", chunk, offset + 64)[0]
            if 2 <= name_length <= 64:
                names.add(chunk[offset:offset + name_length - 2].decode("utf-16-le", "replace"))
        current = fat[current] if current < len(fat) else _END_OF_CHAIN
    return names
