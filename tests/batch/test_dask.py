"""The same job on a real Dask LocalCluster (scheduler and worker processes) gives the same outputs."""
from __future__ import annotations

from pipeline.batch import BatchOptions, run

from .conftest import read_outputs


def test_dask_local_cluster_gives_the_outputs_of_a_local_run(small_corpus, tmp_path):
    local = run([small_corpus], tmp_path / "local", options=BatchOptions(workers=1, chunk_size=4, jsonl=True))
    on_dask = run([small_corpus], tmp_path / "dask", options=BatchOptions(workers=2, chunk_size=4, jsonl=True, dask="local"))
    assert on_dask.totals == local.totals == {"ok": 12}
    assert read_outputs(on_dask.outputs.out) == read_outputs(local.outputs.out)
    for name, path in on_dask.outputs.jsonl.items():
        assert path.read_text(encoding="utf-8") == local.outputs.jsonl[name].read_text(encoding="utf-8"), name


def test_worker_settings_reach_the_processes_a_local_cluster_starts():
    import dask
    from distributed.nanny import _get_env_variables

    from pipeline.batch.distributed import worker_settings

    settings = worker_settings()
    assert settings["distributed.worker.profile.enabled"] is False
    assert settings["distributed.worker.multiprocessing-method"] == "forkserver"
    with dask.config.set(settings):
        environment = _get_env_variables("distributed.nanny.pre-spawn-environ")
        assert "MALLOC_TRIM_THRESHOLD_" not in environment
        assert environment["OMP_NUM_THREADS"] == "1"  # Dask's other defaults stay
        assert dask.config.get("distributed.admin.system-monitor.gil.enabled") is False
    assert "MALLOC_TRIM_THRESHOLD_" in _get_env_variables("distributed.nanny.pre-spawn-environ")
