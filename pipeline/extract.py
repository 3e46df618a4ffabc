"""``extract``: one report, any form, to a :class:`Report` (ingest → structure → tables → labels/figures)."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import Errors, InputError, UnprocessableInput
from .ingest.load import read_bytes, read_path
from .ingest.source import SourceDocument
from .normalize import is_traditional, normalize
from .report import Meta, Paragraph, Report, Section
from .structure.headings import Outline, build_sections, outline, rules
from .structure.lines import Line, split_lines
from .structure.metadata import find_metadata
from .structure.paragraphs import group_lines, wrap_width
from .tables.checks import run_checks
from .tables.parse import parse_tables


def extract(source: str | os.PathLike[str] | bytes, *, name: str | None = None, annotate: bool = True) -> Report:
    """Extract a report from a path, raw bytes, or the report's text itself.

    A string that names an existing file is read as a file; any other string
    is taken as the report's text.  Unreadable input raises
    :class:`~pipeline.errors.InputError`; a readable file that holds no report
    gives a :class:`Report` whose ``status`` says why.
    """
    try:
        document = _read(source, name)
    except UnprocessableInput as e:
        label = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
        return Report(source=label, status=e.status, text="", meta=Meta(), reason=str(e))  # type: ignore[arg-type]
    report = analyse(document)
    if annotate and report.status == "ok":
        _annotate(report)
    return report


_REPORT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf", ".doc", ".wps", ".xls", ".xlsx"})


def _looks_like_path(source: str) -> bool:
    """A short one-line string naming a file (existing or not), rather than report text."""
    if "\n" in source or len(source) > 1024:
        return False
    path = Path(source)
    try:
        exists = path.exists()
    except OSError:  # a name too long for the file system is text, not a path
        return False
    return exists or path.suffix.lower() in _REPORT_SUFFIXES or os.sep in source


def _read(source: str | os.PathLike[str] | bytes, name: str | None) -> SourceDocument:
    if isinstance(source, bytes):
        return read_bytes(name or "<bytes>", source)
    if isinstance(source, os.PathLike) or _looks_like_path(source):
        document = read_path(source)
        return document if name is None else SourceDocument(name, document.text, document.form, document.encoding, document.pages)
    if not source.strip():
        raise InputError(Errors.E003, path=name or "<text>")
    return SourceDocument(path=name or "<text>", text=source.replace("\r\n", "\n").replace("\r", "\n"), form="txt")


def analyse(document: SourceDocument) -> Report:
    """Structure, metadata and tables of a document's text (no labels or figures)."""
    text = document.text
    traditional = is_traditional(text)
    norm = normalize(text, traditional=traditional)
    lines = split_lines(norm)
    spec = rules()
    if not any(cue in norm for cue in spec.report_cues):
        return Report(
            source=document.path, status="not_a_report", text=text,
            meta=Meta(form=document.form, encoding=document.encoding, script="traditional" if traditional else "simplified"),
            reason="no mention of 政府信息公开 or 政务公开: not a disclosure report",
        )
    plan = outline(lines)
    first_heading = plan.headings[0].line.index if plan.headings else None
    found = find_metadata(lines, first_heading)
    furniture = _furniture_lines(lines)
    tables = parse_tables(_mask(norm, furniture), list(plan.regions), year=found.year)
    edition = tables.edition if tables.cells else "legacy"
    evidence = tables.edition_evidence if tables.cells else "no standard statistics table"
    meta = Meta(
        title=found.title, agency=found.agency, year=found.year, written_date=found.written_date,
        published_date=found.published_date, index_number=found.index_number, edition=edition,  # type: ignore[arg-type]
        edition_evidence=evidence, script="traditional" if traditional else "simplified",
        encoding=document.encoding, form=document.form,
    )
    sections = build_sections(plan.headings, len(text))
    report = Report(source=document.path, status="ok", text=text, meta=meta, sections=sections)
    report.paragraphs = _paragraphs(report, lines, plan, found.meta_lines, furniture)
    report.cells = tables.cells
    report.extra_rows = [
        {"table": r.table, "label": r.label, "values": list(r.values), "start": r.start} for r in tables.extra_rows
    ]
    report.checks = run_checks(tables.cells, edition=tables.edition, tables=tuple(r.table for r in plan.regions))
    return report


def _furniture_lines(lines: list[Line]) -> list[Line]:
    """Page numbers and running heads left by PDF conversion."""
    furniture = rules().furniture
    return [line for line in lines if furniture.match(line.content)]


def _mask(norm: str, masked: list[Line]) -> str:
    """Blank out furniture lines, which would read as table cells ("— 1 —")."""
    pieces = []
    kept_from = 0
    for line in masked:  # in text order
        pieces += [norm[kept_from:line.start], " " * (line.end - line.start)]
        kept_from = line.end
    pieces.append(norm[kept_from:])
    return "".join(pieces)


def _paragraphs(
    report: Report, lines: list[Line], plan: Outline, meta_lines: frozenset[int], furniture: list[Line],
) -> list[Paragraph]:
    heading_lines = {h.line.index for h in plan.headings}
    # Run-in headings open a paragraph; other headings are no paragraph's text.
    skip = {line.index for line in furniture}.union([h.line.index for h in plan.headings if not h.run_in])
    body = [
        line for line in lines
        if line.content and line.index not in plan.table_lines and line.index not in skip
    ]
    blocks = group_lines(body, heading_lines | meta_lines, wrap_width(body))
    sections = report.sections
    heading_paths = _heading_paths(sections, rules().heading_path_levels)
    paragraphs = []
    owner_index = -1
    for n, block in enumerate(blocks):
        start = block.start
        while owner_index + 1 < len(sections) and sections[owner_index + 1].start <= start:
            owner_index += 1
        owner = sections[owner_index] if owner_index >= 0 else None
        # A run-in heading ("(三)配套措施情况。以…") opens its own paragraph, which
        # sits under the enclosing heading, as annotators read it.
        context = owner.parent if owner and owner.start == start else (owner.id if owner else None)
        paragraphs.append(Paragraph(
            id=f"p{n}", text=block.text(report.text), heading=heading_paths[context] if context else None,
            section=owner.id if owner else None, start=start, end=block.end,
            kind="meta" if block.lines[0].index in meta_lines else "prose",
        ))
    return paragraphs


def _heading_paths(sections: list[Section], levels: int) -> dict[str, str | None]:
    """Each section's heading path: the headings of it and its ancestors down to ``levels``, outermost first."""
    paths: dict[str, list[str]] = {}
    for section in sections:  # a parent comes before its children
        path = paths[section.parent] if section.parent else []
        paths[section.id] = [*path, section.heading] if section.level <= levels else path
    return {section_id: " / ".join(path) or None for section_id, path in paths.items()}


def _annotate(report: Report) -> None:
    """Labels, then figures and the prose-against-table checks."""
    # Imported on first use: callers of analyse() alone (tests, the table tools) skip the model load.
    from .figures import annotate_report
    from .labels import label_paragraphs

    label_paragraphs(report.paragraphs)
    annotate_report(report)
