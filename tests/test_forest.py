"""The boosted half of the sentence ranker: scikit-learn's trees, applied with numpy (summarizer.forest)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from summarizer import forest, rank


@pytest.fixture(scope="module")
def fitted():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(7)
    x = rng.normal(size=(3000, 6))
    x[:, 5] = rng.integers(0, 4, size=3000) / 7  # few distinct values, as the position features have
    logit = 1.5 * x[:, 0] - x[:, 1] * x[:, 2] + 2 * (x[:, 5] > 0.2)
    y = (rng.random(3000) < 1 / (1 + np.exp(-logit))).astype(int)
    models = [HistGradientBoostingClassifier(random_state=s).fit(x[:2000], y[:2000]) for s in (0, 1)]
    return models, x[2000:]


def test_numpy_trees_give_scikit_learns_probabilities(fitted):
    models, test = fitted
    expected = np.mean([m.predict_proba(test)[:, 1] for m in models], axis=0)
    got = forest.probability(test, forest.export(models))
    assert np.abs(got - expected).max() < 1e-12


def test_packing_for_json_loses_nothing(fitted):
    models, test = fitted
    exported = forest.export(models)
    packed = json.loads(json.dumps(forest.pack(exported)))
    assert np.array_equal(forest.probability(test, forest.unpack(packed)), forest.probability(test, exported))
    assert forest.probability(test[:0], exported).shape == (0,)


def test_shipped_ranker_averages_its_two_halves():
    model = rank.load_model()
    assert "boosted" in model and model["boosted_weight"] == 0.5
    x = rank.features(["Korea Utara mengirim 10.000 tentara ke Rusia, kata Pentagon.",
                       "Foto: Reuters.", "Cuaca di Seoul cerah."])
    logistic = rank.apply_model(x, {k: v for k, v in model.items() if k != "boosted"})
    trees = forest.probability(x, model["boosted"])
    both = rank.apply_model(x, model)
    assert np.allclose(both, 0.5 * logistic + 0.5 * trees)
    assert ((0 < both) & (both < 1)).all() and not np.allclose(logistic, trees)
