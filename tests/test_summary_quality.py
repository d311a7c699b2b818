"""Cross-validated ROUGE of the ranker on the IndoSum dev fold against LEAD-3.

Data: IndoSum (Kurniawan & Louvan, IALP 2018), CC BY-SA 4.0.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Retrains the ranker in every fold of the cross-validation: most of the suite's time. Still run by
# default and in CI; `pytest -m 'not slow'` leaves it out of a quick local pass.
pytestmark = pytest.mark.slow

DATA = Path(__file__).parents[1] / ".." / "shared" / "data" / "indosum" / "dev.01.jsonl"
# The project's target is LEAD-3 + 5 ROUGE-1 points. The cross-validated ranker
# (logistic regression averaged with boosted trees), choosing how many sentences
# to extract, reaches +5.46 on this fold with the fold shuffle its settings were
# chosen on, and a median of +5.28 over five shuffles (min +5.12;
# docs/summarizer.md). The evaluation is deterministic, so the guard only has to
# leave room for small changes elsewhere (the splitter, the features), not for
# sampling noise: it is the target itself.
GUARDED_MARGIN = 5.0
# Of that margin, the part that comes from choosing the sentences rather than
# the length: ours against LEAD-k with the same number of sentences (+2.33).
GUARDED_RANKING_MARGIN = 1.5


def _need_data() -> None:
    """Skip on a checkout without ../shared; in CI a missing fold is a failure."""
    if not DATA.is_file():
        msg = f"IndoSum dev fold not found at {DATA}"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="module")
def result():
    _need_data()
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


def test_the_gain_is_not_only_from_choosing_the_length(result):
    # LEAD-4 and LEAD-k (k = the number of sentences ours picked for that
    # article) are as long as our extracts: beating them shows the ranking pays.
    ours = result["ours_cv"]["rouge1"]
    assert ours > result["lead4"]["rouge1"]
    assert ours - result["lead_same_count"]["rouge1"] >= GUARDED_RANKING_MARGIN, result


def test_extract_length_follows_the_references(result):
    # Choosing the length keeps extracts near the human summaries' length
    # (66.4 vs 58.9 ROUGE tokens) and uses more than one length.
    ours = result["ours_cv"]
    assert 0.9 < ours["tokens"] / ours["reference_tokens"] < 1.25
    counts = result["ours_cv_sentence_counts"]
    assert sum(counts.values()) == result["n_articles"]
    assert sum(1 for v in counts.values() if v >= 0.1 * result["n_articles"]) >= 3
    assert result["lead3"]["rouge1_recall"] < ours["rouge1_recall"]


def test_other_fold_shuffles_are_measured_too():
    # The settings were chosen on shuffle 0; the other shuffles are the fairer
    # estimate of the margin, so the harness must really re-run the CV on them.
    _need_data()
    from summarizer.evaluate import evaluate

    small = evaluate(DATA, folds=3, limit=90, shuffles=3)
    margins = small["margins_by_shuffle"]
    assert len(margins) == 3
    assert margins[0] == small["margin_rouge1"]
    assert len(set(round(m, 6) for m in margins)) > 1  # another split gives another held-out score
