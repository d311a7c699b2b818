"""Gradient-boosted trees applied with numpy: one half of the sentence ranker.

scikit-learn's ``HistGradientBoostingClassifier`` fits the trees at training
time (``evaluation.train_ranker``); ``export`` flattens them into a few arrays that
ship inside ``summarizer/data/ranker.json``, so the bot needs numpy only at
run time, like the logistic half. ``probability`` finds every row's leaf in
every tree at once without walking the trees (QuickScorer's bit vectors: Lucchese
et al., SIGIR 2015): each split a row fails (goes right) rules out the leaves of
its left subtree, and the row's leaf is the leftmost leaf of the tree no failed
split ruled out. A tree's leaves, left to right, are bits of one integer, so a
row's leaf in a tree is the lowest bit left after OR-ing the ruled-out masks of
the tree's failed splits: a few numpy operations over all (split, row) pairs
instead of one step a tree level (up to 18).

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


def _bit_tables(forest: dict[str, np.ndarray]) -> dict[str, np.ndarray] | None:
    """The split -> ruled-out leaves tables of ``probability``, built once a forest (None: a tree too wide)."""
    tables = forest.get("_bits")
    if tables is not None or "_bits" in forest:
        return tables
    feature, right, roots = forest["feature"], forest["right"], forest["roots"]
    n_nodes, n_trees = len(feature), len(roots)
    leaf = feature < 0
    tree_of = np.repeat(np.arange(n_trees), np.diff(np.append(roots, n_nodes)))
    before = np.cumsum(leaf) - leaf  # leaves before each node, over all trees
    rank = before - before[roots][tree_of]  # a leaf's place in its tree, left to right (depth-first order)
    leaves_per_tree = np.bincount(tree_of, weights=leaf, minlength=n_trees)
    if leaves_per_tree.max() > 63:  # 1 << 64 does not fit
        forest["_bits"] = None
        return None
    dtype = np.uint32 if leaves_per_tree.max() <= 32 else np.uint64
    split = np.flatnonzero(~leaf)
    # a leaf-only tree gets one split that rules nothing out, so that every tree has a split
    lone = np.flatnonzero(np.bincount(tree_of[split], minlength=n_trees) == 0)  # (np.setdiff1d loads numpy.ma)
    first, last = rank[split + 1], rank[right[split]]  # the left subtree's leaves: first .. last - 1
    one = np.ones(1, dtype=np.uint64)
    masks = (np.left_shift(one, last.astype(np.uint64)) - np.left_shift(one, first.astype(np.uint64))).astype(dtype)
    split_tree = np.concatenate([tree_of[split], lone])
    order = np.argsort(split_tree, kind="stable")
    tables = {
        "feature": np.concatenate([feature[split], np.zeros(len(lone), feature.dtype)])[order].astype(np.intp),
        "threshold": np.concatenate([forest["threshold"][split], np.full(len(lone), np.inf)])[order],
        "masks": np.concatenate([masks, np.zeros(len(lone), dtype)])[order],
        "tree_starts": np.searchsorted(split_tree[order], np.arange(n_trees)),
        "leaf_values": forest["threshold"][leaf],
        "first_leaf": before[roots],
        "model_starts": np.flatnonzero(np.diff(forest["tree_model"], prepend=-1)),  # first tree of each model
    }
    forest["_bits"] = tables
    return tables


_ROWS_AT_ONCE = 64  # bounds the (split, row) arrays: 11k splits x 64 rows


def probability(x: np.ndarray, forest: dict[str, np.ndarray]) -> np.ndarray:
    """Mean over the boosted models of each row's probability."""
    n = x.shape[0]
    if n == 0:
        return np.zeros(0)
    tables = _bit_tables(forest)
    if tables is None:
        leaves = _walk(x, forest)
    elif n > _ROWS_AT_ONCE:
        leaves = np.concatenate([_leaves(x[i : i + _ROWS_AT_ONCE], tables) for i in range(0, n, _ROWS_AT_ONCE)], axis=1)
    else:
        leaves = _leaves(x, tables)
    starts = tables["model_starts"] if tables is not None else np.flatnonzero(np.diff(forest["tree_model"], prepend=-1))
    logit = np.add.reduceat(leaves, starts, axis=0) + forest["baselines"][:, None]
    return logistic(logit).mean(axis=0)


def _leaves(x: np.ndarray, tables: dict[str, np.ndarray]) -> np.ndarray:
    """Each tree's leaf value for each row (trees x rows), from the bit tables."""
    # (rows x splits), splits along the contiguous axis; np.take, several times faster than x[:, feature].
    # A split is failed when not x <= threshold (so NaN goes right, as in the walk).
    failed = np.take(x, tables["feature"], axis=1) <= tables["threshold"]
    np.logical_not(failed, out=failed)
    ruled_out = np.bitwise_or.reduceat(tables["masks"] * failed, tables["tree_starts"], axis=1)  # rows x trees
    lowest = ~ruled_out & (ruled_out + 1)  # the lowest bit not ruled out: the leftmost leaf left
    place = np.frexp(lowest.astype(np.float64))[1] - 1  # its bit's number (exact: a power of two)
    # trees x rows in C order, as the walk gives them: the sums over each model's trees then add in the same order
    return np.ascontiguousarray(np.take(tables["leaf_values"], tables["first_leaf"] + place).T)


def _walk(x: np.ndarray, forest: dict[str, np.ndarray]) -> np.ndarray:
    """Each tree's leaf value for each row, one vectorised step a tree level (for trees of over 63 leaves)."""
    n, width = x.shape
    feature, threshold, right, roots = forest["feature"], forest["threshold"], forest["right"], forest["roots"]
    flat = x.ravel()
    node = np.repeat(roots, n)  # tree-major: (tree t, row r) at t * n + r
    # One level a step, over the (tree, row) pairs not yet at a leaf only, kept compacted: their
    # place in `node`, their node, where their row starts in the flattened x, and their node's feature.
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
    return threshold[node].reshape(len(roots), n)
