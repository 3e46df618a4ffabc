from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.labels import load_labeler
from pipeline.labels.labeler import DEFAULT_MODEL

CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def labeler():
    if not DEFAULT_MODEL.exists():
        pytest.skip("models/labeler/ not built; run `gongkai train`")
    return load_labeler()
