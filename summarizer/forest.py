"""Gradient-boosted trees applied with numpy: one half of the sentence ranker.

scikit-learn's ``HistGradientBoostingClassifier`` fits the trees at training
time (``evaluation.train_ranker``); ``export`` flattens them into a few arrays that
ship inside ``summarizer/data/ranker.json``, so the bot needs numpy only at
run time, like the logistic half. ``probability`` walks every tree of every
model at once, one vectorised step per tree level over the (tree, row) pairs
not yet at a leaf.

The packed form (``pack``/``unpack``) keeps the file small: the arrays are
zlib-compressed and base64-encoded in the JSON, and the left child, always the
node right after its parent in scikit-learn's depth-first numbering, is not
stored. Thresholds stay float64: they are midpoints between feature values
seen in training, and rounding them to float32 moves sentences across them.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

import numpy as np

from summarizer.portable import logistic

__all__ = ["export", "pack", "probability", "unpack"]

# name -> dtype of each stored array
_STORED = {
    "feature": "<i2",  # feature index of a split; -1 at a leaf
    "threshold": "<f8",  # go left when x[feature] <= threshold; the leaf's value at a leaf
    "right": "<i4",  # right child, global over all trees; a leaf points to itself
    "roots": "<i4",  # first node of each tree
    "tree_model": "<i2",  # which boosted model each tree belongs to
    "baselines": "<f8",  # each model's initial log-odds
}


def _with_left(stored: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    own = np.arange(len(stored["feature"]))
    return {**stored, "left": np.where(stored["feature"] < 0, own, own + 1)}


def export(models: list[Any]) -> dict[str, np.ndarray]:
    """Flatten fitted binary ``HistGradientBoostingClassifier`` models (numeric features, no NaN)."""
    feature, threshold, right, roots, tree_model = [], [], [], [], []
    baselines = []
    offset = 0
    for k, model in enumerate(models):
        baselines.append(float(np.ravel(model._baseline_prediction)[0]))
        for (predictor,) in model._predictors:  # one tree per iteration for a binary task
            nodes = predictor.nodes
            own = np.arange(len(nodes))
            leaf = nodes["is_leaf"].astype(bool)
            if np.any(nodes["left"][~leaf] != own[~leaf] + 1):
                raise ValueError("tree nodes are not in depth-first order")
            feature.append(np.where(leaf, -1, nodes["feature_idx"]))
            threshold.append(np.where(leaf, nodes["value"], nodes["num_threshold"]))
            right.append(np.where(leaf, own, nodes["right"]) + offset)
            roots.append(offset)
            tree_model.append(k)
            offset += len(nodes)
    stored = {
        "feature": np.concatenate(feature), "threshold": np.concatenate(threshold),
        "right": np.concatenate(right), "roots": np.asarray(roots),
        "tree_model": np.asarray(tree_model), "baselines": np.asarray(baselines),
    }
    return _with_left({name: stored[name].astype(dtype) for name, dtype in _STORED.items()})


def pack(forest: dict[str, np.ndarray]) -> dict[str, str]:
    """JSON-ready form: each stored array as base64 of its zlib-compressed little-endian bytes."""
    return {name: base64.b64encode(zlib.compress(np.asarray(forest[name], dtype=dtype).tobytes(), 9)).decode("ascii")
            for name, dtype in _STORED.items()}


def unpack(packed: dict[str, str]) -> dict[str, np.ndarray]:
    return _with_left({name: np.frombuffer(zlib.decompress(base64.b64decode(packed[name])), dtype=dtype)
                       for name, dtype in _STORED.items()})


def probability(x: np.ndarray, forest: dict[str, np.ndarray]) -> np.ndarray:
    """Mean over the boosted models of each row's probability."""
    n, width = x.shape
    if n == 0:
        return np.zeros(0)
    feature, threshold, right, roots = forest["feature"], forest["threshold"], forest["right"], forest["roots"]
    flat = x.ravel()
    node = np.repeat(roots, n)  # tree-major: (tree t, row r) at t * n + r
    # One level a step, over the (tree, row) pairs not yet at a leaf only: the trees differ in depth
    # (up to 18 levels), and stepping every pair down to the deepest did about 1.5 times the work.
    # The pairs still walking are kept compacted: their place in `node`, their node, where their
    # row starts in the flattened x, and their node's feature (read once, when the node is reached).
    split = feature[node]
    active = np.flatnonzero(split >= 0)
    at, starts, split = node[active], (active % n) * width, split[active]
    while active.size:
        # the left child is the node right after its parent
        below = np.where(flat[starts + split] <= threshold[at], at + 1, right[at])
        split = feature[below]
        inner = split >= 0
        done = ~inner
        node[active[done]] = below[done]
        active, at, starts, split = active[inner], below[inner], starts[inner], split[inner]
    leaves = threshold[node].reshape(len(roots), n)
    trees_by_model = np.flatnonzero(np.diff(forest["tree_model"], prepend=-1))  # first tree of each model
    logit = np.add.reduceat(leaves, trees_by_model, axis=0) + forest["baselines"][:, None]
    return logistic(logit).mean(axis=0)
