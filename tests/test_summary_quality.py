"""Cross-validated ROUGE of the ranker on the IndoSum dev fold against LEAD-3.

Data: IndoSum (Kurniawan & Louvan, IALP 2018), CC BY-SA 4.0.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / ".." / "shared" / "data" / "indosum" / "dev.01.jsonl"
# The project's target was LEAD-3 + 5 ROUGE-1 points; the cross-validated ranker
# reaches +3.29 on this fold (docs/summarizer.md; sentence trimming was tried on
# 2026-11-22 and gained at most +0.08, so it is not applied), so the test guards
# the margin actually reached, with room for fold noise (per-fold sd 1.3 R-1),
# not the unreached target.
GUARDED_MARGIN = 2.5


@pytest.fixture(scope="module")
def result():
    if not DATA.is_file():
        msg = f"IndoSum dev fold not found at {DATA}"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    from summarizer.evaluate import evaluate

    return evaluate(DATA, folds=5, limit=None)


def test_cross_validated_ranker_beats_lead3(result):
    assert result["n_articles"] == 750
    assert result["ours_cv"]["rouge1"] >= result["lead3"]["rouge1"]


def test_cross_validated_ranker_keeps_its_margin_over_lead3(result):
    margin = result["ours_cv"]["rouge1"] - result["lead3"]["rouge1"]
    assert margin >= GUARDED_MARGIN, result


def test_every_held_out_fold_beats_lexrank(result):
    assert min(result["ours_cv_fold_rouge1"]) > result["lexrank"]["rouge1"]
    assert len(result["ours_cv_fold_rouge1"]) == 5


def test_lexrank_baseline_is_measured(result):
    assert 20.0 < result["lexrank"]["rouge1"] < result["lead3"]["rouge1"]


def test_extracts_are_about_as_long_as_the_references(result):
    # Why trimming cannot pay on IndoSum (docs/summarizer.md, "Sentence
    # trimming"): our 3 sentences are as long as the human summaries (59.9 vs
    # 58.9 ROUGE tokens) and ROUGE-1 precision and recall are balanced.
    ours = result["ours_cv"]
    assert 0.9 < ours["tokens"] / ours["reference_tokens"] < 1.15
    assert abs(ours["rouge1_precision"] - ours["rouge1_recall"]) < 3.0
    assert result["lead3"]["rouge1_recall"] < ours["rouge1_recall"]
