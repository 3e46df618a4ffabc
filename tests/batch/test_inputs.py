from __future__ import annotations

import json

import pytest

from pipeline.batch.inputs import iter_inputs
from pipeline.errors import GongkaiError


def _touch(path, text="x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_walk_takes_report_and_office_files_in_sorted_order(tmp_path):
    for name in ("b/2.html", "a/1.txt", "a/3.PDF", "c.docx", "d.doc", "e.wps", "notes.json", "img.png", ".hidden/x.txt"):
        _touch(tmp_path / name)
    found = [f.path for f in iter_inputs([tmp_path])]
    assert found == [str(tmp_path / n) for n in ("c.docx", "d.doc", "e.wps", "a/1.txt", "a/3.PDF", "b/2.html")]


def test_glob_and_single_file_inputs_keep_the_order_given(tmp_path):
    for name in ("x/1.txt", "x/2.txt", "y/3.html"):
        _touch(tmp_path / name)
    found = [f.path for f in iter_inputs([tmp_path / "y" / "3.html", str(tmp_path / "x" / "*.txt")])]
    assert found == [str(tmp_path / "y/3.html"), str(tmp_path / "x/1.txt"), str(tmp_path / "x/2.txt")]


def test_csv_manifest_gives_paths_relative_to_itself_and_metadata(tmp_path):
    _touch(tmp_path / "r/1.txt")
    manifest = _touch(tmp_path / "list.csv", "path,agency,year,url,batch\nr/1.txt,某局,2021,http://x,7\n")
    (entry,) = iter_inputs([manifest])
    assert entry.path == str(tmp_path / "r/1.txt")
    assert entry.given == {"agency": "某局", "year": "2021", "url": "http://x", "batch": "7"}


def test_jsonl_manifest_without_path_names_the_line(tmp_path):
    manifest = _touch(tmp_path / "list.jsonl", json.dumps({"path": "a.txt"}) + "\n" + json.dumps({"agency": "x"}) + "\n")
    with pytest.raises(GongkaiError) as e:
        list(iter_inputs([manifest]))
    assert e.value.code == "E104" and "line 2" in str(e.value)


def test_missing_input_is_an_error_not_an_empty_run(tmp_path):
    with pytest.raises(GongkaiError) as e:
        list(iter_inputs([tmp_path / "nope"]))
    assert e.value.code == "E103"
