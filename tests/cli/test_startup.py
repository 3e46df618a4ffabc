"""Start-up: `gongkai` loads a command's libraries only when that command runs, and `gongkai batch`
starts its workers' server before loading its own (see pipeline/batch/forkserver.py)."""
import json
import subprocess
import sys

from typer.testing import CliRunner

from pipeline.cli import synth as synth_cli
from pipeline.cli.main import app
from pipeline.synth import forms

HEAVY = ("pipeline.extract", "pipeline.labels", "pipeline.figures", "pipeline.synth", "pipeline.batch.driver",
         "pipeline.batch.worker", "duckdb", "pyarrow", "numpy", "pandas", "docx", "reportlab", "rjieba")


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement``."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout))


def test_the_command_line_starts_without_the_pipeline_libraries():
    loaded = loaded_after("import pipeline.cli.main")
    assert "pipeline.cli.batch" in loaded
    assert sorted(loaded & set(HEAVY)) == []


def test_the_forkserver_module_loads_nothing_of_the_pipeline():
    loaded = loaded_after("import pipeline.batch.forkserver")
    assert sorted(loaded & set(HEAVY)) == []


def test_the_batch_driver_schedules_and_compacts_without_the_pipeline_libraries():
    loaded = loaded_after("import pipeline.batch.driver, pipeline.batch.local, pipeline.batch.distributed")
    assert sorted(loaded & {"pipeline.extract", "pipeline.labels", "pipeline.figures", "pipeline.batch.worker",
                            "rjieba", "pandas"}) == []


def test_the_batch_api_names_load_on_first_use():
    import pipeline.batch
    from pipeline.batch import driver

    assert pipeline.batch.run is driver.run
    assert pipeline.batch.BatchOptions is driver.BatchOptions


def test_the_preload_leaves_workers_warm_and_frozen():
    code = ("import gc, sys\nimport pipeline.batch.preload\nfrom pipeline.labels import load_labeler\n"
            "from pipeline.figures import _finder\n"
            "print(load_labeler.cache_info().currsize, _finder.cache_info().currsize, 'pandas' in sys.modules,"
            " gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "1", "True", "True"]


def test_synth_options_spell_out_the_writers_of_pipeline_synth_forms():
    assert synth_cli.FORMS == tuple(forms.WRITERS)
    assert synth_cli.DEFAULT_FORMS == ",".join(forms.DEFAULT_FORMS)


def test_label_commands_name_the_bundled_model_as_default():
    help_text = CliRunner().invoke(app, ["label", "--help"], terminal_width=200).output
    assert "models/labeler (bundled)" in help_text
