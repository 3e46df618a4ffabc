"""Plain text, in the flattenings reports arrive in from scrapes and PDF converters.

* ``pipe_rows``: one table row per line, ``cell | cell |``;
* ``cell_lines``: one cell per line with a trailing `` |``, filler lines for spanned cells;
* ``blank_lines``: every line (cells included) separated by a blank line, no pipes;
* ``pdf_text``: prose hard-wrapped, rows space-separated, narrow column headers
  one character per line, page footers between pages.
"""
from __future__ import annotations

from random import Random

from ..model import Document, Heading, MetaBlock, Paragraph, Rendering, Signature, Table, Title

LAYOUTS = ("pipe_rows", "cell_lines", "blank_lines", "pdf_text")
LONG_LABEL = 18  # a PDF row label longer than this wraps over two lines


def render(document: Document, rng: Random, *, layout: str, encoding: str) -> Rendering:
    width = rng.randint(35, 40)
    pad = rng.random() < 0.5
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Title | Heading):
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.extend(_wrap(block.text, width) if layout == "pdf_text" else [block.text])
        elif isinstance(block, MetaBlock):
            lines.extend(_meta(block, layout))
        elif isinstance(block, Table):
            lines.extend(_table(block, layout, width=width, pad=pad))
        elif isinstance(block, Signature):
            lines.extend([block.agency, block.date])
    if layout == "pdf_text":
        lines = _paginate(rng, lines)
    separator = "\n\n" if layout == "blank_lines" else "\n"
    return Rendering(separator.join(lines) + "\n", layout)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _meta(block: MetaBlock, layout: str) -> list[str]:
    if block.style == "colon":
        return [f"{label}{value}" for label, value in block.fields]
    pairs = [block.fields[i:i + 2] for i in range(0, len(block.fields), 2)]
    if layout == "pdf_text":
        return ["  ".join(f"{label}{value}" for label, value in pair) for pair in pairs]
    return [" | ".join(f"{label} | {value}" for label, value in pair) + " |" for pair in pairs]


def _table(table: Table, layout: str, *, width: int, pad: bool) -> list[str]:
    lines: list[str] = []
    for i, row in enumerate(table.rows):
        missing = table.width - len(row)
        texts = [cell.text for cell in row]
        if layout == "pipe_rows":
            lines.append(" | ".join(texts) + " |" + ("|" * missing if pad and missing > 0 else ""))
        elif layout == "cell_lines":
            lines.extend(f"{t} |" if t else "|" for t in texts)
            if missing > 0:
                lines.append("|" * missing)
        elif layout == "blank_lines":
            lines.extend(t or "  " for t in texts)
        elif i in table.header_rows:
            lines.extend(_pdf_header(texts, table.vertical_headers, width))
        else:
            lines.extend(_pdf_row(row, width))
    return lines


def _pdf_header(texts: list[str], vertical: frozenset[str], width: int) -> list[str]:
    """Header cells as a converter lays them out: narrow ones one character per line."""
    lines: list[str] = []
    across = [t for t in texts if t not in vertical]
    if across:
        lines.extend(_wrap(" ".join(across), width))
    lines.extend("\n".join(t) for t in texts if t in vertical)  # a cell never straddles a page
    return lines


def _pdf_row(row: tuple, width: int) -> list[str]:
    labels = [c.text for c in row if c.header]
    values = [c.text for c in row if not c.header]
    label = " ".join(labels)
    if len(label) > LONG_LABEL:
        cut = min(width // 2, len(label) - 4)
        return [label[:cut] + "\n" + " ".join([label[cut:], *values])]  # one unit: a row never straddles a page
    return [" ".join([label, *values]) if label else " ".join(values)]


def _paginate(rng: Random, lines: list[str]) -> list[str]:
    per_page = rng.randint(30, 45)
    footer = rng.choice(("— {} —", "- {} -", "—{}—"))
    out: list[str] = []
    for start in range(0, len(lines), per_page):
        out.extend(lines[start:start + per_page])
        out.append(footer.format(start // per_page + 1))
    return out
