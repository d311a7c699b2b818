"""The summariser against LEAD-3 on IndoSum, by the honest protocol (issue 22).

A fixed fifth of the dev fold is frozen (``evaluation.holdout``): the settings
are chosen by cross-validation on the development part only, a model fitted on
that part summarises the frozen part, and the guards below are on the frozen
figures (with their bootstrap intervals), beside the development CV.

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
# Measured 2026-12-04 (docs/summarizer.md, "Held-out figures"): the shipped model's
# ROUGE-1 margin over LEAD-3 on the frozen test is +4.37 [95% interval +2.14, +6.67]
# (+4.34 on 2026-12-03, before the analysis's arithmetic was made the same on every
# machine). Its evaluation is deterministic, so the guard leaves room only for small
# changes elsewhere (the splitter, the features), not for sampling noise. It is not the
# project's target of +5: the frozen part does not support that (see the docs).
GUARDED_FROZEN_MARGIN = 4.0
# Of that margin, the part from choosing the sentences rather than the length:
# ours against LEAD-k with the same number of sentences, frozen part: +2.18
# [+0.34, +4.14].
GUARDED_FROZEN_RANKING_MARGIN = 1.5
# The same protocol re-run here (settings by CV on the development part, a model
# fitted on it) is not the same float on every machine: the fit follows the machine's
# BLAS kernel and scikit-learn's build, and CV then chooses other settings on near
# ties (C 1.0 and max_sim 0.8 on 2026-12-03, C 0.1 and 0.9 on 2026-12-04's machine:
# frozen +4.34 and +4.02, over LEAD-k +2.15 and +1.54). Its guards are looser.
GUARDED_REFIT_FROZEN_MARGIN = 3.5
GUARDED_REFIT_RANKING_MARGIN = 1.0
# The development CV (+5.09 [+4.08, +6.16]; +5.28 on 2026-12-04: the part that chose the features and
# settings, so optimistic) is guarded too, so a regression shows there as well.
GUARDED_DEVELOPMENT_MARGIN = 4.5


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
    from evaluation.summaries import evaluate_frozen

    return evaluate_frozen(DATA, folds=5, log=lambda *_: None)


def test_the_frozen_part_is_a_fixed_fifth(result):
    assert result["n"]["development"] + result["n"]["frozen"] == 750
    assert 0.15 < result["n"]["frozen"] / 750 < 0.25


def test_frozen_margin_over_lead3_holds(result):
    shipped, refit = result["frozen_shipped"], result["frozen"]
    assert shipped["margin"] >= GUARDED_FROZEN_MARGIN, result
    assert refit["margin"] >= GUARDED_REFIT_FROZEN_MARGIN, result
    for frozen in (shipped, refit):
        low, high = frozen["margin_interval"]
        assert 0.0 < low < frozen["margin"] < high, result  # better than LEAD-3 on unseen articles, not by luck


def test_frozen_gain_is_not_only_from_choosing_the_length(result):
    # LEAD-k (k = the number of sentences ours picked for that article) is as
    # long as our extract: beating it shows the choice of sentences pays.
    shipped, refit = result["frozen_shipped"], result["frozen"]
    assert shipped["margin_lead_k"] >= GUARDED_FROZEN_RANKING_MARGIN, result
    assert refit["margin_lead_k"] >= GUARDED_REFIT_RANKING_MARGIN, result
    assert min(shipped["ours"], refit["ours"]) > refit["lead4"], result


def test_development_cv_margin(result):
    development = result["development"]
    assert development["margin"] >= GUARDED_DEVELOPMENT_MARGIN, result


def test_baselines_are_measured_in_the_same_run(result):
    for part in ("development", "frozen"):
        x = result[part]
        assert 20.0 < x["lexrank"] < x["lead3"] < x["ours"], (part, x)


def test_the_shipped_model_never_saw_the_frozen_part(result):
    # evaluation.train_ranker fits the shipped model on the development part with the settings
    # CV chooses there, and records which articles it was fitted on.
    from evaluation import holdout, indosum
    from summarizer.rank import load_model

    shipped = load_model()
    ids = [record["id"] for record in indosum.load(DATA)]
    development = [key for key in ids if not holdout.is_frozen(key)]
    assert "development part" in result["shipped_trained_on"]
    assert shipped["n_articles"] == len(development) == result["n"]["development"]
    assert shipped["trained_ids_sha256"] == holdout.ids_digest(development) != holdout.ids_digest(ids)
    # Re-fitted here, the model is the same only where it was trained: the fit's arithmetic
    # follows the machine's BLAS kernel and scikit-learn's build (on one code, 73.10 against
    # 73.23 ROUGE-1 under two OpenBLAS kernels), so the refit's frozen score is compared loosely.
    assert result["frozen_shipped"]["ours"] == pytest.approx(result["frozen"]["ours"], abs=1.0)


def test_extract_length_varies_with_the_article(result):
    # The expected F1 chooses the count: several lengths are used, and not
    # every extract is simply the first three sentences.
    for part in ("development", "frozen"):
        counts = result[part]["sentence_counts"]
        n = result["n"][part]
        assert sum(counts.values()) == n
        assert sum(1 for v in counts.values() if v >= 0.1 * n) >= 3, (part, counts)
        assert 2.5 < result[part]["sentences"] < 4.5
        assert result[part]["same_as_lead3"] < 0.5


def test_other_fold_shuffles_are_measured_too():
    # The whole-fold CV (optimistic: no frozen part) can be repeated with other
    # shuffles of the articles into folds; the harness must really re-run it.
    _need_data()
    from evaluation.summaries import evaluate

    small = evaluate(DATA, folds=3, limit=90, shuffles=3)
    margins = small["margins_by_shuffle"]
    assert len(margins) == 3
    assert margins[0] == small["margin_rouge1"]
    assert len(set(round(m, 6) for m in margins)) > 1  # another split gives another held-out score
