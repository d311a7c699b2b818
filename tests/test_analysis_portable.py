"""The analysis is the same float on every machine: no BLAS kernel or SIMD path decides a score.

OpenBLAS picks its kernel by CPU (SkylakeX, Haswell, ...) and numpy its SIMD
loops for exp and log (AVX512F, AVX2, ...); each sums or rounds in its own way,
so the last bit of a cosine or an idf can differ from one machine to another.
A boosted tree's split on such a feature then flips and a sentence's score moves
(seen: 216 of the 755 real articles scored differently on two machines, and the
stored reference of tests/test_analysis_golden.py failed on the second). This
runs the analysis of real articles in a process on today's kernels and in one
held to the oldest of each (OpenBLAS's generic x86-64 kernel, numpy without its
AVX paths) and compares every stored field.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

from tests.conftest import REPO, require_indosum

_SCRIPT = """
import json, sys
sys.path.insert(0, "tools")
import analysis_golden
from bot.ingest import ArticleIn, prepare
from evaluation import indosum

records = list(indosum.load(sys.argv[1]))[:int(sys.argv[2])]
out = {}
for record in records:
    prepared = prepare(ArticleIn(indosum.article_text(record)))
    out[record["id"]] = analysis_golden.digest(analysis_golden.record_of(prepared))
print(json.dumps(out))
"""


def _digests(env_extra: dict[str, str], count: int) -> dict[str, str]:
    env = {**os.environ, **env_extra}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(require_indosum()), str(count)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="the kernels named here are x86-64's")
def test_the_analysis_does_not_depend_on_the_cpus_kernels():
    count = 300
    today = _digests({}, count)
    oldest = _digests({"OPENBLAS_CORETYPE": "Prescott",  # OpenBLAS's SSE3 kernels: any x86-64 runs them
                       "NPY_DISABLE_CPU_FEATURES": "AVX512F AVX512_SKX AVX2 FMA3"}, count)
    assert len(today) == count
    differ = sorted(key for key in today if today[key] != oldest[key])
    assert differ == []
