"""Import: report files, `extract` JSON Lines and `batch` folders give the same paragraphs to review."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.extract import extract
from pipeline.review import ReviewStore, import_sources


def paragraphs(db: Path) -> dict[tuple[str, str], tuple]:
    """Paragraphs by (report source file name, paragraph id), with what the reviewer is shown."""
    with ReviewStore(db).connect() as conn:
        rows = conn.execute("SELECT r.source, p.paragraph_id, p.text, p.labels, p.figures, p.margin, p.contradiction "
                            "FROM paragraphs p JOIN reports r USING (report_id)").fetchall()
    return {(Path(r[0]).name, r[1]): (r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows}


def test_extract_jsonl_imports_the_same_paragraphs_as_the_report_files(imported, tmp_path):
    reports = sorted((imported.db.parent / "reports").glob("*.txt"))
    run_jsonl = tmp_path / "run.jsonl"
    run_jsonl.write_text("".join(json.dumps(extract(p, name=str(p)).to_dict(), ensure_ascii=False) + "\n"
                                 for p in reports), encoding="utf-8")
    outcomes = import_sources(tmp_path / "from_jsonl.sqlite", [run_jsonl])
    assert [(o.reports, o.error) for o in outcomes] == [(len(reports), None)]
    assert paragraphs(tmp_path / "from_jsonl.sqlite") == paragraphs(imported.db)


def test_batch_folder_imports_the_same_paragraphs_as_the_report_files(imported, tmp_path):
    from pipeline.batch import BatchOptions, run

    run([imported.db.parent / "reports"], tmp_path / "batch", options=BatchOptions(workers=1))
    outcomes = import_sources(tmp_path / "from_batch.sqlite", [tmp_path / "batch"])
    assert outcomes[0].error is None
    assert paragraphs(tmp_path / "from_batch.sqlite") == paragraphs(imported.db)


def test_a_bad_source_is_reported_and_the_others_still_import(imported, tmp_path):
    not_batch = tmp_path / "folder"
    not_batch.mkdir()
    good = sorted((imported.db.parent / "reports").glob("*.txt"))[0]
    outcomes = import_sources(tmp_path / "db.sqlite", [tmp_path / "missing.txt", not_batch, good])
    assert [o.error.code if o.error else None for o in outcomes] == ["E001", "E077", None]
    assert outcomes[2].paragraphs > 0


def test_contradicted_prose_figures_are_queued_with_their_table_cells(tmp_path):
    from pipeline.synth import generate

    synthetic = next(generate(1, seed=1, forms=("txt",)))  # its prose states the count of new applications
    report = extract(synthetic.content, name=synthetic.filename)
    checked = []
    for check in (c for c in report.checks if c.rule.startswith("prose.") and c.status == "pass"):
        said = re.search(r"prose '([^']+)'", check.message).group(1)
        checked += [(check, p, f) for p in report.paragraphs for f in p.figures if f.text == said and f.unit]
    check, paragraph, figure = checked[0]
    said = figure.text
    at = paragraph.start + figure.start
    assert report.text[at:at + len(said)] == said
    wrong = tmp_path / "contradicted.txt"  # the prose now says 1000 more than the table
    wrong.write_text(report.text[:at] + str(int(figure.value) + 1000) + figure.unit + report.text[at + len(said):],
                     encoding="utf-8")
    import_sources(tmp_path / "db.sqlite", [wrong])
    with ReviewStore(tmp_path / "db.sqlite").connect() as conn:
        flagged = [k for (k,) in conn.execute("SELECT key FROM paragraphs WHERE contradiction = 1")]
        tied = conn.execute("SELECT paragraph_key, cells FROM figure_checks WHERE status = 'fail'").fetchall()
    assert flagged == [f"{flagged[0].split(':')[0]}:{paragraph.id}"]
    assert tied[0][0] == flagged[0] and list(check.cells) == json.loads(tied[0][1])
