"""Report series with planted defects: the same agencies over consecutive years.

Between years the tables carry over as the law requires (last year's
``carried_forward`` is this year's ``carried_over``, ``in_force`` moves by
``issued - repealed``) and every report is published on time.  Then chosen
reports get one defect each, recorded in ``expected["series"]`` together
with the audit findings it must cause, so that a test can demand that the
audit finds every planted defect and nothing else.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

from ..errors import Errors, GongkaiError
from . import tables as grids
from . import values
from .agency import Agency, make_agency, write_date
from .checks import expected_checks
from .compose import PARTS_2019, Style, compose
from .forms import WRITERS
from .layout import PARTS, application_rows, outcome_rows
from .model import Block, Document, Heading, MetaBlock, Paragraph, Signature, SyntheticReport, Table, Title

DEFECTS = ("missing_part", "late", "blank_table", "copied_previous", "copied_other", "broken_carry_over")
# Layouts that keep an empty cell visible, so a blank table stays recoverable.
LAYOUTS = (("txt", "pipe_rows"), ("txt", "cell_lines"), ("html", "paragraphs"), ("html", "br_lines"))
MISSING_PARTS = {4: "problems", 5: "other"}  # index in PARTS_2019 -> audit part id
BLANK_TABLES = ("active", "review")
IN_FORCE_ROWS = ("regulations", "normative_documents")


@dataclass(frozen=True)
class Planted:
    defect: str
    agency: int
    year: int
    detail: dict[str, Any]


@dataclass
class _Year:
    """What a later year needs of an earlier one."""

    numbers: dict[str, float]
    document: Document
    edition: str


def edition_of(year: int) -> str:
    return "2019" if year <= 2020 else "2021"


def plan(rng: Random, n_agencies: int, years: Sequence[int], defects: Mapping[str, int]) -> list[Planted]:
    """Which report of which agency gets which defect: at most one defect per agency, cross-year
    defects never in an agency's first year."""
    unknown = set(defects) - set(DEFECTS)
    if unknown:
        raise GongkaiError(Errors.E050, name="defects", value=sorted(unknown), reason=f"choose among {DEFECTS}")
    wanted = [d for d in DEFECTS for _ in range(defects.get(d, 0))]
    copies_other = defects.get("copied_other", 0)
    if len(wanted) + copies_other > n_agencies or len(years) < 2:
        raise GongkaiError(Errors.E050, name="n_agencies", value=n_agencies,
                           reason=f"{len(wanted) + copies_other} defects need as many agencies, and two years or more")
    agencies = rng.sample(range(n_agencies), len(wanted) + copies_other)
    sources = agencies[len(wanted):]
    planted = []
    for defect, agency in zip(wanted, agencies):
        cross_year = defect in ("copied_previous", "broken_carry_over")
        year = rng.choice(years[1:] if cross_year else years)
        detail: dict[str, Any] = {}
        if defect == "missing_part":
            detail["part"] = rng.choice(sorted(MISSING_PARTS))
        elif defect == "blank_table":
            detail["table"] = rng.choice(BLANK_TABLES)
        elif defect == "broken_carry_over":
            detail["column"], detail["by"] = rng.choice(PARTS), rng.randint(1, 4)
        elif defect == "copied_other":
            detail["source"] = sources.pop()
        planted.append(Planted(defect, agency, year, detail))
    return planted


def expected_failures(planted: Planted) -> list[str]:
    """The audit rules each defect must fail on the defective report."""
    d = planted.defect
    if d == "missing_part":
        return [f"audit.completeness.part.{MISSING_PARTS[planted.detail['part']]}"]
    if d == "late":
        return ["audit.timeliness"]
    if d == "blank_table":
        return [f"audit.completeness.table.{planted.detail['table']}"]
    if d == "copied_previous":
        return ["audit.copying.previous"]
    if d == "copied_other":
        return ["audit.copying.corpus"]
    return [f"audit.cross_year.carry_over.{planted.detail['column']}", "audit.cross_year.carry_over.total"]


def _agencies(seed: int, n: int) -> list[Agency]:
    """``n`` agencies with distinct names (a name is how reports of one agency find each other)."""
    out, names, k = [], set(), 0
    while len(out) < n:
        agency = make_agency(Random(f"{seed}:agency:{k}"), legacy=False)
        k += 1
        if agency.name not in names:
            names.add(agency.name)
            out.append(agency)
    return out


