"""The generator's data files under ``configs/synth/``, loaded and checked once."""
from __future__ import annotations

from functools import cache
from typing import Any

from ..configs import config_path, load_toml
from ..errors import ConfigError, Errors

FILES = {"agencies": "gongkai.synth.agencies.v1", "phrases": "gongkai.synth.phrases.v1",
         "tables": "gongkai.synth.tables.v1"}


@cache
def vocab(name: str) -> dict[str, Any]:
    """One data file (``agencies``, ``phrases``, ``tables``), its version checked."""
    data = load_toml("synth", f"{name}.toml")
    if data.get("id") != FILES[name]:
        raise ConfigError(Errors.E020, path=config_path("synth", f"{name}.toml"),
                          reason=f"id is {data.get('id')!r}, expected {FILES[name]!r}")
    return data
