"""The data dictionary written with every run (``DIR/README.md``): tables, columns, views, totals."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..configs import load_toml
from ..errors import ConfigError, Errors
from ..tidy import SCHEMA_VERSION, SCHEMAS
from .compact import DATABASE
from .manifest import MANIFEST_SCHEMA

STATUS_ORDER = ("ok", "not_a_report", "needs_ocr", "unsupported", "failed", "duplicate")


def table_docs() -> dict[str, dict]:
    """Descriptions of every output table and column, checked against the schemas they describe."""
    docs = load_toml("batch", "dictionary.toml")
    path = Path("batch") / "dictionary.toml"
    for name, schema in {"manifest": MANIFEST_SCHEMA, **SCHEMAS}.items():
        described = set(docs.get(name, {}).get("columns", {}))
        missing = [c for c in schema.names if c not in described]
        extra = described - set(schema.names)
        if missing or extra:
            raise ConfigError(Errors.E021, path=path, entry=name,
                              reason=f"columns without description {missing}, descriptions without column {sorted(extra)}")
    return docs


def render_readme(totals: Mapping[str, int]) -> str:
    docs = table_docs()
    views = load_toml("batch", "views.toml")["view"]
    lines = [
        "# gongkai batch outputs",
        "",
        f"Tidy tables ({SCHEMA_VERSION}), joinable on `report_id` (sha256 of a file's bytes, 20 hex digits).",
        "",
        "## Files",
        "",
        "- `manifest.parquet`: one row per input file and what became of it.",
        "- `<table>/year=YYYY/data_0.parquet`: each table, partitioned by the report's year "
        "(`year=__HIVE_DEFAULT_PARTITION__` when unknown), rows in input order. Read a whole table with "
        "`pyarrow.parquet.read_table('cells')` or `read_parquet('cells/**/*.parquet', hive_partitioning=true)` in DuckDB.",
        f"- `{DATABASE}`: the same tables (and `manifest`) in one DuckDB database, with the views below.",
        "- `jsonl/<table>.jsonl`: the same rows as JSON lines, when the run was asked for them (`--jsonl`).",
        "- `.work/`: the run's work log (part files per chunk); it makes a rerun resume. Delete it once the run is final.",
        "",
        "## Totals",
        "",
        "| status | files |",
        "|---|---|",
    ]
    lines += [f"| {s} | {totals.get(s, 0)} |" for s in STATUS_ORDER]
    lines += [f"| total | {sum(totals.values())} |", "", "## Views (in the DuckDB database)", ""]
    lines += [f"- `{v['id']}`: {v['reason']}" for v in views]
    for name in ("manifest", *SCHEMAS):
        lines += ["", f"## `{name}`", "", docs[name]["about"], "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {meaning} |" for column, meaning in docs[name]["columns"].items()]
    lines += ["", "Child tables also carry `year` (the report's year) as their partition column.", ""]
    return "\n".join(lines)
