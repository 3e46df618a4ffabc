"""``audit``: every finding and indicator of a run's tables, computed in memory.

Compute only: writing them into a run folder is :mod:`pipeline.audit.store`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from .completeness import edition_finding, expected_edition, part_findings, table_findings
from .config import AuditConfig, audit_config
from .copying import CopyAudit, Narrative, Passage
from .cross_year import carry_over_findings, cell_values, in_force_findings, previous_reports
from .findings import Finding, findings_table
from .indicators import indicators
from .parts import paragraph_parts, section_parts
from .specificity import ProblemParagraph, issue_confidence, specificity_finding
from .tables import RunTables
from .timeliness import agency_type, timeliness_finding

PASSAGES_SCHEMA = pa.schema([
    ("report_id", pa.string()), ("rule", pa.string()), ("paragraph_id", pa.string()),
    ("other_report_id", pa.string()), ("other_paragraph_id", pa.string()), ("similarity", pa.float64()),
    ("text", pa.string()), ("other_text", pa.string()),
])


@dataclass(frozen=True)
class AuditResult:
    """Findings in the ``checks`` schema, the ``indicators`` table and the copied passages behind findings."""

    findings: pa.Table
    indicators: pa.Table
    passages: pa.Table


def agency_key(name: object) -> str | None:
    """The agency's name without white space: how reports of one agency find each other across years."""
    if not isinstance(name, str):
        return None
    return "".join(name.split()) or None


def panel(run: RunTables, config: AuditConfig) -> pd.DataFrame:
    """One row per report: report_id, agency, agency_key, year, edition, published_date, agency_type
    (with its source), and any manifest columns such as region or level."""
    reports = run.reports[run.reports["status"] == "ok"].copy()
    manifest = run.manifest
    if not manifest.empty:
        on = "report_id" if "report_id" in manifest.columns else "source" if "source" in manifest.columns else None
        if on is not None:
            reports = reports.merge(manifest.drop_duplicates(on), on=on, how="left", suffixes=("", "_manifest"))
    # what the researcher's manifest gives wins over what extraction read
    for column in ("agency", "year"):
        given = f"{column}_manifest"
        if given in reports.columns:
            reports[column] = reports[given].where(reports[given].notna(), reports[column])
    inferred = reports["agency"].map(lambda a: agency_type(a, config))
    if "agency_type" in reports.columns:
        reports["agency_type_source"] = reports["agency_type"].notna().map({True: "manifest", False: "name"})
        reports["agency_type"] = reports["agency_type"].where(reports["agency_type"].notna(), inferred)
    else:
        reports["agency_type"], reports["agency_type_source"] = inferred, "name"
    reports["agency_key"] = reports["agency"].map(agency_key)
    reports["year"] = pd.to_numeric(reports["year"], errors="coerce").astype("Int64")
    return reports.reset_index(drop=True)


def narratives(run: RunTables, reports: pd.DataFrame, config: AuditConfig) -> dict[str, Narrative]:
    """Each report's prose in the narrative parts (all its prose when no part was recognised)."""
    paragraphs = run.paragraphs[(run.paragraphs["kind"] == "prose")
                                & run.paragraphs["report_id"].isin(set(reports["report_id"]))].copy()
    paragraphs["part"] = paragraph_parts(paragraphs, section_parts(run.sections, run.reports, config))
    info = reports.set_index("report_id")
    out = {}
    for rid, group in paragraphs.groupby("report_id", sort=True):
        chosen = group[group["part"].isin(config.narrative_parts)]
        if group["part"].isna().all():
            chosen = group
        row = info.loc[rid]
        year = "" if pd.isna(row["year"]) else f" {row['year']}"
        out[str(rid)] = Narrative(
            str(rid), row["agency_key"], f"{row['agency'] or '?'}{year}",
            tuple(Passage(p, part if isinstance(part, str) else None, t)
                  for p, part, t in zip(chosen["paragraph_id"], chosen["part"], chosen["text"])),
            (row["agency"],) if isinstance(row["agency"], str) else ())
    return out


