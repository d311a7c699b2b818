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


@pytest.mark.parametrize("leaves", [31, 50, 120])
def test_every_tree_width_gives_the_walked_leaves(fitted, leaves):
    """Up to 32 leaves a tree the leaf bits are uint32, up to 63 uint64; wider trees are walked level by level."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    _, test = fitted
    rng = np.random.default_rng(11)
    x = rng.normal(size=(4000, 4))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x[:, 0] * x[:, 1] + np.sin(3 * x[:, 2]))))).astype(int)
    model = HistGradientBoostingClassifier(max_leaf_nodes=leaves, min_samples_leaf=5, max_iter=20,
                                           random_state=0).fit(x, y)
    exported = forest.export([model])
    widest = max(len(p.nodes) for (p,) in model._predictors) // 2 + 1
    assert (widest > 63) == (leaves == 120) and (widest > 32) == (leaves != 31)
    rows = np.vstack([rng.normal(size=(150, 4)), [[np.nan, 0.0, 0.0, 0.0]]])  # > 64 rows: done in chunks
    walked = forest._walk(rows, exported)
    tables = forest._bit_tables(exported)
    assert (tables is None) == (leaves == 120)
    if tables is not None:
        assert np.array_equal(np.concatenate([forest._leaves(rows[i : i + 40], tables) for i in range(0, 151, 40)],
                                             axis=1), walked)
    assert np.abs(forest.probability(rows, exported) - model.predict_proba(np.nan_to_num(rows, nan=np.inf))[:, 1]).max() < 1e-12


def test_a_tree_of_one_leaf_gives_its_value(fitted):
    models, test = fitted
    exported = forest.export(models)
    # a forest of the first model's trees and one more tree that is a single leaf
    stump = {"feature": np.array([-1], dtype="<i2"), "threshold": np.array([0.75]), "right": np.array([0], dtype="<i4")}
    n = len(exported["feature"])
    one_more = {
        "feature": np.concatenate([exported["feature"], stump["feature"]]),
        "threshold": np.concatenate([exported["threshold"], stump["threshold"]]),
        "right": np.concatenate([exported["right"], stump["right"] + n]),
        "roots": np.append(exported["roots"], n).astype("<i4"),
        "tree_model": np.append(exported["tree_model"], exported["tree_model"][-1]).astype("<i2"),
        "baselines": exported["baselines"],
    }
    leaves = forest._leaves(test[:10], forest._bit_tables(one_more))
    assert np.array_equal(leaves[-1], np.full(10, 0.75))
    assert np.array_equal(leaves[:-1], forest._walk(test[:10], exported))
