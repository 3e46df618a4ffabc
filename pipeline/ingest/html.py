"""HTML pages to report text: chrome dropped, paragraphs kept, tables as pipe rows."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import Errors, InputError
from .source import pipe_row

_DROP = "script, style, noscript, iframe, head, template, select, option, button, input, textarea, svg, object, embed"
_BLOCK = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer nav main aside "
    "blockquote pre hr form fieldset address figure figcaption center caption".split()
)
# Menus, breadcrumbs and share bars are mostly links; a block whose text is
# largely link text and short is chrome, not report.
_LINK_SHARE = 0.6
_CHROME_MAX_CHARS = 400
# Page text spaces with these as well as plain spaces; runs of spaces become one.
_OTHER_SPACES = "\t\u3000\u00a0"
_SPACE_RUN = re.compile("  +")


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    if "<" not in head:
        return False
    head = head.lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(html|body|table|div|p)[\s>]", head)
    )


def read_html_text(path: str, markup: str) -> str:
    """The visible report text of a page, one block per line."""
    try:
        tree = LexborHTMLParser(markup)
    except Exception as e:  # lexbor raises plain exceptions on internal failures
        raise InputError(Errors.E007, path=path, reason=str(e)) from e
    root = tree.body or tree.root
    if root is None:
        raise InputError(Errors.E007, path=path, reason="no document body")
    _remove(root.css(_DROP))
    _remove([node for node in _chrome_candidates(root) if _is_chrome(node)])
    lines: list[str] = []
    _Linearizer(lines).block(root)
    return "\n".join(filter(None, map(str.strip, _squeeze_spaces("\n".join(lines)).split("\n"))))


def _squeeze_spaces(text: str) -> str:
    """Runs of spaces, tabs, ideographic and no-break spaces as one space (line breaks stay).

    Other spaces are made plain spaces first: a regex searching for two
    spaces skips ahead in C, one for any run of a character class steps
    through every character.
    """
    for space in _OTHER_SPACES:
        if space in text:
            text = text.replace(space, " ")
    return _SPACE_RUN.sub(" ", text)


_CONTAINERS = frozenset("ul ol div p td table nav header footer".split())
# Menus are lists of links: their containers are found from the links, a few levels up.
_LINK_DEPTH = 3


def _chrome_candidates(root: LexborNode) -> list[LexborNode]:
    """Containers within a few levels above a link, each once."""
    seen: dict[int, LexborNode] = {}
    for link in root.css("a"):
        node, depth = link.parent, 1
        while node is not None and depth <= _LINK_DEPTH and node.tag != "body":
            if node.tag in _CONTAINERS:
                seen.setdefault(node.mem_id, node)
            node, depth = node.parent, depth + 1
    return list(seen.values())


def _remove(nodes: list[LexborNode]) -> None:
    """Remove the outermost of ``nodes``: removing a node frees its descendants, which must not be touched again."""
    ids = {node.mem_id for node in nodes}
    for node in [n for n in nodes if not _has_ancestor_in(n, ids)]:
        node.decompose()


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _is_chrome(node: LexborNode) -> bool:
    text = node.text(deep=True, strip=True)
    if not text or len(text) > _CHROME_MAX_CHARS:
        return False
    link_text = sum(len(a.text(deep=True, strip=True)) for a in node.css("a"))
    return link_text / len(text) >= _LINK_SHARE


class _Linearizer:
    """Walks the DOM without recursion on deep trees, writing lines."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.current: list[str] = []

    def flush(self) -> None:
        if self.current:
            self.lines.append("".join(self.current))
            self.current = []

    def block(self, root: LexborNode) -> None:
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.flush()
                continue
            tag = node.tag
            if tag == "-text":
                self.current.append((node.text_content or "").replace("\n", " "))
                continue
            if tag == "-comment" or tag is None:
                continue
            if tag == "table":
                self.flush()
                self.lines.extend(table_lines(node))
                continue
            if tag == "br":
                self.flush()
                continue
            is_block = tag in _BLOCK
            if is_block:
                self.flush()
                stack.append((node, True))
            children = []
            child = node.first_child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, False) for c in reversed(children))
        self.flush()


def table_lines(table: LexborNode) -> list[str]:
    """A table as pipe rows; a merged cell is written once, in the row where it starts."""
    lines = []
    for tr in table.css("tr"):
        cells = [_cell_text(td) for td in tr.iter() if td.tag in ("td", "th")]
        if any(cells):
            lines.append(pipe_row(cells))
    return lines


# Cells hold wrapped labels ("商业\n企业"); Chinese joins without spaces.
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _cell_text(td: LexborNode) -> str:
    text = " ".join(td.text().split())  # all the cell's text nodes, spaces collapsed
    return _SPACE_IN_WORD.sub("", text) if " " in text else text