def _problem_paragraphs(run: RunTables, reports: pd.DataFrame, config: AuditConfig) -> dict[str, list]:
    paragraphs = run.paragraphs[(run.paragraphs["kind"] == "prose")
                                & run.paragraphs["report_id"].isin(set(reports["report_id"]))].copy()
    paragraphs["part"] = paragraph_parts(paragraphs, section_parts(run.sections, run.reports, config))
    out: dict[str, list[ProblemParagraph]] = {}
    for rid, pid, text, labels, scores, part in zip(
            paragraphs["report_id"], paragraphs["paragraph_id"], paragraphs["text"], paragraphs["labels"],
            paragraphs["label_scores"], paragraphs["part"]):
        labels = None if labels is None or isinstance(labels, float) else list(labels)  # NaN: not labelled
        confidence = issue_confidence(labels, scores, part == "problems")
        if confidence is not None and confidence >= config.issue_confidence:
            out.setdefault(rid, []).append(ProblemParagraph(pid, text, confidence))
    return out


def audit(run: RunTables, previous: RunTables | None = None, *, config: AuditConfig | None = None) -> AuditResult:
    """Findings and indicators of every report of ``run``; ``previous`` (an earlier run) only supplies
    last year's reports to compare with."""
    config = config or audit_config()
    reports = panel(run, config)
    findings: list[Finding] = []
    cells_by_report = dict(tuple(run.cells.groupby("report_id", sort=False)))
    empty_cells = run.cells.iloc[0:0]
    parts = section_parts(run.sections[run.sections["level"] == 1], run.reports, config)
    found = parts.dropna(subset=["part"]).groupby("report_id")["part"].agg(set).to_dict()
    for row in reports.itertuples(index=False):
        rid = row.report_id
        year = None if pd.isna(row.year) else int(row.year)
        findings.append(edition_finding(rid, year, row.edition, row.edition_evidence, config))
        edition = row.edition or _edition_of(year, config)
        findings.extend(part_findings(rid, edition, found.get(rid, set()), config))
        findings.extend(table_findings(rid, edition, cells_by_report.get(rid, empty_cells), config))
        findings.append(timeliness_finding(rid, year=year, published=row.published_date, kind=row.agency_type,
                                           kind_source=row.agency_type_source, config=config))

    everything = run if previous is None else _union(run, previous)
    all_reports = reports if previous is None else pd.concat([reports, panel(previous, config)], ignore_index=True)
    last_year = {rid: prev for rid, prev in previous_reports(all_reports).items() if rid in set(reports["report_id"])}
    values = cell_values(everything.cells)
    for rid, prev in sorted(last_year.items()):
        this, last = values.get(rid, {}), values.get(prev, {})
        findings.extend(carry_over_findings(rid, prev, this, last))
        findings.extend(in_force_findings(rid, prev, this, last))

    copies = CopyAudit(config.copying).fit(narratives(everything, all_reports, config).values())
    findings.extend(copies.previous(last_year))
    findings.extend(copies.corpus(reports["report_id"]))

    problems = _problem_paragraphs(run, reports, config)
    findings.extend(specificity_finding(rid, problems.get(rid, []), config) for rid in reports["report_id"])

    findings.sort(key=lambda f: (f.report_id, f.rule))
    passages = pa.Table.from_pylist([vars(m) for m in copies.matches_], schema=PASSAGES_SCHEMA)
    current = run.cells[run.cells["report_id"].isin(set(reports["report_id"]))]
    return AuditResult(findings_table(findings), indicators(current, config), passages)


def _edition_of(year: int | None, config: AuditConfig) -> str:
    return expected_edition(year, config) or "legacy"


def _union(run: RunTables, previous: RunTables) -> RunTables:
    tables = {name: pd.concat([getattr(run, name), getattr(previous, name)], ignore_index=True)
              .drop_duplicates(subset=_KEYS[name]) for name in _KEYS}
    return RunTables(**tables, checks=run.checks, manifest=run.manifest)


_KEYS = {"reports": ["report_id"], "sections": ["report_id", "section_id"],
         "paragraphs": ["report_id", "paragraph_id"], "cells": ["report_id", "key"]}
