"""Office and PDF formats are named from content, whatever the file is called."""
from __future__ import annotations

import io
import struct
import zipfile

import docx
import pytest

from pipeline.ingest.office import ole_stream_names, sniff_office

FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(stream_names: list[str], *, cyclic: bool = False) -> bytes:
    """A minimal OLE2 compound file whose directory lists ``stream_names``."""
    entries = [("Root Entry", 5)] + [(name, 2) for name in stream_names]
    directory = b""
    for name, kind in entries:
        encoded = (name + "\0").encode("utf-16-le")
        directory += (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, NO_STREAM, NO_STREAM, NO_STREAM)
                      + b"\0" * 36 + struct.pack("<IQ", END, 0)).ljust(128, b"\0")
    dir_sectors = max(1, -(-len(directory) // 512))
    directory = directory.ljust(dir_sectors * 512, b"\0")
    chain = [FAT_SECTOR] + [i + 2 for i in range(dir_sectors - 1)] + [1 if cyclic else END]
    fat = struct.pack(f"<{len(chain)}I", *chain).ljust(512, b"\xff")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", 0, *([FREE] * 108)))
    assert len(header) == 512
    return header + fat + directory


def zip_file(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("streams", "expected"),
    [
        (["WordDocument", "1Table", "\x05SummaryInformation"], "doc"),
        (["WpsDocument", "WordDocument"], "wps"),
        (["Workbook", "\x05SummaryInformation"], "xls"),
        (["Book"], "xls"),
        (["PowerPoint Document", "Current User"], "ppt"),
        (["EncryptionInfo", "EncryptedPackage"], "ooxml-encrypted"),
        (["Contents"], "ole"),
    ],
)
def test_ole_formats_are_named_by_their_directory_streams(streams, expected):
    assert sniff_office(ole_file(streams)) == expected


def test_ole_directory_spanning_several_sectors_is_read_to_the_end():
    # Four entries fit a 512-byte sector; the ninth needs the chain to be followed.
    names = [f"Stream{i}" for i in range(8)] + ["WordDocument"]
    assert "WordDocument" in ole_stream_names(ole_file(names))
    assert sniff_office(ole_file(names)) == "doc"


def test_cyclic_ole_directory_chain_terminates():
    names = [f"Stream{i}" for i in range(8)]
    assert ole_stream_names(ole_file(names, cyclic=True)) >= set(names)


def test_truncated_ole_file_is_still_named_ole():
    assert sniff_office(ole_file(["WordDocument"])[:300]) == "ole"


def test_docx_package_is_named_docx():
    assert sniff_office(docx_bytes()) == "docx"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, "xlsx"),
        ({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}, "pptx"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "odt"),
        ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, "ods"),
        ({"readme.txt": b"hello"}, "zip"),
    ],
)
def test_zip_based_formats_are_named_by_their_parts(parts, expected):
    assert sniff_office(zip_file(parts)) == expected


def test_pdf_is_named_by_magic_even_after_leading_junk():
    assert sniff_office(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == "pdf"
    assert sniff_office(b"\r\n\r\n%PDF-1.4\n") == "pdf"


def test_rtf_is_named_rtf():
    assert sniff_office(b"{\\rtf1\\ansi\\ansicpg936 ...}") == "rtf"


@pytest.mark.parametrize(
    "data",
    [
        "一、总体情况\n本局2024年主动公开信息62条。".encode("utf-8"),
        b"<html><body>report</body></html>",
        b"\x00\x01binary" + bytes(range(256)) * 8,
    ],
    ids=["text", "html", "binary"],
)
def test_non_office_content_is_not_named(data):
    assert sniff_office(data) is None


def test_broken_zip_is_named_zip_not_passed_to_text_readers():
    assert sniff_office(b"PK\x03\x04" + bytes(range(256))) == "zip"
