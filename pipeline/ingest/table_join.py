"""Joining the two parts of a table that a page break split."""
from __future__ import annotations


def continuation_rows(first: list[list[str]], rest: list[list[str]]) -> list[list[str]]:
    """The rows of a table's continuation, without the header rows it repeats.

    Word and PDF writers repeat a table's leading rows on each new page; a
    row that equals the row at the same position at the table's start is such
    a repeat.
    """
    repeated = 0
    while repeated < min(len(first), len(rest)) and rest[repeated] == first[repeated] and any(rest[repeated]):
        repeated += 1
    return rest[repeated:]
