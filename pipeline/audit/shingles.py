"""Character shingles and MinHash signatures of text, vectorised with numpy.

Shingle hashes are a polynomial hash of code points (deterministic across
processes, unlike ``hash``); a signature takes, per permutation, the minimum
of a multiply-shift hash over the shingles.
"""
from __future__ import annotations

import re

import numpy as np

_DIGITS = re.compile(r"[0-9０-９]+")
_SPACE = re.compile(r"\s+")
_BASE = np.uint64(1_000_003)


def normalise(text: str, names: tuple[str, ...] = ()) -> str:
    """Digits masked, white space dropped, the agency's own names replaced: a copy with a new year,
    new counts or another agency's name still shares its shingles."""
    for name in names:
        if name:
            text = text.replace(name, "〇")
    return _SPACE.sub("", _DIGITS.sub("#", text))


def shingle_set(text: str, k: int) -> np.ndarray:
    """Sorted unique hashes of the ``k``-character runs of ``text``."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(points) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _BASE + points[j:j + n]  # wraps modulo 2**64 on purpose
    return np.unique(h)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


class Signer:
    """MinHash signatures with ``num_perm`` fixed random multiply-shift hashes."""

    def __init__(self, num_perm: int, *, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)

    def sign(self, shingles: np.ndarray, *, chunk: int = 4096) -> np.ndarray:
        out = np.full(len(self.a), np.iinfo(np.uint32).max, dtype=np.uint32)
        for i in range(0, len(shingles), chunk):
            part = shingles[i:i + chunk]
            hashed = (part[None, :] * self.a[:, None] + self.b[:, None]) >> np.uint64(32)
            out = np.minimum(out, hashed.min(axis=1).astype(np.uint32))
        return out
