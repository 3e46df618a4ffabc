"""``gongkai synth``: synthetic reports with known values, for round-trip tests and benchmarks."""
from .corpus import generate, write_corpus
from .model import SyntheticReport

__all__ = ["SyntheticReport", "generate", "write_corpus"]
