"""The per-article analysis ingest stores is exactly the reference written before the speed-ups (issue 21).

The reference (tests/fixtures/analysis_golden.json.gz) was written by
``tools/analysis_golden.py --write`` from main before any fast path
existed; this test re-analyses the same 755 real articles (the seeds and the
IndoSum dev.01 fold) with this state's code and compares every stored field:
sentences, stems, scores (12 significant digits), summary flags, entities,
claims, shingles and LSH buckets. A change to the analysis made on purpose
is measured on the summary and answer sets first, then the reference is
written again.
"""
from __future__ import annotations

import gzip
import json
import sys

import pytest

from tests.conftest import INDOSUM, REPO

sys.path.insert(0, str(REPO / "tools"))
import analysis_golden  # noqa: E402

GOLDEN = REPO / "tests" / "fixtures" / "analysis_golden.json.gz"


@pytest.fixture(scope="module")
def expected() -> dict:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def test_the_reference_covers_the_seeds_and_the_fold(expected):
    keys = list(expected["digests"])
    assert sum(key.startswith("seeds/") for key in keys) == len(list((REPO / "seeds").glob("*.txt")))
    assert len(keys) >= 700
    assert len(expected["sample"]) >= 25


def test_every_real_article_analyses_as_in_the_reference(expected):
    records = analysis_golden.analyse_all(INDOSUM)
    assert analysis_golden.differences(expected, records) == []


def test_a_changed_analysis_is_reported_with_the_field_that_moved(expected):
    key = next(iter(expected["sample"]))
    record = json.loads(json.dumps(expected["sample"][key]))
    record["sentences"][0]["stems"] = record["sentences"][0]["stems"] + ["x"]
    records = {k: expected["sample"].get(k, {}) for k in expected["digests"]}
    records[key] = record
    problems = [p for p in analysis_golden.differences(expected, records) if p.startswith(key + ":")]
    assert problems == [f"{key}: differs in sentences"]
