"""Rule by rule: timeliness, parts, edition, cross-year, specificity, indicators, copying."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipeline.audit.completeness import edition_finding, table_findings
from pipeline.audit.config import audit_config
from pipeline.audit.copying import CopyAudit, Narrative, Passage
from pipeline.audit.cross_year import carry_over_findings, in_force_findings
from pipeline.audit.indicators import indicator_rows
from pipeline.audit.parts import part_of_heading
from pipeline.audit.specificity import ProblemParagraph, specificity_finding
from pipeline.audit.timeliness import agency_type, timeliness_finding

CASES = Path(__file__).parent / "cases"
CONFIG = audit_config()


@pytest.mark.parametrize("case", json.loads((CASES / "timeliness.json").read_text(encoding="utf-8")),
                         ids=lambda c: f"{c['agency']}-{c['year']}-{c['published']}")
def test_timeliness_counts_days_against_the_deadline_of_the_agency_type(case):
    kind = agency_type(case["agency"], CONFIG)
    assert kind == case["type"]
    f = timeliness_finding("r", year=case["year"], published=case["published"], kind=kind, kind_source="name",
                           config=CONFIG)
    assert (f.status, f.difference) == (case["status"], case["late"])


def test_timeliness_agency_type_from_the_manifest_changes_the_deadline():
    as_department = timeliness_finding("r", year=2022, published="2023-03-01", kind="department",
                                       kind_source="manifest", config=CONFIG)
    as_government = timeliness_finding("r", year=2022, published="2023-03-01", kind="government",
                                       kind_source="manifest", config=CONFIG)
    assert (as_department.status, as_government.status) == ("fail", "pass")
    assert "manifest" in as_department.message


@pytest.mark.parametrize("heading,edition,part", json.loads((CASES / "parts.json").read_text(encoding="utf-8")))
def test_level_one_headings_name_their_statutory_part(heading, edition, part):
    assert part_of_heading(heading, edition, CONFIG) == part


@pytest.mark.parametrize("year,edition,status", [(2020, "2019", "pass"), (2021, "2019", "fail"),
                                                 (2019, "2021", "fail"), (2023, "2021", "pass"),
                                                 (2015, "legacy", "pass"), (None, "2021", "uncertain")])
def test_edition_must_match_the_report_year(year, edition, status):
    assert edition_finding("r", year, edition, None, CONFIG).status == status


def _cells(values: dict[str, float | None], semantics: dict[str, str] | None = None) -> pd.DataFrame:
    rows = [{"key": k, "table": k.split(".")[0], "value": v,
             "semantics": (semantics or {}).get(k, "blank" if v is None else "number")} for k, v in values.items()]
    return pd.DataFrame(rows)


def test_blank_cells_are_reported_apart_from_zeros_and_a_missing_row_fails():
    keys = [f"review.{g}.{o}" for g in ("reconsideration", "litigation_direct", "litigation_after")
            for o in ("upheld", "corrected", "other", "pending", "total")]
    values = dict.fromkeys(keys, 0.0) | {"review.reconsideration.upheld": None}
    found = {f.rule: f for f in table_findings("r", "2021", _cells(values), CONFIG)}
    assert found["audit.completeness.table.review"].status == "pass"
    blank = found["audit.completeness.blank.review"]
    assert (blank.status, blank.left, blank.right, blank.cells) == ("uncertain", 1, 14, ("review.reconsideration.upheld",))
    del values["review.litigation_after.total"]
    found = {f.rule: f for f in table_findings("r", "2021", _cells(values), CONFIG)}
    assert found["audit.completeness.table.review"].status == "fail"
    assert found["audit.completeness.table.review"].cells == ("review.litigation_after.total",)
    assert found["audit.completeness.table.active"].status == "fail"  # no active table at all


def test_carry_over_compares_last_years_forward_with_this_years_over_per_column():
    last = {"applications.carried_forward.total": 3.0, "applications.carried_forward.commercial": 1.0}
    this = {"applications.carried_over.total": 3.0, "applications.carried_over.commercial": 2.0}
    found = {f.rule: f for f in carry_over_findings("now", "before", this, last)}
    assert found["audit.cross_year.carry_over.total"].status == "pass"
    assert (found["audit.cross_year.carry_over.commercial"].status,
            found["audit.cross_year.carry_over.commercial"].difference) == ("fail", 1.0)
    assert found["audit.cross_year.carry_over.research"].status == "uncertain"


def test_in_force_drift_is_soft_never_a_failure():
    last = {"active.regulations.in_force": 10.0}
    this = {"active.regulations.in_force": 9.0, "active.regulations.issued": 2.0, "active.regulations.repealed": 1.0}
    (f,) = in_force_findings("now", "before", this, last)
    assert (f.rule, f.status, f.right, f.difference) == ("audit.cross_year.in_force.regulations", "uncertain", 11.0, -2.0)
    this["active.regulations.in_force"] = 11.0
    assert next(in_force_findings("now", "before", this, last)).status == "pass"


def test_specificity_scores_generic_against_concrete_problems():
    generic = [ProblemParagraph("p1", "一是公开内容的深度和广度还不够;二是工作人员业务水平有待提升。", 0.9)]
    concrete = [ProblemParagraph("p1", "一是“政策解读”栏目有3个月未更新;二是全年超期答复2件,被复议机关纠错1件。", 0.9)]
    g, c = specificity_finding("r", generic, CONFIG), specificity_finding("r", concrete, CONFIG)
    assert (g.status, g.left) == ("uncertain", 0.0) and "to_improve" in g.message
    assert (c.status, c.left) == ("pass", 1.0)
    assert specificity_finding("r", [], CONFIG).status == "uncertain"


def test_indicators_keep_numerator_and_denominator_and_flag_small_bases():
    values = {"applications.granted.total": 10.0, "applications.partially_granted.total": 2.0,
              "applications.handled_total.total": 20.0, "applications.denied.state_secret.total": 1.0,
              "applications.denied.third_party.total": None, "applications.unavailable.not_held.total": 4.0,
              "review.reconsideration.total": 5.0, "review.reconsideration.pending": 1.0,
              "review.reconsideration.corrected": 2.0}
    rows = {r["indicator"]: r for r in indicator_rows("r", values, CONFIG.indicators, CONFIG.small_denominator)}
    assert (rows["disclosure_rate"]["numerator"], rows["disclosure_rate"]["denominator"],
            rows["disclosure_rate"]["value"]) == (12.0, 20.0, 0.6)
    assert rows["disclosure_rate"]["small_denominator"]
    assert (rows["refusal_rate"]["numerator"], rows["refusal_rate"]["blank_cells"]) == (1.0, 1)
    assert rows["statutory_to_practical"]["value"] == 0.25
    assert rows["correction_rate.reconsideration"]["denominator"] == 4.0
    assert "dispute_rate" in rows and rows["dispute_rate"]["value"] is None  # no new_received cell
    assert "correction_rate.litigation" not in rows


def _text(rng: np.random.Generator, n: int) -> str:
    return "".join(chr(c) for c in rng.integers(0x4E00, 0x4E00 + 400, size=n))


def test_copy_detection_finds_a_copy_across_agencies_by_lsh_and_ignores_the_same_agency():
    rng = np.random.default_rng(0)
    narratives = [Narrative(f"r{i}", f"a{i}", f"a{i}", (Passage("p1", "overview", _text(rng, 600)),))
                  for i in range(200)]
    source = narratives[7].passages[0].text
    narratives.append(Narrative("copy", "a-copy", "copy", (Passage("p1", "overview", source[:580] + "新的一句话。"),)))
    narratives.append(Narrative("same", "a7", "a7 later", (Passage("p1", "overview", source),)))
    copies = CopyAudit(CONFIG.copying).fit(narratives)
    found = {f.report_id: f for f in copies.corpus([n.report_id for n in narratives])}
    # "same" is agency a7's own later report: a copy of r7 for the corpus rule only through "copy"
    assert {r for r, f in found.items() if f.status == "fail"} == {"copy", "r7", "same"}
    assert found["r7"].cells[0] == "copy" and found["same"].cells[0] == "copy"
    assert copies.matches_ and copies.matches_[0].paragraph_id == "p1"
