"""Bytes to text: BOMs, UTF-8, GBK/GB18030, and the refusal of binary content."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import Errors, InputError

# Control characters other than tab, newline, carriage return and form feed
# never occur in report text; a few percent of them means the bytes are binary.
_CONTROL_CHARS = "".join(map(chr, (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0xFFFD)))
_CONTROL = re.compile(f"[{re.escape(_CONTROL_CHARS)}]")
_BINARY_CONTROL_SHARE = 0.02


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode(path: str, data: bytes) -> DecodedText:
    """Decode a text or HTML file, trying the encodings Chinese sites publish in."""
    if not data.strip():
        raise InputError(Errors.E003, path=path)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(path, data.decode(encoding, errors="replace"), encoding)
    if b"\x00" in data[:4096]:
        raise InputError(Errors.E004, path=path, reason="NUL bytes")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(path, data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    guess = from_bytes(data[:65536]).best()
    if guess is not None and guess.encoding:
        return _checked(path, data.decode(guess.encoding, errors="replace"), guess.encoding)
    raise InputError(Errors.E005, path=path, tried="utf-8, gb18030, charset detection")


def _checked(path: str, text: str, encoding: str) -> DecodedText:
    sample = text[:65536]
    # Report text has none: testing for each is a C scan, where the regex steps through every character.
    if any(c in sample for c in _CONTROL_CHARS):
        bad = len(_CONTROL.findall(sample))
        if bad / len(sample) > _BINARY_CONTROL_SHARE:
            raise InputError(Errors.E004, path=path, reason=f"{bad} control or undecodable characters in the first {len(sample)}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding)
