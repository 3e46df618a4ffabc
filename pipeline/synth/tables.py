"""The standard tables as grids of cells with spans, filled with written values."""
from __future__ import annotations

from random import Random

from .layout import PARTS, REVIEW_GROUPS, REVIEW_OUTCOMES
from .model import Table, TableCell
from .values import CellValue, number_text
from .vocab import vocab

Cells = dict[str, CellValue]


def _h(text: str, rowspan: int = 1, colspan: int = 1) -> TableCell:
    return TableCell(text, rowspan, colspan, header=True)


def _v(cell: CellValue, colspan: int = 1) -> TableCell:
    return TableCell(cell.raw, colspan=colspan)


def _subtotal(cells: Cells, row: str) -> TableCell:
    """The 法人或其他组织 小计 cell some reports print; not a canonical key."""
    values = [cells[f"applications.{row}.{c}"].value for c in PARTS[1:]]
    known = [v for v in values if v is not None]
    return TableCell(number_text(sum(known)) if known else "")


def applications(rng: Random, cells: Cells, edition: str, *, subtotal: bool) -> Table:
    labels = vocab("tables")["applications"]
    columns = dict(labels["columns"])
    sub = 1 if subtotal else 0
    width = 3 + 7 + sub

    def values(row: str) -> list[TableCell]:
        out = [_v(cells[f"applications.{row}.natural_person"])]
        if subtotal:
            out.append(_subtotal(cells, row))
        out += [_v(cells[f"applications.{row}.{c}"]) for c in (*PARTS[1:], "total")]
        return out

    legal = [_h(columns[c]) for c in PARTS[1:]]
    rows: list[tuple[TableCell, ...]] = [
        (_h(labels["caption"], 3, 3), _h(labels["applicant"], colspan=7 + sub)),
        (_h(columns["natural_person"], 2), _h(labels["legal_person"], colspan=5 + sub), _h(columns["total"], 2)),
        tuple(([_h(labels["subtotal"])] if subtotal else []) + legal),
        (_h(labels["new_received"], colspan=3), *values("new_received")),
        (_h(labels["carried_over"], colspan=3), *values("carried_over")),
    ]
    outcome: list[list[TableCell]] = [
        [_h(rng.choice(labels["granted"]), colspan=2), *values("granted")],
        [_h(rng.choice(labels["partially_granted"]), colspan=2), *values("partially_granted")],
    ]
    for group in labels["groups"]:
        if group.get("edition", edition) != edition:
            continue
        for i, (key, *variants) in enumerate(group["rows"]):
            lead = [_h(group["label"], rowspan=len(group["rows"]))] if i == 0 else []
            outcome.append([*lead, _h(rng.choice(variants)), *values(key)])
    if edition == "2019":
        outcome.append([_h(labels["other_2019"][0], colspan=2), *values("other.other")])
    outcome.append([_h(labels["handled_total"][0], colspan=2), *values("handled_total")])
    outcome[0].insert(0, _h(labels["results"], rowspan=len(outcome)))
    rows += [tuple(r) for r in outcome]
    rows.append((_h(labels["carried_forward"], colspan=3), *values("carried_forward")))
    vertical = frozenset([labels["subtotal"], *(columns[c] for c in PARTS[1:])])
    return Table("applications", width, tuple(rows), header_rows=(0, 1, 2), vertical_headers=vertical)


def review(cells: Cells) -> Table:
    labels = vocab("tables")["review"]
    groups = dict(labels["groups"])
    outcomes = [name for _, name in labels["outcomes"]]
    rows = (
        (_h(groups["reconsideration"], colspan=5), _h(labels["litigation"], colspan=10)),
        (*(_h(o, rowspan=2) for o in outcomes), _h(groups["litigation_direct"], colspan=5),
         _h(groups["litigation_after"], colspan=5)),
        tuple(_h(o) for o in outcomes * 2),
        tuple(_v(cells[f"review.{g}.{o}"]) for g in REVIEW_GROUPS for o in REVIEW_OUTCOMES),
    )
    return Table("review", 15, rows, header_rows=(0, 1, 2), vertical_headers=frozenset(outcomes))


def active(rng: Random, cells: Cells, edition: str) -> Table:
    t = vocab("tables")["active"]
    spaced = rng.random() < 0.2
    article = {n: t[f"article_{n}"][1 if spaced else 0] for n in (1, 5, 6, 8, 9)}

    def c(key: str, colspan: int = 1) -> TableCell:
        return _v(cells[f"active.{key}"], colspan)

    def caption(n: int) -> tuple[TableCell, ...]:
        return (_h(article[n], colspan=4),)

    if edition == "2021":
        rows = [
            caption(1), (_h(t["content"]), *(_h(x) for x in t["columns_2021"])),
            (_h(t["regulations"]), c("regulations.issued"), c("regulations.repealed"), c("regulations.in_force")),
            (_h(t["normative_2021"][0]), c("normative_documents.issued"), c("normative_documents.repealed"),
             c("normative_documents.in_force")),
            caption(5), (_h(t["content"]), _h(t["decisions_2021"], colspan=3)),
            (_h(t["licensing"]), c("licensing.decisions", 3)),
            caption(6), (_h(t["content"]), _h(t["decisions_2021"], colspan=3)),
            (_h(t["penalty"]), c("penalty.decisions", 3)),
            (_h(t["enforcement"]), c("enforcement.decisions", 3)),
            caption(8), (_h(t["content"]), _h(rng.choice(t["fee_amount_2021"]), colspan=3)),
            (_h(t["fees"]), c("fees.amount_10k_yuan", 3)),
        ]
    else:
        items = (_h(t["content"]), *(_h(x) for x in t["items_2019"]))

        def item_row(label: str, key: str) -> tuple[TableCell, ...]:
            return (_h(label), c(f"{key}.previous_items"), c(f"{key}.change"), c(f"{key}.decisions"))

        rows = [
            caption(1), (_h(t["content"]), *(_h(x) for x in t["columns_2019"])),
            (_h(t["regulations"]), c("regulations.made"), c("regulations.published"), c("regulations.total_public")),
            (_h(t["normative_2019"][0]), c("normative_documents.made"), c("normative_documents.published"),
             c("normative_documents.total_public")),
            caption(5), items, item_row(t["licensing"], "licensing"), item_row(t["other_services"], "other_services"),
            caption(6), items, item_row(t["penalty"], "penalty"), item_row(t["enforcement"], "enforcement"),
            caption(8), (_h(t["content"]), _h(t["items_2019"][0]), _h(t["items_2019"][1], colspan=2)),
            (_h(t["fees"]), c("fees.previous_items"), c("fees.change", 2)),
            caption(9), (_h(t["content"]), _h(t["procurement_2019"][0]), _h(t["procurement_2019"][1], colspan=2)),
            (_h(t["procurement"]), c("procurement.items"), c("procurement.amount_10k_yuan", 2)),
        ]
    headers = tuple(i for i, r in enumerate(rows) if all(cell.header for cell in r))
    return Table("active", 4, tuple(rows), header_rows=headers)
