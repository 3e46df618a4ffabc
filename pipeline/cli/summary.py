"""A readable summary of one report for the terminal (``--format table``)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..report import Report


def print_summary(report: Report, console: Console | None = None) -> None:
    console = console or Console()
    meta = report.meta
    console.rule(f"[bold]{report.source}")
    if report.status != "ok":
        console.print(f"[yellow]{report.status}[/]: {report.reason}")
        return
    facts = Table.grid(padding=(0, 2))
    for name, value in (
        ("title", meta.title), ("agency", meta.agency), ("year", meta.year), ("edition", f"{meta.edition} ({meta.edition_evidence})"),
        ("written", meta.written_date), ("published", meta.published_date), ("index no.", meta.index_number),
        ("form", f"{meta.form}, {meta.encoding or '-'}, {meta.script}"),
    ):
        facts.add_row(f"[bold]{name}", str(value) if value is not None else "-")
    console.print(facts)
    console.print(f"\n[bold]Sections[/] ({len(report.sections)})")
    for section in report.sections:
        if section.level <= 2:
            console.print("  " * (section.level - 1) + f"  {section.heading}")
    labelled = [p for p in report.paragraphs if p.labels is not None]
    console.print(f"\n[bold]Paragraphs[/] {len(report.paragraphs)}, labelled {len(labelled)}, "
                  f"figures {sum(len(p.figures) for p in report.paragraphs)}")
    counts: dict[str, int] = {}
    for p in labelled:
        for label in p.labels.labels:  # type: ignore[union-attr]
            counts[label] = counts.get(label, 0) + 1
    if counts:
        console.print("  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    cells = Table(title=f"Table cells ({len(report.cells)})", show_lines=False)
    for column in ("key", "value", "raw", "semantics"):
        cells.add_column(column)
    for cell in report.cells:
        if cell.key.endswith(".total") or cell.key.startswith("active."):
            cells.add_row(cell.key, "" if cell.value is None else f"{cell.value:g}", cell.raw, cell.semantics)
    console.print(cells)
    status_count = {s: sum(1 for c in report.checks if c.status == s) for s in ("pass", "fail", "uncertain")}
    console.print(f"[bold]Checks[/] pass {status_count['pass']}, fail {status_count['fail']}, uncertain {status_count['uncertain']}")
    for check in report.checks:
        if check.status == "fail":
            console.print(f"  [red]fail[/] {check.rule}: {check.message}")
