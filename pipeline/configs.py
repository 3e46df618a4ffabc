"""Where ``configs/`` lives, and loading of its TOML and JSONL files.

The rule files ship inside the repository's ``configs/`` folder; an installed
package finds them through ``GONGKAI_CONFIGS`` or next to the package source.
"""
from __future__ import annotations

import json
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError, Errors


def configs_dir() -> Path:
    env = os.environ.get("GONGKAI_CONFIGS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "configs"


def config_path(*parts: str) -> Path:
    return configs_dir().joinpath(*parts)


@cache
def load_toml(*parts: str) -> dict[str, Any]:
    path = config_path(*parts)
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as e:
        raise ConfigError(Errors.E020, path=path, reason="missing") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(Errors.E020, path=path, reason=str(e)) from e


@cache
def load_jsonl(*parts: str) -> tuple[dict[str, Any], ...]:
    path = config_path(*parts)
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise ConfigError(Errors.E020, path=path, reason="missing") from e
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise ConfigError(Errors.E021, path=path, entry=number, reason=str(e)) from e
    return tuple(rows)
