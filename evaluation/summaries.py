"""ROUGE harness: LEAD-3, plain sumy LexRank and our ranker on IndoSum.

    python -m evaluation.summaries PATH [--folds 5] [--limit N] [--shuffles K]
    python -m evaluation.summaries PATH --frozen

With --frozen, the honest protocol (evaluation.holdout): the settings are
chosen again by CV on the development part only, a model fitted on the
development part summarises the frozen part once, and the frozen figures are
printed with bootstrap intervals beside the development CV.

Every article is rebuilt from its tokens (``indosum.article_text`` ->
``text.detokenize``) and split by the project's own splitter
(``text.clean_sentences``). LEAD-3 and LexRank pick 3 of those sentences;
ours picks as many as its expected F1 pays for (1 to 5, ``rank.select``). So
that the gain from choosing the length is not mistaken for a gain from
choosing the sentences, two length baselines are printed beside them: LEAD-4,
and LEAD-k with k, per article, the number of sentences ours picked.
Scores are ROUGE-1/2/L F1 from the ``rouge-score`` package (no stemming),
averaged over articles, x100. "ours (CV)" is the mean over held-out folds:
each fold is scored by a model trained on the other folds only. The shipped
model (summarizer/data/ranker.json, trained on the development part) is printed
for reference; on its own training articles it is not a fair number.

Data: IndoSum (Kurniawan & Louvan, IALP 2018), CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.lex_rank import LexRankSummarizer

from evaluation import holdout
from summarizer import rank
from evaluation import train_ranker as tr

N = 3


class _WordTokenizer:
    """sumy tokenizer interface over already-split sentences (no NLTK/punkt)."""

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return (text,)

    def to_words(self, text: str) -> list[str]:
        return rank._words(text)


def lexrank_picks(sentences: list[str], n: int = N, lang: str = "id") -> list[int]:
    """Plain sumy LexRank (Indonesian stop words, no stemming): indices of n sentences."""
    if not sentences:
        return []
    tok = _WordTokenizer()
    sents = [Sentence(s, tok) for s in sentences]
    doc = ObjectDocumentModel([Paragraph(sents)])
    lex = LexRankSummarizer()
    lex.stop_words = rank._stopwords(lang)
    with np.errstate(
        invalid="ignore", divide="ignore"
    ):  # articles without shared words
        chosen = lex(doc, n)
    index = {id(s): i for i, s in enumerate(doc.sentences)}  # same objects come back
    return sorted(index[id(c)] for c in chosen)


def lead_picks(sentences: list[str], n: int = N) -> list[int]:
    return list(range(min(n, len(sentences))))


def evaluate(path: str | Path, folds: int = 5, limit: int | None = None, shuffles: int = 1) -> dict:
    """ROUGE F1 (x100) of LEAD-3, sumy LexRank and ours (cross-validated and shipped).

    LEAD-3 and ours (CV) also carry ROUGE-1 precision/recall and mean token
    lengths (``train.score_summaries(..., detail=True)``). With ``shuffles`` > 1
    the CV is repeated with other shuffles of the articles into folds and the
    margin over LEAD-3 of each is kept ("margins_by_shuffle"): the shipped
    settings were chosen on shuffle 0, so the others are the fairer estimate.
    """
    t0 = time.time()
    articles = tr.prepare(path, limit)
    if len(articles) < folds:
        raise ValueError(
            f"need at least {folds} articles for {folds}-fold CV, got {len(articles)}"
        )
    t_prep = time.time() - t0
    scorer = tr.rouge_scorer()
    shipped = rank.load_model()
    c = float(shipped.get("C", 1.0))
    sel = (
        float(shipped.get("max_sim", 0.65)),
        float(shipped.get("summary_words", 50.0)),
    )

    boosted = "boosted" in shipped  # the shipped kind of model, re-fitted per fold
    ids = tr.fold_ids(len(articles), folds)
    cv_picks: list[list[int]] = [[] for _ in articles]
    per_fold: list[float] = []
    for f in range(folds):
        train_set = [a for a, i in zip(articles, ids) if i != f]
        test_idx = [k for k, i in enumerate(ids) if i == f]
        model = tr.fit_ranker(*tr.stack(train_set), c=c, boosted=boosted)
        test = [articles[k] for k in test_idx]
        picks = tr.model_picks(model, test, *sel)
        for k, p in zip(test_idx, picks):
            cv_picks[k] = p
        per_fold.append(tr.score_summaries(scorer, test, picks)["rouge1"])

    result = {
        "n_articles": len(articles),
        "folds": folds,
        "lead3": tr.score_summaries(
            scorer, articles, [lead_picks(a.sentences) for a in articles], detail=True
        ),
        "lead4": tr.score_summaries(
            scorer, articles, [lead_picks(a.sentences, 4) for a in articles]
        ),
        "lead_same_count": tr.score_summaries(
            scorer, articles, [lead_picks(a.sentences, len(p)) for a, p in zip(articles, cv_picks)]
        ),
        "ours_cv_sentences": float(np.mean([len(p) for p in cv_picks])),
        "ours_cv_sentence_counts": {
            k: sum(len(p) == k for p in cv_picks) for k in range(1, tr.MAX_SENTENCES + 1)
        },
        "lexrank": tr.score_summaries(
            scorer, articles, [lexrank_picks(a.sentences) for a in articles]
        ),
        "ours_cv": tr.score_summaries(scorer, articles, cv_picks, detail=True),
        "ours_cv_fold_rouge1": per_fold,
        # the logistic half alone, same folds and settings: what the boosted trees add
        "ours_cv_logistic": tr.score_summaries(
            scorer, articles, tr.cross_validate(articles, folds, c, [sel], boosted=False)[sel]
        ),
        "ours_shipped": tr.score_summaries(
            scorer, articles, tr.model_picks(shipped, articles, *sel)
        ),
    }
    result["margin_rouge1"] = result["ours_cv"]["rouge1"] - result["lead3"]["rouge1"]
    result["margins_by_shuffle"] = [result["margin_rouge1"]] + [
        tr.score_summaries(scorer, articles, tr.cross_validate(articles, folds, c, [sel], seed, boosted)[sel])[
            "rouge1"]
        - result["lead3"]["rouge1"]
        for seed in range(1, shuffles)
    ]
    result["seconds"] = {"prepare": t_prep, "total": time.time() - t0}
    return result


def _per_article_rouge1(scorer, articles: list, picks: list[list[int]]) -> np.ndarray:
    """ROUGE-1 F1 (x100) of each article's extract: the unit the bootstrap resamples."""
    return np.array([100.0 * scorer.score(a.reference, tr.summary_of(a, p))["rouge1"].fmeasure
                     for a, p in zip(articles, picks)])


