"""Train the sentence ranker on IndoSum and write summarizer/data/ranker.json.

    python -m evaluation.train_ranker PATH [--folds 5] [--out summarizer/data/ranker.json]

Targets are IndoSum ``gold_labels`` mapped onto the sentences of the project's
own splitter (the text is rebuilt from tokens, then re-split). Hyper-parameters
(L2 strength, redundancy threshold, summary length in words) are chosen by
k-fold cross-validated ROUGE-1 F1 of the extracts ``rank.select`` makes when it
chooses the number of sentences itself (1 to 5); the final model is fitted on
all articles of the development part. The frozen test part
(``evaluation.holdout``, about a fifth of the file) is left out of all of it,
so the shipped model's score on it (``python -m evaluation.summaries PATH
--frozen``) is a held-out figure.

The model is the average of two halves (``fit_ranker``):

- an L2-regularised logistic regression solved by Newton's method in numpy
  (same optimum as scikit-learn's ``LogisticRegression(C=...)``);
- the mean of five scikit-learn ``HistGradientBoostingClassifier`` models
  (library defaults, random_state 0-4: the seed only sets the split its early
  stopping validates on, and averaging five removes that luck), exported to
  numpy arrays by ``summarizer.forest``.

The hyper-parameters are chosen for the logistic half alone (the trees have
none of their own), then the same settings serve the average. Needs
``scikit-learn`` and ``rouge-score`` (train/test extras); the bot never imports
this module.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from evaluation import holdout, indosum
from summarizer import forest, rank
from summarizer.text import clean_sentences, split_sentences

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "summarizer" / "data" / "ranker.json"
C_GRID = (0.1, 0.3, 1.0)
MAX_SIM_GRID = (0.7, 0.8, 0.9)  # light: only near-duplicates are dropped
SUMMARY_WORDS_GRID = (40.0, 45.0, 50.0, 55.0, 60.0)
MAX_SENTENCES = 5
BOOSTED_SEEDS = (0, 1, 2, 3, 4)
BOOSTED_WEIGHT = 0.5  # a plain average of the two halves, fixed beforehand, not tuned
# For a caller asking for exactly n sentences (``summarize(..., n)``): the
# summary length is taken as n times this (chosen by CV for n = 3 earlier).
WORDS_PER_SENTENCE = 20.0


@dataclass
class Article:
    """One IndoSum article, re-split by the project's splitter, with features."""

    id: str
    sentences: list[str]
    title: str
    reference: str
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)


def title_from_id(article_id: str) -> str:
    """IndoSum ids end in the article's URL slug (title, cut at 50 chars)."""
    slug = re.sub(r"^\d+-", "", article_id)
    return slug.replace("-", " ").strip()


_TOKEN_RE = re.compile(r"[a-z0-9]+")


