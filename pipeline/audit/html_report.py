"""``gongkai report``: one self-contained HTML file over an audited run (charts, sortable tables,
every finding linked to the report text it is about)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import pandas as pd

from ..errors import Errors, InputError
from ..tidy import SCHEMAS
from . import charts
from .auditor import PASSAGES_SCHEMA, panel
from .config import audit_config
from .indicators import SCHEMA as INDICATORS_SCHEMA
from .tables import RunTables, _read_file, load_run

RATES = ("disclosure_rate", "refusal_rate", "backlog_rate", "dispute_rate")
MAX_FINDINGS = 1500  # rows of the findings table
MAX_TEXTS = 150  # reports whose text the file carries
MAX_ROWS = 2000  # rows of the per-report indicator table


@dataclass(frozen=True)
class ReportLimits:
    findings: int = MAX_FINDINGS
    texts: int = MAX_TEXTS
    rows: int = MAX_ROWS


def _all_rows(folder: Path, schema) -> pd.DataFrame:
    files = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    if not files:
        return schema.empty_table().to_pandas()
    return pd.concat([_read_file(p, schema).to_pandas() for p in files], ignore_index=True)


def _pooled(indicators: pd.DataFrame, by: pd.Series, names: tuple[str, ...]) -> pd.DataFrame:
    """Rates pooled over a group: sum of numerators over sum of denominators (not a mean of ratios)."""
    rows = indicators[indicators["indicator"].isin(names)].assign(group=lambda d: d["report_id"].map(by))
    rows = rows.dropna(subset=["group", "denominator"])
    sums = rows.groupby(["group", "indicator"])[["numerator", "denominator"]].sum()
    rate = (sums["numerator"] / sums["denominator"].where(sums["denominator"] > 0)).unstack("indicator")
    return rate.reindex(columns=[n for n in names if n in rate.columns])


def _charts(run: RunTables, info: pd.DataFrame, checks: pd.DataFrame, indicators: pd.DataFrame) -> list[dict]:
    year = info.set_index("report_id")["year"]
    out = []
    volumes = (indicators[indicators["indicator"].isin(["new_received", "handled_total"])]
               .assign(year=lambda d: d["report_id"].map(year)).dropna(subset=["year"])
               .pivot_table(index="year", columns="indicator", values="numerator", aggfunc="sum"))
    out.append({"id": "volumes", "title": "Applications by year",
                "svg": charts.grouped(volumes, title="Applications received and handled, by report year",
                                      ylabel="applications")})
    out.append({"id": "rates-year", "title": "Rates by year",
                "svg": charts.grouped(_pooled(indicators, year, RATES), kind="line",
                                      title="Pooled rates by report year", ylabel="share")})
    for column, title in (("level", "agency level"), ("agency_type", "agency type"),
                          ("region_code", "region"), ("region", "region")):
        if column in info.columns and info[column].notna().any():
            groups = info.set_index("report_id")[column]
            out.append({"id": f"rates-{column}", "title": f"Rates by {title}",
                        "svg": charts.grouped(_pooled(indicators, groups, RATES[:3]),
                                              title=f"Pooled rates by {title}", ylabel="share")})
    reasons = indicators[indicators["indicator"].str.startswith("reason_share.")
                         & ~indicators["indicator"].isin(["reason_share.granted", "reason_share.partially_granted"])]
    top = reasons.groupby("indicator")["numerator"].sum().sort_values(ascending=False).head(12)
    top = top[top > 0].rename(lambda s: s.removeprefix("reason_share."))
    out.append({"id": "reasons", "title": "Refusal and non-disclosure reasons",
                "svg": charts.bars(top, title="Most common reasons for not disclosing", xlabel="applications")})
    fails = checks[checks["status"] == "fail"]["rule"].value_counts().head(20)
    out.append({"id": "failures", "title": "Check failures by rule",
                "svg": charts.bars(fails, title="Failed checks by rule (batch and audit)", xlabel="reports")})
    copies = checks[checks["rule"].str.startswith("audit.copying.")].merge(info[["report_id", "agency"]],
                                                                           on="report_id")
    top_copied = copies.groupby("agency")["left"].max().sort_values(ascending=False).head(15).dropna()
    out.append({"id": "copying", "title": "Agencies with the most copied text",
                "svg": charts.bars(top_copied, title="Highest narrative similarity per agency",
                                   xlabel="Jaccard similarity")})
    labels = run.paragraphs[["report_id", "labels"]].explode("labels").dropna()
    labels["year"] = labels["report_id"].map(year)
    shares = pd.crosstab(labels["year"], labels["labels"], normalize="index") if not labels.empty else pd.DataFrame()
    out.append({"id": "labels", "title": "Paragraph labels over the years",
                "svg": charts.grouped(shares, kind="bar", stacked=True, title="Share of paragraphs by label",
                                      ylabel="share")})
    return [c for c in out if c["svg"]]


def _links(row: pd.Series, shown: set[str]) -> list[dict]:
    """Where a finding points in the report text: the report, and each paragraph its cells name."""
    rid = row["report_id"]
    links = [{"href": f"#r-{rid}", "text": "text"}] if rid in shown else []
    for ref in row["cells"] if row["cells"] is not None else []:
        mine, sep, theirs = str(ref).partition("~")
        if sep and rid in shown:
            links.append({"href": f"#r-{rid}-{mine}", "text": mine})
            other = str(row["cells"][0])
            if other in shown:
                links.append({"href": f"#r-{other}-{theirs}", "text": f"other {theirs}"})
        elif ref in shown and ref != rid:
            links.append({"href": f"#r-{ref}", "text": "other report"})
    return links


def build_report(run_dir: Path, *, limits: ReportLimits = ReportLimits()) -> str:
    """The HTML text of the report on an audited run folder."""
    run_dir = Path(run_dir)
    if not (run_dir / "indicators").is_dir():
        raise InputError(Errors.E090, path=run_dir, reason="no indicators/: run `gongkai audit` on it first")
    run = load_run(run_dir)
    checks = _all_rows(run_dir / "checks", SCHEMAS["checks"])
    indicators = _all_rows(run_dir / "indicators", INDICATORS_SCHEMA)
    passages = _all_rows(run_dir / "audit_passages", PASSAGES_SCHEMA)
    info = panel(run, audit_config())
    meta = info.set_index("report_id")

    shown_findings = checks[(checks["status"] == "fail")].copy()
    shown_findings["audit"] = shown_findings["rule"].str.startswith("audit.")
    shown_findings = shown_findings.sort_values(["audit", "rule", "report_id"], ascending=[False, True, True])
    shown_findings = shown_findings.head(limits.findings)
    order = list(dict.fromkeys(shown_findings["report_id"]))
    others = [str(c[0]) for r, c in zip(shown_findings["rule"], shown_findings["cells"])
              if r.startswith("audit.copying.") and c is not None and len(c)]
    texts = list(dict.fromkeys(order[: limits.texts] + [o for o in others if o in meta.index]))
    shown = set(texts)

    def describe(rid: str) -> dict:
        row = meta.loc[rid] if rid in meta.index else None
        return {"agency": None if row is None else row["agency"],
                "year": None if row is None or pd.isna(row["year"]) else int(row["year"]),
                "source": None if row is None else row["source"]}

    findings = [{**describe(r["report_id"]), "report_id": r["report_id"], "rule": r["rule"],
                 "status": r["status"], "message": r["message"],
                 "difference": None if pd.isna(r["difference"]) else round(float(r["difference"]), 3),
                 "links": _links(r, shown)} for _, r in shown_findings.iterrows()]
    wide = indicators.pivot_table(index="report_id", columns="indicator", values="value", aggfunc="first")
    table = []
    for rid in list(wide.index)[: limits.rows]:
        values = wide.loc[rid]
        table.append({**describe(rid), "report_id": rid,
                      "agency_type": meta.loc[rid, "agency_type"] if rid in meta.index else None,
                      "values": [None if pd.isna(values.get(k)) else round(float(values.get(k)), 3)
                                 for k in ("new_received", "handled_total", *RATES)]})
    paragraphs = run.paragraphs[run.paragraphs["report_id"].isin(shown)]
    by_report = {rid: g for rid, g in paragraphs.groupby("report_id", sort=False)}
    copied = set(zip(passages["report_id"], passages["paragraph_id"])) | set(
        zip(passages["other_report_id"], passages["other_paragraph_id"]))
    report_texts = [{**describe(rid), "report_id": rid,
                     "paragraphs": [{"id": p, "heading": h, "text": t, "copied": (rid, p) in copied}
                                    for p, h, t in zip(g["paragraph_id"], g["heading"], g["text"])]}
                    for rid in texts if (g := by_report.get(rid)) is not None]
    counts = checks[checks["rule"].str.startswith("audit.")].groupby("status").size().to_dict()
    env = jinja2.Environment(loader=jinja2.PackageLoader("pipeline.audit", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    return env.get_template("report.html.j2").render(
        run_dir=str(run_dir), generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        n_reports=len(info), counts=counts, charts=_charts(run, info, checks, indicators),
        findings=findings, n_fail=int((checks["status"] == "fail").sum()), limits=limits,
        indicator_columns=("new_received", "handled_total", *RATES), indicator_rows=table,
        n_indicator_reports=len(wide), texts=report_texts)


def write_report(run_dir: Path, out: Path, *, limits: ReportLimits = ReportLimits()) -> Path:
    out = Path(out)
    out.write_text(build_report(run_dir, limits=limits), encoding="utf-8")
    return out
