"""Train the answer model: a logistic regression over the evidence of each candidate sentence.

    python -m evaluation.train_qa [--questions tests/fixtures/qa_dev.jsonl] [--facqa valid_preprocess.csv]
                           [--facqa-all train_preprocess.csv] [--articles N] [--db PATH]
                           [--without-source] [--out summarizer/data/answer_ranker.json]

Each training question goes through the bot's own retrieval (`bot.commands.ask.retrieve`) and
evidence (`summarizer.qa.gather_evidence`); every sentence scored in detail becomes one row of
`summarizer.qa.ANSWER_FEATURES`, labelled by whether it holds the expected answer. Only questions
of the "dev" split are used: held-out questions stay unseen, so `python -m evaluation.qa` can
measure on them. `--facqa` adds an IndoNLU FacQA split (its dev part by the same line rule);
`--facqa-all` adds every question of one (for FacQA's own training split). Their passages join the
corpus beside the seeds and the IndoSum distractors.

The L2 strength is chosen by cross-validation over questions (5 folds, every sentence of a
question in the same fold); the confidence threshold `min_score` by the same held-out
predictions: the one that maximises right answers minus twice the wrong ones (a decline is worth
nothing; a confident wrong answer misleads). The model is then fitted on all
training questions. Needs no package beyond the bot's own (numpy).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.app import BotApp
from bot.commands.ask import english_aliases, retrieve
from evaluation.qa import (
    INDOSUM,
    Question,
    build_app,
    contains,
    load_facqa,
    load_questions,
)
from bot.settings import ROOT
from summarizer.qa import (
    ANSWER_FEATURES,
    analyze_question,
    answer_probabilities,
    evidence_features,
    gather_evidence,
)
from evaluation.train_ranker import fit_logistic

DEFAULT_OUT = ROOT / "summarizer" / "data" / "answer_ranker.json"
C_GRID = (0.03, 0.1, 0.3, 1.0)
# What a confident wrong answer costs against a right one's 1 (a decline is worth 0): at the
# threshold, an answer given as confident must be right at least two times in three.
WRONG_COST = 2.0
THRESHOLDS = tuple(round(0.02 * k, 2) for k in range(0, 26))  # 0.00 .. 0.50


@dataclass
class Example:
    """One training question: the features of its detailed candidates and which hold the answer."""

    question: Question
    x: np.ndarray
    y: np.ndarray
    answerable: bool  # asked without its source, only if another candidate holds the answer


def examples(app: BotApp, questions: list[Question], without_source: bool = False) -> list[Example]:
    """One Example per question; `without_source` leaves the question's own article out of its candidates.

    Asked without its source, a FacQA question is one the corpus does not
    answer (unless another passage holds the answer: the labels say so).
    """
    aliases = english_aliases(app.settings.topics)
    out = []
    for q in questions:
        query = analyze_question(q.question, aliases)
        passages, idf = retrieve(app, query)
        if without_source and q.article:
            gone = {row["id"] for row in app.store.query("select id from articles where url = ?", (q.article,))}
            passages = [p for p in passages if p.article not in gone]
        rows = [(e, p) for e, p in gather_evidence(query, passages, idf) if e.detailed] if passages else []
        x = evidence_features([e for e, _ in rows], query.qtype)
        y = np.array([q.answer is not None and contains(p.text, q.answer) for _, p in rows], dtype=float)
        gone_from_corpus = without_source and not y.any()
        out.append(Example(q, x, y, answerable=q.answer is not None and not gone_from_corpus))
    return out


def _stack(items: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    rows = [e for e in items if len(e.y)]
    return np.vstack([e.x for e in rows]), np.concatenate([e.y for e in rows])


def fit_model(items: list[Example], c: float) -> dict:
    model = fit_logistic(*_stack(items), c=c)
    model["features"] = list(ANSWER_FEATURES)
    return model


def outcomes(items: list[Example], tops: list[tuple[float, bool]], threshold: float) -> dict[str, int]:
    """Counts of right, wrong and declined answers at a threshold, given each question's best candidate."""
    counts = {"right": 0, "wrong": 0, "declined": 0, "declined_unanswerable": 0, "answerable": 0}
    for item, (score, right) in zip(items, tops):
        answerable = item.answerable
        counts["answerable"] += answerable
        if score < threshold:
            counts["declined"] += 1
            counts["declined_unanswerable"] += not answerable
        elif right:
            counts["right"] += 1
        else:
            counts["wrong"] += 1
    return counts


