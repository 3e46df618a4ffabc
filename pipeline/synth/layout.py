"""Row and column keys of the standard tables, per edition (spec/tables.md)."""
from __future__ import annotations

from .vocab import vocab

COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services",
           "other_org", "total")
PARTS = COLUMNS[:-1]
REVIEW_GROUPS = ("reconsideration", "litigation_direct", "litigation_after")
REVIEW_OUTCOMES = ("upheld", "corrected", "other", "pending", "total")

ACTIVE_2021 = (
    "regulations.issued", "regulations.repealed", "regulations.in_force",
    "normative_documents.issued", "normative_documents.repealed", "normative_documents.in_force",
    "licensing.decisions", "penalty.decisions", "enforcement.decisions", "fees.amount_10k_yuan",
)
ACTIVE_2019 = (
    "regulations.made", "regulations.published", "regulations.total_public",
    "normative_documents.made", "normative_documents.published", "normative_documents.total_public",
    "licensing.previous_items", "licensing.change", "licensing.decisions",
    "other_services.previous_items", "other_services.change", "other_services.decisions",
    "penalty.previous_items", "penalty.change", "penalty.decisions",
    "enforcement.previous_items", "enforcement.change", "enforcement.decisions",
    "fees.previous_items", "fees.change",
    "procurement.items", "procurement.amount_10k_yuan",
)


def outcome_rows(edition: str) -> tuple[str, ...]:
    """Rows from (一)予以公开 through (六), in table order."""
    rows = ["granted", "partially_granted"]
    for group in vocab("tables")["applications"]["groups"]:
        if group.get("edition", edition) == edition:
            rows.extend(row[0] for row in group["rows"])
    if edition == "2019":
        rows.append("other.other")
    return tuple(rows)


def application_rows(edition: str) -> tuple[str, ...]:
    return ("new_received", "carried_over", *outcome_rows(edition), "handled_total", "carried_forward")


def table_keys(edition: str) -> tuple[str, ...]:
    """Every canonical key an edition's tables carry, in reading order."""
    if edition == "legacy":
        return ()
    active = ACTIVE_2021 if edition == "2021" else ACTIVE_2019
    return (
        *(f"active.{k}" for k in active),
        *(f"applications.{r}.{c}" for r in application_rows(edition) for c in COLUMNS),
        *(f"review.{g}.{o}" for g in REVIEW_GROUPS for o in REVIEW_OUTCOMES),
    )