def evaluate_frozen(path: str | Path, folds: int = 5, log=print) -> dict:
    """The frozen test: settings chosen by CV on the development part, scored once on the frozen part.

    Returns R-1 of LEAD-3, LEAD-4, LEAD-k (k = the sentences ours picked),
    sumy LexRank (3 sentences) and ours on both parts (development: CV;
    frozen: the model fitted on the whole development part, which is also how
    ``evaluation.train_ranker`` makes the shipped model), the margins of ours over
    LEAD-3 and LEAD-k with 95% bootstrap intervals over articles, and the
    shipped model (summarizer/data/ranker.json) on the frozen part.
    """
    articles = tr.prepare(path)
    development, frozen = tr.holdout_parts(articles)
    log(f"{len(development)} development, {len(frozen)} frozen articles")
    c, max_sim, words = tr.choose_hyperparameters(development, folds, log=lambda *_: None)
    sel = (max_sim, words)
    log(f"chosen on development: C={c} max_sim={max_sim} summary words={words}")
    scorer = tr.rouge_scorer()
    dev_picks = tr.cross_validate(development, folds, c, [sel])[sel]
    model = tr.fit_ranker(*tr.stack(development), c=c)
    frozen_picks = tr.model_picks(model, frozen, *sel)
    shipped = rank.load_model()
    shipped_picks = tr.model_picks(shipped, frozen, float(shipped.get("max_sim", 0.8)),
                                   float(shipped.get("summary_words", 50.0)))
    out: dict = {"settings": {"C": c, "max_sim": max_sim, "summary_words": words},
                 "n": {"development": len(development), "frozen": len(frozen)},
                 "shipped_trained_on": shipped.get("trained_on", "")}
    for name, part, picks in (("development", development, dev_picks), ("frozen", frozen, frozen_picks),
                              ("frozen_shipped", frozen, shipped_picks)):
        ours = _per_article_rouge1(scorer, part, picks)
        lead3 = _per_article_rouge1(scorer, part, [lead_picks(a.sentences) for a in part])
        lead_k = _per_article_rouge1(scorer, part, [lead_picks(a.sentences, len(p)) for a, p in zip(part, picks)])
        out[name] = {"ours": float(ours.mean()), "lead3": float(lead3.mean()), "lead_k": float(lead_k.mean()),
                     "margin": float((ours - lead3).mean()),
                     "margin_interval": holdout.bootstrap_interval(ours - lead3),
                     "margin_lead_k": float((ours - lead_k).mean()),
                     "margin_lead_k_interval": holdout.bootstrap_interval(ours - lead_k),
                     "sentences": float(np.mean([len(p) for p in picks])),
                     "sentence_counts": {k: sum(len(p) == k for p in picks)
                                         for k in range(1, tr.MAX_SENTENCES + 1)},
                     "same_as_lead3": float(np.mean([list(p) == lead_picks(a.sentences, 3)
                                                     for a, p in zip(part, picks)]))}
        if name != "frozen_shipped":  # the baselines need no model: once per part
            out[name]["lead4"] = float(_per_article_rouge1(
                scorer, part, [lead_picks(a.sentences, 4) for a in part]).mean())
            out[name]["lexrank"] = float(_per_article_rouge1(
                scorer, part, [lexrank_picks(a.sentences) for a in part]).mean())
    return out