def cross_validated_tops(items: list[Example], c: float, folds: int) -> list[tuple[float, bool]]:
    """(best held-out probability, whether that sentence holds the answer) per question."""
    # a question and its copy asked without its source share a fold
    keys = list(dict.fromkeys((e.question.question, e.question.article) for e in items))
    key_fold = dict(zip(keys, np.random.default_rng(0).permutation(len(keys)) % folds))
    fold = np.array([key_fold[(e.question.question, e.question.article)] for e in items])
    tops: list[tuple[float, bool]] = [(0.0, False)] * len(items)
    for f in range(folds):
        model = fit_model([e for e, k in zip(items, fold) if k != f], c)
        for i in np.flatnonzero(fold == f):
            if len(items[i].y):
                p = answer_probabilities(model, items[i].x)
                best = int(np.argmax(p))
                tops[i] = (float(p[best]), bool(items[i].y[best]))
    return tops


def best_threshold(items: list[Example], tops: list[tuple[float, bool]], wrong_cost: float) -> tuple[float, float]:
    """(utility, threshold) maximising right answers minus `wrong_cost` x wrong ones; the lowest on ties."""
    best = (float("-inf"), 0.0)
    for threshold in THRESHOLDS:
        counts = outcomes(items, tops, threshold)
        utility = counts["right"] - wrong_cost * counts["wrong"]
        if utility > best[0]:
            best = (utility, threshold)
    return best


def train(items: list[Example], folds: int = 5, log=print) -> dict:
    """Choose C and the confidence threshold by cross-validation, then fit on every question.

    Both maximise right minus WRONG_COST x wrong answers over the held-out
    predictions. Below `min_score` the bot does not answer as confident
    (bot/commands/ask.py: it hedges down to `answers.hedge_score`, then declines).
    """
    best = None
    for c in C_GRID:
        tops = cross_validated_tops(items, c, folds)
        utility, threshold = best_threshold(items, tops, WRONG_COST)
        if best is None or utility > best[0]:
            best = (utility, c, threshold, tops)
        counts = outcomes(items, tops, 0.0)
        log(f"  C={c:<5} CV accuracy@1 (never declining) {counts['right'] / max(1, counts['answerable']):.1%}")
    _, c, threshold, tops = best
    log(f"chosen C={c}, confident from {threshold}; held-out predictions at each threshold:")
    log("  threshold  acc@1  precision  declined(unanswerable)")
    for t in THRESHOLDS[::2]:
        k = outcomes(items, tops, t)
        answered = k["right"] + k["wrong"]
        unanswerable = len(items) - k["answerable"]
        log(f"  {t:9.2f}  {k['right'] / max(1, k['answerable']):5.1%}  {k['right'] / max(1, answered):9.1%}  "
            f"{k['declined_unanswerable']}/{unanswerable}")
    model = fit_model(items, c)
    model.update({"C": c, "min_score": threshold, "questions": len(items),
                  "target": "the sentence contains the expected answer (evaluation.qa.contains)"})
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.train_qa", description=__doc__.split("\n")[0])
    parser.add_argument("--questions", default=str(ROOT / "tests" / "fixtures" / "qa_dev.jsonl"),
                        help="JSONL question file (its dev split is used)")
    parser.add_argument("--facqa", action="append", default=[], help="FacQA CSV: its dev split is used")
    parser.add_argument("--facqa-all", action="append", default=[], help="FacQA CSV: every question is used")
    parser.add_argument("--articles", type=int, default=None, help="IndoSum distractor articles (default all)")
    parser.add_argument("--db", help="keep the corpus database here and reuse it next time")
    parser.add_argument("--without-source", action="store_true",
                        help="also train on a copy of each FacQA question asked without its passage: more "
                             "unanswerable questions, fewer confident wrong answers, more declines (docs/qa.md)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args(argv)
    try:
        questions = [q for q in load_questions(args.questions) if q.split == "dev"]
        passages: dict[str, str] = {}
        sources = [(path, False) for path in args.facqa] + [(path, True) for path in args.facqa_all]
        for path, everything in sources:
            extra, texts = load_facqa(path)
            questions += [q for q in extra if everything or q.split == "dev"]
            passages.update(texts)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        app, present = build_app(args.db or str(Path(tmp) / "qa.db"), args.articles, INDOSUM, log=True, passages=passages)
        questions = [q for q in questions if not q.article or q.article in present]
        print(f"{len(questions)} training questions", file=sys.stderr)
        items = examples(app, questions)
        if args.without_source:
            items += examples(app, [q for q in questions if q.article and q.article.startswith("facqa:")],
                              without_source=True)
        print(f"{len(items)} training examples", file=sys.stderr)
        model = train(items, args.folds)
        app.store.close()
    model["trained_on"] = [Path(args.questions).name] + [Path(p).name for p in args.facqa + args.facqa_all]
    model["without_source"] = args.without_source
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