def _bag(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def align_labels(sentences: list[str], rec: dict) -> np.ndarray:
    """Gold extractive label of each re-split sentence.

    A sentence takes the label of the gold sentence it shares most tokens with
    (splits rarely differ from the gold ones; when they do, the best overlap wins).
    """
    gold = indosum.gold_sentences(rec)
    labels = [bool(l) for para in rec["gold_labels"] for l in para]
    gold_bags = [set(_bag(g)) for g in gold]
    y = np.zeros(len(sentences))
    cursor = 0
    for i, s in enumerate(sentences):
        bag = set(_bag(s))
        if not bag:
            continue
        # search near the running position first: sentences come in order
        best, best_j = -1.0, None
        for j in range(len(gold)):
            inter = len(bag & gold_bags[j])
            if not inter:
                continue
            score = inter / len(bag | gold_bags[j]) - 0.001 * abs(j - cursor)
            if score > best:
                best, best_j = score, j
        if best_j is not None:
            y[i] = float(labels[best_j])
            cursor = best_j
    return y


def prepare(
    path: str | Path, limit: int | None = None, splitter: str = "clean"
) -> list[Article]:
    """Read, rebuild, split and featurise the articles once."""
    split = clean_sentences if splitter == "clean" else split_sentences
    out: list[Article] = []
    for k, rec in enumerate(indosum.load(path)):
        if limit is not None and k >= limit:
            break
        sentences = split(indosum.article_text(rec))
        title = title_from_id(rec["id"])
        out.append(
            Article(
                id=rec["id"],
                sentences=sentences,
                title=title,
                reference=indosum.summary_text(rec),
                x=rank.features(sentences, title),
                y=align_labels(sentences, rec),
            )
        )
    return out


# --------------------------------------------------------------------------- fitting


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float = 1.0, iters: int = 50) -> dict:
    """L2 logistic regression on standardised features by Newton's method.

    Minimises sum(log-loss) + ||w||^2 / (2C) with an unpenalised intercept,
    i.e. scikit-learn's LogisticRegression(C=c) objective.
    """
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((x.shape[0], 1))])
    d = z.shape[1]
    reg = np.full(d, 1.0 / c)
    reg[-1] = 0.0
    w = np.zeros(d)
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(d)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return {
        "features": list(rank.FEATURES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": w[:-1].tolist(),
        "intercept": float(w[-1]),
    }


def fit_ranker(x: np.ndarray, y: np.ndarray, c: float = 1.0, boosted: bool = True) -> dict:
    """The sentence ranker: the logistic half, plus the boosted trees unless ``boosted`` is False."""
    model = fit_logistic(x, y, c=c)
    if boosted:
        from sklearn.ensemble import HistGradientBoostingClassifier

        trees = [HistGradientBoostingClassifier(random_state=seed).fit(x, y) for seed in BOOSTED_SEEDS]
        model["boosted"] = forest.export(trees)
        model["boosted_weight"] = BOOSTED_WEIGHT
    return model


def stack(articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    xs = [a.x for a in articles if len(a.sentences)]
    ys = [a.y for a in articles if len(a.sentences)]
    return np.vstack(xs), np.concatenate(ys)


def holdout_parts(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """(development, frozen) articles, by ``evaluation.holdout`` on the article id."""
    return ([a for a in articles if not holdout.is_frozen(a.id)],
            [a for a in articles if holdout.is_frozen(a.id)])


def fold_ids(n: int, folds: int, seed: int = 0) -> np.ndarray:
    """Fold number of each article: a fixed shuffle, so runs are reproducible."""
    order = np.random.default_rng(seed).permutation(n)
    ids = np.empty(n, dtype=int)
    ids[order] = np.arange(n) % folds
    return ids


# --------------------------------------------------------------------------- scoring


def rouge_scorer():
    from rouge_score import rouge_scorer as rs

    return rs.RougeScorer(["rouge1", "rouge2", "rougeL"])


def summary_of(article: Article, picks: list[int]) -> str:
    return " ".join(article.sentences[i] for i in picks)


def score_summaries(
    scorer, articles: list[Article], picks: list[list[int]], detail: bool = False
) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 (x100) of the picked sentences against the references.

    With ``detail``, also the mean ROUGE-1 precision and recall (x100) and the
    mean length in ROUGE tokens of the extracts and of the references: whether
    an extract is longer than the human summary decides if shortening it can
    pay (see docs/summarizer.md, "Sentence trimming").
    """
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    extra = {"rouge1_precision": 0.0, "rouge1_recall": 0.0, "tokens": 0.0, "reference_tokens": 0.0}
    tokenize = _rouge_tokenize() if detail else None
    for a, p in zip(articles, picks):
        text = summary_of(a, p)
        s = scorer.score(a.reference, text)
        for k in totals:
            totals[k] += s[k].fmeasure
        if tokenize is not None:
            extra["rouge1_precision"] += 100.0 * s["rouge1"].precision
            extra["rouge1_recall"] += 100.0 * s["rouge1"].recall
            extra["tokens"] += len(tokenize(text))
            extra["reference_tokens"] += len(tokenize(a.reference))
    n = max(1, len(articles))
    out = {k: 100.0 * v / n for k, v in totals.items()}
    if detail:
        out.update({k: v / n for k, v in extra.items()})
    return out


def _rouge_tokenize():
    """rouge-score's own tokenizer (lower-case alphanumeric runs, no stemming)."""
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=False).tokenize


def model_picks(
    model: dict, articles: list[Article], max_sim: float, summary_words: float
) -> list[list[int]]:
    """The extract of each article, its length chosen by ``rank.select``."""
    return [
        rank.select(
            rank.apply_model(a.x, model),
            a.sentences,
            None,
            max_sim=max_sim,
            summary_words=summary_words,
            max_sentences=MAX_SENTENCES,
        )
        for a in articles
    ]


Selection = tuple[float, float]  # (max_sim, summary_words)


def cross_validate(
    articles: list[Article], folds: int, c: float, selections: list[Selection], seed: int = 0,
    boosted: bool = True,
) -> dict[Selection, list[list[int]]]:
    """Held-out picks for every article, per selection setting.

    For each fold the model is fitted on the other folds only; `seed` shuffles
    the articles into folds; `boosted` False fits the logistic half alone.
    """
    ids = fold_ids(len(articles), folds, seed)
    picks: dict[Selection, list[list[int]]] = {
        sel: [[] for _ in articles] for sel in selections
    }
    for f in range(folds):
        train_set = [a for a, i in zip(articles, ids) if i != f]
        test_idx = [k for k, i in enumerate(ids) if i == f]
        model = fit_ranker(*stack(train_set), c=c, boosted=boosted)
        test = [articles[k] for k in test_idx]
        for sel in selections:
            for k, p in zip(test_idx, model_picks(model, test, *sel)):
                picks[sel][k] = p
    return picks


def choose_hyperparameters(
    articles: list[Article], folds: int, log=print
) -> tuple[float, float, float]:
    """(C, max_sim, summary_words) with the best cross-validated ROUGE-1 F1 of the logistic half."""
    scorer = rouge_scorer()
    selections = [(m, w) for m in MAX_SIM_GRID for w in SUMMARY_WORDS_GRID]
    best = (-1.0, C_GRID[0], *selections[0])
    for c in C_GRID:
        picks = cross_validate(articles, folds, c, selections, boosted=False)
        for sel in selections:
            r1 = score_summaries(scorer, articles, picks[sel])["rouge1"]
            log(
                f"  C={c:<5} max_sim={sel[0]:<4} summary words={sel[1]:<4}  CV ROUGE-1 F1 {r1:.2f}"
            )
            if r1 > best[0]:
                best = (r1, c, *sel)
    return best[1], best[2], best[3]


def train(
    path: str | Path, folds: int = 5, out: str | Path = DEFAULT_OUT, log=print
) -> dict:
    t0 = time.time()
    every = prepare(path)
    articles, _frozen = holdout_parts(every)  # the frozen test part stays unseen
    log(f"{len(every)} articles featurised in {time.time() - t0:.1f}s; "
        f"{len(articles)} in the development part, {len(every) - len(articles)} frozen and left out")
    c, max_sim, summary_words = choose_hyperparameters(articles, folds, log)
    model = fit_ranker(*stack(articles), c=c)
    model["boosted"] = forest.pack(model["boosted"])
    model.update(
        {
            "C": c,
            "max_sim": max_sim,
            "summary_words": summary_words,
            "max_sentences": MAX_SENTENCES,
            "words_per_sentence": WORDS_PER_SENTENCE,
            "trained_on": f"{Path(path).name}, development part (evaluation.holdout)",
            "n_articles": len(articles),
            "trained_ids_sha256": holdout.ids_digest(a.id for a in articles),
            "target": "IndoSum gold_labels aligned to clean_sentences()",
            "boosted_by": "scikit-learn HistGradientBoostingClassifier(random_state=s), defaults, "
            f"s in {list(BOOSTED_SEEDS)}, averaged; weight {BOOSTED_WEIGHT} against the logistic half",
        }
    )
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    log(f"chose C={c} max_sim={max_sim} summary words={summary_words}; wrote {out}")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m evaluation.train_ranker", description=__doc__.split("\n")[0]
    )
    ap.add_argument("path", help="IndoSum jsonl file, e.g. dev.01.jsonl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    if not Path(args.path).is_file():
        print(f"error: no such file: {args.path}", file=sys.stderr)
        return 2
    train(args.path, args.folds, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