def format_frozen(r: dict) -> str:
    rows = (("development, 5-fold CV", "development"), ("frozen test (model fitted on development)", "frozen"),
            ("frozen test, shipped model", "frozen_shipped"))
    width = max(len(label) for label, _ in rows)
    lines = [f"settings chosen by CV on the development part: {r['settings']}",
             f"shipped model trained on: {r['shipped_trained_on']}",
             f"{'part':<{width}}  {'n':>4} {'LexRank':>7} {'LEAD-3':>7} {'LEAD-4':>7} {'LEAD-k':>7} {'ours':>7}  "
             f"{'ours - LEAD-3 [95% CI]':>24}  {'ours - LEAD-k [95% CI]':>24}  {'=LEAD-3':>7}"]
    for label, key in rows:
        x = r[key]
        base = r["development" if key == "development" else "frozen"]
        n = r["n"]["development" if key == "development" else "frozen"]
        lo, hi = x["margin_interval"]
        klo, khi = x["margin_lead_k_interval"]
        lines.append(f"{label:<{width}}  {n:>4} {base['lexrank']:>7.2f} {x['lead3']:>7.2f} {base['lead4']:>7.2f} "
                     f"{x['lead_k']:>7.2f} {x['ours']:>7.2f}  "
                     f"{x['margin']:>+7.2f} [{lo:+.2f}, {hi:+.2f}]  {x['margin_lead_k']:>+7.2f} [{klo:+.2f}, {khi:+.2f}]"
                     f"  {100 * x['same_as_lead3']:>6.1f}%")
    lines.append("ROUGE-1 F1 x100 (rouge-score); intervals: percentile bootstrap over articles, 2000 resamples;")
    lines.append("LexRank: sumy, 3 sentences; LEAD-k: as many lead sentences as ours picked; "
                 "=LEAD-3: extracts that are exactly the first three sentences.")
    return "\n".join(lines)


