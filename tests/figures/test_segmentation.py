"""Items are tagged with rjieba: the figures stage never loads Python jieba (~100 MB per worker) or spaCy."""
import subprocess
import sys

SCRIPT = """
import sys
from pipeline.figures import find_figures
figures = find_figures("本年度主动公开政府信息668条,其中发布工作概况30条。")
assert [f.item for f in figures] == ["政府信息", "工作概况"], figures
print(sorted({"jieba", "spacy"} & set(sys.modules)))
"""


def test_find_figures_runs_without_python_jieba_or_spacy():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