def _numbers(rng: Random, edition: str, last: _Year | None, bump: Mapping[str, int]) -> dict[str, float]:
    """Consistent tables whose carry-over and in-force counts continue last year's."""
    numbers: dict[str, float] = {**values.active(rng, edition), **values.applications(rng, edition),
                                 **values.review(rng)}
    if last is None:
        return numbers
    grid = {}
    for c in PARTS:
        new = numbers[f"applications.new_received.{c}"]
        over = last.numbers[f"applications.carried_forward.{c}"] + bump.get(c, 0)
        forward = min(numbers[f"applications.carried_forward.{c}"], new + over)
        handled = new + over - forward
        grid[c] = {"new_received": new, "carried_over": over, "carried_forward": forward,
                   "handled_total": handled, **values._split(rng, int(handled), outcome_rows(edition))}
    for row in application_rows(edition):
        for c in PARTS:
            numbers[f"applications.{row}.{c}"] = grid[c][row]
        numbers[f"applications.{row}.total"] = sum(grid[c][row] for c in PARTS)
    if edition == "2021" and last.edition == "2021":
        for row in IN_FORCE_ROWS:
            before = last.numbers[f"active.{row}.in_force"]
            issued = numbers[f"active.{row}.issued"]
            repealed = min(numbers[f"active.{row}.repealed"], before + issued)
            numbers[f"active.{row}.repealed"] = repealed
            numbers[f"active.{row}.in_force"] = before + issued - repealed
    return numbers


def _dated(document: Document, meta: dict[str, Any], day: date, rng: Random) -> tuple[Document, dict[str, Any]]:
    """The document written and published on ``day``."""
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, MetaBlock):
            fields = tuple((k, write_date(rng, day) if ("日期" in k) else v) for k, v in block.fields)
            block = MetaBlock(fields, block.style)
        elif isinstance(block, Signature):
            block = Signature(block.agency, write_date(rng, day))
        blocks.append(block)
    meta = {**meta, "written_date": day.isoformat(), "published_date": day.isoformat()}
    return dataclasses.replace(document, blocks=tuple(blocks)), meta


def _without_part(document: Document, index: int) -> Document:
    """The document with level-1 part ``index`` (heading and everything under it) left out."""
    title = PARTS_2019[index]
    names = (title,) if isinstance(title, str) else title
    blocks, skipping = [], False
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            skipping = any(block.text.endswith(n) or n in block.text for n in names)
        if not skipping:
            blocks.append(block)
    return dataclasses.replace(document, blocks=tuple(blocks))


def _copied(source: Document, current: Document, rng: Random, *, replace: Mapping[str, str]) -> Document:
    """``source``'s headings and prose under ``current``'s title, dates and tables, with small edits:
    names and years replaced, and one sentence of ``current`` added."""
    tables = {b.name: b for b in current.blocks if isinstance(b, Table)}
    head = {type(b): b for b in current.blocks if isinstance(b, Title | MetaBlock | Signature)}
    own_sentences = [s for b in current.blocks if isinstance(b, Paragraph) for s in b.text.split("。")
                     if 0 < len(s) <= 40]
    prose_positions = [i for i, b in enumerate(source.blocks) if isinstance(b, Paragraph)]
    edited = rng.choice(prose_positions[1:] or prose_positions)
    blocks: list[Block] = []
    for i, block in enumerate(source.blocks):
        if isinstance(block, Table):
            block = tables.get(block.name, block)
        elif isinstance(block, Title | MetaBlock | Signature):
            block = head.get(type(block), block)
        else:
            text = block.text
            for old, new in replace.items():
                text = text.replace(old, new)
            if i == edited and own_sentences:  # the small edit: one sentence added
                text = text + rng.choice(own_sentences) + "。"
            block = dataclasses.replace(block, text=text)
        blocks.append(block)
    return dataclasses.replace(current, blocks=tuple(blocks))


def _structure(document: Document) -> dict[str, Any]:
    return {"sections": [{"heading": b.text, "level": b.level} for b in document.blocks if isinstance(b, Heading)],
            "paragraph_count": sum(isinstance(b, Paragraph) for b in document.blocks)}


def generate_series(n_agencies: int, *, years: Sequence[int] = (2019, 2020, 2021, 2022, 2023),
                    seed: int = 0, defects: Mapping[str, int] | None = None) -> Iterator[SyntheticReport]:
    """Reports of ``n_agencies`` agencies on each of ``years``, year by year.

    ``defects`` counts the reports that get each defect of :data:`DEFECTS`
    (default: one of each).  ``expected["series"]`` records the agency, the
    year, the planted defects and the audit rules they must fail.
    """
    years = tuple(sorted(years))
    if any(y < 2019 for y in years):
        raise GongkaiError(Errors.E050, name="years", value=years, reason="series start in 2019 or later")
    defects = dict.fromkeys(DEFECTS, 1) if defects is None else defects
    planted = plan(Random(f"{seed}:plan"), n_agencies, years, defects)
    by_report = {(p.agency, p.year): p for p in planted}
    sources = {(p.detail["source"], p.year): p for p in planted if p.defect == "copied_other"}
    agencies = _agencies(seed, n_agencies)
    documents: dict[tuple[int, int], Document] = {}
    last: dict[int, _Year] = {}
    copiers = {p.agency for p in planted if p.defect == "copied_other"}
    for year in years:
        # a report copied from another agency is written after its source
        for k in sorted(range(n_agencies), key=lambda k: k in copiers):
            form, layout = LAYOUTS[k % len(LAYOUTS)]
            rng = Random(f"{seed}:{k}:{year}")
            report, this = _report(rng, k, agencies[k], year, form, layout, last.get(k), by_report.get((k, year)),
                                   source=sources.get((k, year)), documents=documents, agencies=agencies)
            documents[(k, year)] = this.document
            last[k] = this
            yield report


