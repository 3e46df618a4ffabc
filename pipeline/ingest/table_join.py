"""Joining the two parts of a table that a page break split."""
from __future__ import annotations


def continuation_rows(first: list[list[str]], rest: list[list[str]]) -> list[list[str]]:
    """The rows of a table's continuation, without the header rows it repeats.

    Word and PDF writers repeat a table's leading rows on each new page; a
    row whose filled cells are those of the row at the same position at the
    table's start is such a repeat (a PDF part may be cut into more columns
    than the first, where rows below draw lines the first part lacks).
    """
    repeated = 0
    while repeated < min(len(first), len(rest)) and any(rest[repeated]) and _filled(rest[repeated]) == _filled(first[repeated]):
        repeated += 1
    return rest[repeated:]


def _filled(row: list[str]) -> list[str]:
    return [cell for cell in row if cell]
