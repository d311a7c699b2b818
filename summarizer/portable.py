"""Arithmetic that gives the same float on every machine, for the scores the analysis stores.

Products by numpy's einsum, exp and log by Python's math. numpy's `@` calls
BLAS, whose kernel OpenBLAS picks by CPU (SkylakeX, Haswell, ...), and numpy's
exp and log take AVX512F or AVX2 paths by CPU; each sums or rounds in its own
way, so a cosine's last bit differed between machines, a boosted tree's split
on it flipped and a sentence's score moved (216 of the 755 real articles scored
differently on two machines). einsum without `optimize` never calls BLAS.
tests/test_analysis_portable.py compares the analysis under the oldest kernels
with today's.
"""
from __future__ import annotations

import math

import numpy as np


def products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b.T for 2-D a and b (every row of a by every row of b), or a @ b for a 1-D b."""
    return np.einsum("ik,jk->ij", a, b) if b.ndim == 2 else np.einsum("ik,k->i", a, b)


def row_norms(m: np.ndarray) -> np.ndarray:
    """The Euclidean norm of each row of a 2-D array."""
    return np.sqrt(np.einsum("ij,ij->i", m, m))


def vector_norm(v: np.ndarray) -> float:
    return math.sqrt(float(np.einsum("i,i->", v, v)))


def logs(values: np.ndarray) -> np.ndarray:
    return np.array([math.log(v) for v in np.asarray(values, dtype=float).tolist()])


def log1ps(values: np.ndarray) -> np.ndarray:
    return np.array([math.log1p(v) for v in np.asarray(values, dtype=float).tolist()])


def logistic(logit: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x) of each value."""
    flat = np.asarray(logit, dtype=float)
    return np.fromiter((1.0 / (1.0 + math.exp(-v)) for v in flat.ravel().tolist()), dtype=float,
                       count=flat.size).reshape(flat.shape)
