from __future__ import annotations

import pytest

from pipeline.synth import generate


@pytest.fixture(scope="session")
def corpus():
    """Enough reports to cover every edition × form × layout several times."""
    return list(generate(180, seed=11))