def _report(rng: Random, k: int, agency: Agency, year: int, form: str, layout: str, last: _Year | None,
            defect: Planted | None, *, source: Planted | None, documents: dict[tuple[int, int], Document],
            agencies: list[Agency]) -> tuple[SyntheticReport, _Year]:
    edition = edition_of(year)
    kind = defect.defect if defect else None
    bump = {defect.detail["column"]: defect.detail["by"]} if kind == "broken_carry_over" else {}
    numbers = _numbers(rng, edition, last, bump)
    cells = values.write_cells(rng, numbers, allow_blank=True)
    if kind == "blank_table":
        prefix = defect.detail["table"] + "."
        cells = {key: values.CellValue(None, "") if key.startswith(prefix) else c for key, c in cells.items()}
    tables = {"active": grids.active(rng, cells, edition),
              "applications": grids.applications(rng, cells, edition, subtotal=False),
              "review": grids.review(cells)}
    counts = {row: int(numbers[f"applications.{row}.total"]) for row in ("new_received", "carried_over")}
    style = Style(full_width_punct=rng.random() < 0.4, full_width_digits=False,
                  meta=rng.choice(("pipe", "colon")), signature=rng.random() < 0.4, title_first=True)
    document, structure = compose(rng, edition=edition, year=year, agency=agency, tables=tables,
                                  prose_counts=counts, style=style)
    # on time for every agency type (the earliest deadline is 31 January); late is April or May
    day = date(year + 1, 1, 5) + timedelta(days=rng.randint(0, 23))
    if kind == "late":
        day = date(year + 1, 4, 5) + timedelta(days=rng.randint(0, 45))
    document, meta = _dated(document, structure["meta"], day, rng)
    if kind == "missing_part":
        document = _without_part(document, defect.detail["part"])
    elif kind == "copied_previous":
        document = _copied(documents[(k, year - 1)], document, rng, replace={str(year): str(year + 1),
                                                                              str(year - 1): str(year)})
    elif kind == "copied_other":
        other = agencies[defect.detail["source"]]
        document = _copied(documents[(defect.detail["source"], year)], document, rng,
                           replace={other.name: agency.name})
    planted = [defect] if defect else []
    failures = expected_failures(defect) if defect else []
    if source is not None:  # this report was copied by another agency: it is half of a near-duplicate pair
        failures = [*failures, "audit.copying.corpus"]
    text = WRITERS[form].render(document, rng, layout=layout, encoding="utf-8").text
    expected_tables = {key: c.value for key, c in cells.items()}
    name = f"series-{k:04d}-{year}"
    expected: dict[str, Any] = {
        "name": name, "form": form, "layout": layout, "encoding": "utf-8", "script": "simplified",
        "full_width_digits": False, "meta": meta, "tables": expected_tables,
        "checks": expected_checks(expected_tables, edition), "faults": [], **_structure(document),
        "series": {"agency_index": k, "agency": agency.name, "year": year,
                   "defects": [{"defect": p.defect, **p.detail} for p in planted],
                   "copied_by": None if source is None else source.agency,
                   "audit_failures": sorted(set(failures))},
    }
    report = SyntheticReport(name, form, text.encode("utf-8"), "utf-8", expected)
    return report, _Year(numbers, document, edition)


def write_series(out_dir: Path, n_agencies: int, *, years: Sequence[int] = (2019, 2020, 2021, 2022, 2023),
                 seed: int = 0, defects: Mapping[str, int] | None = None) -> list[Path]:
    """Write a series to ``out_dir`` and each report's expected output to ``out_dir/expected/``."""
    out_dir = Path(out_dir)
    (out_dir / "expected").mkdir(parents=True, exist_ok=True)
    paths = []
    for report in generate_series(n_agencies, years=years, seed=seed, defects=defects):
        path = out_dir / report.filename
        path.write_bytes(report.content)
        (out_dir / "expected" / f"{report.name}.json").write_text(
            json.dumps(report.expected, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
