"""The frozen test part: a fixed split of the data no choice ever looks at.

Every quality figure in docs/ is reported on the frozen part, beside the
cross-validated figure of the development part; settings, thresholds and
model selection use the development part only (docs/qa.md, docs/summarizer.md).

The split is decided per key (an IndoSum article id, a seed file name, a
FacQA passage id; a question without an article by its own text), by a hash
of a fixed seed and the key: it does not depend on the order of a file or on
what else is in it, so a question always sits in the same part as its article.
"""
from __future__ import annotations

import hashlib

SEED = "briefbot-frozen-test-2026-12-03"  # fixed once; changing it spends the frozen part
SHARE = 0.2  # about a fifth of the keys are frozen


def is_frozen(key: str, share: float = SHARE, seed: str = SEED) -> bool:
    """Whether `key` belongs to the frozen test part."""
    digest = hashlib.sha256(f"{seed}:{key}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64 < share


def part(key: str) -> str:
    """"frozen" or "development"."""
    return "frozen" if is_frozen(key) else "development"


def ids_digest(keys) -> str:
    """SHA-256 of the sorted keys, one a line: names a set of articles (the one a model was trained on)."""
    return hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()


def bootstrap_interval(values, confidence: float = 0.95, resamples: int = 2000) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of `values` (one value per article or question).

    scipy's `stats.bootstrap`, with a fixed random state so the report is reproducible.
    """
    import numpy as np
    from scipy import stats

    data = np.asarray(list(values), dtype=float)
    if data.size < 2 or np.all(data == data[0]):
        mean = float(data.mean()) if data.size else float("nan")
        return mean, mean
    result = stats.bootstrap((data,), np.mean, confidence_level=confidence, n_resamples=resamples,
                             method="percentile", random_state=0)
    return float(result.confidence_interval.low), float(result.confidence_interval.high)