def format_table(r: dict) -> str:
    rows = [
        ("LEAD-3", r["lead3"]),
        ("LEAD-4", r["lead4"]),
        ("LEAD-k, k = sentences ours picked", r["lead_same_count"]),
        ("sumy LexRank (3 sentences)", r["lexrank"]),
        (f"ours ({r['folds']}-fold CV, held-out)", r["ours_cv"]),
        ("ours, logistic half alone (CV)", r["ours_cv_logistic"]),
        ("ours, shipped model (trained on all; reference only)", r["ours_shipped"]),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [
        f"IndoSum ({r['n_articles']} articles), ROUGE F1 x100 (rouge-score, no stemming)",
        f"{'method':<{width}}  {'R-1':>6} {'R-2':>6} {'R-L':>6}",
    ]
    for name, s in rows:
        lines.append(
            f"{name:<{width}}  {s['rouge1']:6.2f} {s['rouge2']:6.2f} {s['rougeL']:6.2f}"
        )
    lead, ours = r["lead3"], r["ours_cv"]
    lines.append(
        f"ROUGE-1 precision/recall: LEAD-3 {lead['rouge1_precision']:.2f}/{lead['rouge1_recall']:.2f}, "
        f"ours (CV) {ours['rouge1_precision']:.2f}/{ours['rouge1_recall']:.2f}; mean tokens: "
        f"reference {ours['reference_tokens']:.1f}, LEAD-3 {lead['tokens']:.1f}, ours (CV) {ours['tokens']:.1f}"
    )
    counts = ", ".join(f"{k}: {v}" for k, v in r["ours_cv_sentence_counts"].items())
    lines.append(
        f"ours (CV) sentences per extract: mean {r['ours_cv_sentences']:.2f} ({counts})"
    )
    folds = " ".join(f"{v:.2f}" for v in r["ours_cv_fold_rouge1"])
    lines.append(
        f"ours R-1 per held-out fold: {folds} (sd {np.std(r['ours_cv_fold_rouge1']):.2f})"
    )
    lines.append(f"margin ours (CV) - LEAD-3, ROUGE-1: {r['margin_rouge1']:+.2f}")
    margins = r.get("margins_by_shuffle", [])
    if len(margins) > 1:
        lines.append(
            f"margin over {len(margins)} fold shuffles: median {np.median(margins):+.2f} "
            f"(min {min(margins):+.2f}, max {max(margins):+.2f}; shuffle 0 chose the settings)"
        )
    lines.append(
        "margin ours (CV) - LEAD-k of the same length, ROUGE-1: "
        f"{r['ours_cv']['rouge1'] - r['lead_same_count']['rouge1']:+.2f}"
    )
    lines.append(
        f"time: {r['seconds']['total']:.1f}s (features {r['seconds']['prepare']:.1f}s)"
    )
    lines.append("Data: IndoSum, Kurniawan & Louvan (IALP 2018), CC BY-SA 4.0.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m evaluation.summaries", description=__doc__.split("\n")[0]
    )
    ap.add_argument("path", help="IndoSum jsonl file, e.g. dev.01.jsonl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--shuffles", type=int, default=1,
                    help="repeat the CV with this many shuffles of the articles into folds")
    ap.add_argument("--frozen", action="store_true",
                    help="choose settings on the development part only and score the frozen test part once")
    args = ap.parse_args(argv)
    if not Path(args.path).is_file():
        print(f"error: no such file: {args.path}", file=sys.stderr)
        return 2
    if args.folds < 2:
        print("error: --folds must be at least 2", file=sys.stderr)
        return 2
    if args.shuffles < 1:
        print("error: --shuffles must be at least 1", file=sys.stderr)
        return 2
    if args.frozen:
        print(format_frozen(evaluate_frozen(args.path, args.folds, log=lambda m: print(m, file=sys.stderr))))
        return 0
    try:
        result = evaluate(args.path, args.folds, args.limit, args.shuffles)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
