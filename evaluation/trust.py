"""Sure answers that are right, and the highlighted answer phrase, under the frozen-test protocol.

    python -m evaluation.trust tests/fixtures/qa_dev.jsonl tests/fixtures/qa_en_pairs.jsonl \
        [--facqa valid_preprocess.csv] [--db PATH] [--precision 0.95] [--learned] [--frozen] \
        [--plot docs/qa-precision-coverage.png]

Every question is ranked as the bot ranks it (`bot.commands.ask.answer`); its
best sentence's probability decides whether the reply is sure. Questions are
split by `evaluation.holdout` on their article (a question without one by its
own text) into a development part and a frozen part.

- Questions the answer model was trained on (split "dev" of qa_dev.jsonl)
  score in-sample, so they are left out of both choice and report.
- The threshold is the lowest probability at which the sure answers of the
  development part hold the answer at least `--precision` of the time (an
  unanswerable question answered surely counts as wrong). Its development
  figure is cross-validated (chosen on four fifths, measured on the fifth);
  the frozen part is measured once, with exact binomial intervals for shares
  and a bootstrap interval for the highlight's mean token F1.
- The highlight (`summarizer.answer_span.answer_phrase`) is scored on the
  best-ranked sentence that holds the answer: exact match and token F1
  against the gold answer (the best of its spellings).

`--facqa` adds the questions of an IndoNLU FacQA split (its passages join the
corpus, as in `evaluation.qa --facqa`), split by passage like the rest; the
answer model never saw FacQA's validation split, so all of it can be scored.
Its highlight is scored against FacQA's gold spans (`seq_label`).

`--learned` also cross-validates the alternatives the issue suggested: learned
confidences over several signals of the ranked list (`list_features`; a logistic
model over all of them, a regularised one over the lead, the best probability
and the agreement of the runners-up) instead of the
lead alone, with the threshold chosen inside each outer fold (nested), beside
the lead alone under the same protocol (needs scikit-learn).

English questions (`"lang": "en"`) are reported on their own; a question with
`pair_of` is the English wording of that Indonesian question (same article
and gold), so the two languages are compared on the same answers.
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.commands.ask import answer as ranked_answers
from bot.commands.ask import english_aliases
from evaluation.qa import INDOSUM, Question, build_app, contains, load_facqa, load_questions, normalise
from summarizer.answer_span import answer_margin, answer_phrase
from evaluation.holdout import bootstrap_interval, is_frozen
from summarizer.qa import Passage, Query, analyze_question, answer_candidates
from summarizer.tokens import cased_words, words

THRESHOLDS = np.round(np.arange(0.0, 1.0, 0.01), 2)


@dataclass(frozen=True)
class Record:
    question: Question
    part: str  # "development" or "frozen"
    lang: str  # "id" or "en"
    best: float  # the best sentence's probability (0 when nothing was ranked)
    confidence: float  # its lead over the best other answer (`answer_margin`); -1 below `answers.min_score`
    right: bool  # the best sentence holds the answer (False for an unanswerable question)
    phrase: str | None  # the highlighted phrase in the best sentence that holds the answer
    has_answer_sentence: bool
    source: str = "ours"  # "ours" (tests/fixtures) or "facqa"
    features: tuple[float, ...] = ()  # LIST_FEATURES of the ranked list (for --learned)


def phrase_scores(phrase: str | None, gold: str | Sequence[str]) -> tuple[float, float]:
    """(exact match, token F1) of a highlighted phrase against the gold answer, best over its spellings."""
    if not phrase:
        return 0.0, 0.0
    options = [gold] if isinstance(gold, str) else list(gold)
    best = (0.0, 0.0)
    for option in options:
        got, want = words(normalise(phrase)), words(normalise(option))
        common = sum((Counter(got) & Counter(want)).values())
        f1 = 0.0 if not common else 2 * common / (len(got) + len(want))
        best = max(best, (float(got == want), f1))
    return best


LIST_FEATURES = ("best", "lead", "gap", "agreement", "rivals", "own", "article", "own_vs_rival",
                 "rival_same_article", "names_sentence", "names_article", "phrase", "strength", "log_concepts",
                 "english", "typed")


def list_features(query: Query, ranked: Sequence[tuple[float, Passage]], look: int = 10) -> tuple[float, ...]:
    """LIST_FEATURES: what the ranked list says about how sure its best sentence is.

    The best probability and its lead (`answer_margin`); the gap to the runner-up;
    the share of the top's probability that backs the best answer phrase; how many
    rivals score half the best or more; the share of the question's concepts in the
    best sentence, in its article, and against the best rival's; whether that rival
    is in the same article; the question's names in the sentence and the article;
    whether an answer phrase of the asked type is found and how strong; the
    question's length, language and whether it has an answer type.
    """
    if not ranked:
        return (0.0,) * len(LIST_FEATURES)
    top = list(ranked[:look])
    best_score, best = top[0]

    def phrase_of(passage: Passage) -> str | None:
        span = answer_phrase(query, passage.text, passage.entities)
        return passage.text[span[0]:span[1]].lower() if span else None

    def share(stems: set[str], tokens: set[str]) -> float:
        found = sum(bool(c.stems & stems or c.primary & stems or c.forms & tokens) for c in query.concepts)
        return found / len(query.concepts) if query.concepts else 1.0

    phrase = phrase_of(best)
    rival = next(((s, p) for s, p in top[1:] if phrase is None or phrase_of(p) != phrase), None)
    agreeing = best_score + sum(s for s, p in top[1:] if phrase is not None and phrase_of(p) == phrase)
    article = [p for _, p in ranked if p.article == best.article]
    sentence_tokens = set(words(best.text))
    article_tokens = set().union(*(words(p.text) for p in article))
    own = share(set(best.stems), sentence_tokens)
    rival_own = share(set(rival[1].stems), set(words(rival[1].text))) if rival else 0.0
    names = {w.lower() for i, w in enumerate(cased_words(query.text)) if i and w[:1].isupper()}  # not "Siapa"
    tokens = words(best.text)
    strength = max((s for i, s in answer_candidates(query, best.text, best.entities, tokens) if s > 0), default=0.0)
    return (best_score, answer_margin(query, ranked), best_score - (top[1][0] if len(top) > 1 else 0.0),
            agreeing / (sum(s for s, _ in top) or 1.0), float(sum(s >= 0.5 * best_score for s, _ in top[1:])),
            own, share(set().union(*(p.stems for p in article)), article_tokens), own - rival_own,
            float(bool(rival) and rival[1].article == best.article),
            sum(n in sentence_tokens for n in names) / len(names) if names else 1.0,
            sum(n in article_tokens for n in names) / len(names) if names else 1.0,
            float(phrase is not None), strength, math.log1p(len(query.concepts)), float(query.lang == "en"),
            float(query.qtype in ("number", "person", "time", "place", "name")))


def collect(app, questions: Sequence[Question], present: set[str], features: bool = False) -> list[Record]:
    """One Record per question whose article is stored (a FacQA question carries split "facqa")."""
    aliases = english_aliases(app.settings.topics)
    floor = app.settings.answers.min_score
    records = []
    for q in questions:
        if q.article and q.article not in present:
            continue
        query = analyze_question(q.question, aliases)
        ranked = ranked_answers(app, query)
        best = ranked[0][0] if ranked else 0.0
        right = q.answer is not None and bool(ranked) and contains(ranked[0][1].text, q.answer)
        holder = next((p for _, p in ranked if contains(p.text, q.answer)), None) if q.answer else None
        phrase = None
        if holder is not None:
            span = answer_phrase(query, holder.text, holder.entities)
            phrase = holder.text[span[0]:span[1]] if span else None
        lang = q.lang or query.lang
        confidence = answer_margin(query, ranked) if best >= floor else -1.0
        records.append(Record(q, "frozen" if is_frozen(q.article or q.question) else "development",
                              "en" if lang == "en" else "id", best, confidence, right, phrase, holder is not None,
                              "facqa" if q.split == "facqa" else "ours",
                              list_features(query, ranked) if features else ()))
    return records


def _value(r: Record, key: str) -> float:
    return r.confidence if key == "margin" else r.best


def curve(records: Sequence[Record], key: str = "margin") -> list[tuple[float, float, float, int]]:
    """(threshold, precision of the sure answers, coverage of the answerable questions, sure) per threshold.

    `key` "margin": sure from `answer_margin` (the shipped rule); "best": from the best probability alone.
    """
    answerable = sum(r.question.answer is not None for r in records)
    out = []
    for t in THRESHOLDS:
        sure = [r for r in records if _value(r, key) >= t]
        right = sum(r.right for r in sure)
        out.append((float(t), right / len(sure) if sure else float("nan"),
                    sum(r.right for r in sure) / answerable if answerable else float("nan"), len(sure)))
    return out


def choose_threshold(records: Sequence[Record], precision: float, min_sure: int = 10) -> float:
    """The lowest threshold whose sure answers (at least `min_sure`) reach `precision`."""
    for t, p, _, sure in curve(records):
        if sure >= min_sure and p >= precision:
            return t
    return float(THRESHOLDS[-1])


def share_interval(flags: Sequence[bool]) -> tuple[float, float]:
    """Exact (Clopper-Pearson) 95% interval of a share: a bootstrap of 14 right out of 14 would say [100%, 100%]."""
    from scipy.stats import binomtest

    if not flags:
        return float("nan"), float("nan")
    interval = binomtest(int(sum(flags)), len(flags)).proportion_ci(confidence_level=0.95, method="exact")
    return float(interval.low), float(interval.high)


def measure(records: Sequence[Record], threshold: float, key: str = "margin") -> dict:
    sure = [r for r in records if _value(r, key) >= threshold]
    answerable = [r for r in records if r.question.answer is not None]
    unanswerable = [r for r in records if r.question.answer is None]
    return {"n": len(records), "answerable": len(answerable), "unanswerable": len(unanswerable),
            "sure": len(sure), "precision": np.mean([r.right for r in sure]) if sure else float("nan"),
            "precision_ci": share_interval([r.right for r in sure]),
            "coverage": np.mean([r.right and r in sure for r in answerable]) if answerable else float("nan"),
            "coverage_ci": share_interval([r.right and r in sure for r in answerable]),
            "top1": np.mean([r.right for r in answerable]) if answerable else float("nan"),
            "top1_ci": share_interval([r.right for r in answerable]),
            "unanswerable_sure": sum(r in sure for r in unanswerable)}


def cross_validated(records: Sequence[Record], precision: float, folds: int = 5) -> dict:
    """Threshold chosen on four fifths of the development part, measured on the fifth; pooled."""
    order = np.random.default_rng(0).permutation(len(records))
    sure_right = sure_all = covered = 0
    answerable = sum(r.question.answer is not None for r in records)
    chosen = []
    for f in range(folds):
        test = [records[i] for i in order[f::folds]]
        train = [records[i] for k, i in enumerate(order) if k % folds != f]
        t = choose_threshold(train, precision)
        chosen.append(t)
        sure = [r for r in test if r.confidence >= t]
        sure_all += len(sure)
        sure_right += sum(r.right for r in sure)
        covered += sum(r.right for r in sure)
    return {"precision": sure_right / sure_all if sure_all else float("nan"),
            "coverage": covered / answerable if answerable else float("nan"), "thresholds": chosen}


# The alternatives to the lead alone that --learned cross-validates: (features, model factory name).
LEARNED_RULES = {
    "learned": (LIST_FEATURES, "logistic"),  # every list signal
    "learned_small": (("lead", "best", "agreement"), "logistic_strong"),  # the three that carry most, regularised
}


def _model(kind: str):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=0.1 if kind == "logistic_strong" else 1.0,
                                                              max_iter=2000))


def nested_learned(records: Sequence[Record], precision: float, folds: int = 5, seed: int = 0,
                   rules: dict[str, tuple[Sequence[str], str]] | None = None) -> dict:
    """The lead alone against learned confidences over LIST_FEATURES, all under nested cross-validation.

    Outer folds measure; inside each outer training part, a model's out-of-fold
    probabilities (inner folds) choose its threshold the way `choose_threshold`
    chooses the lead's, so no rule sees the fold it is measured on. `rules` maps a
    name to (features, model kind), `LEARNED_RULES` by default. Returns
    {rule: {"precision", "coverage", "sure", "auc"}}, "lead" first.
    """
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    rules = LEARNED_RULES if rules is None else rules
    x = np.array([r.features for r in records], dtype=float)
    y = np.array([r.right for r in records], dtype=int)
    answerable = sum(r.question.answer is not None for r in records)

    def threshold(scores: np.ndarray, labels: np.ndarray, min_sure: int = 10) -> float:
        for t in THRESHOLDS:
            sure = scores >= t
            if sure.sum() >= min_sure and labels[sure].mean() >= precision:
                return float(t)
        return float("inf")

    lead = x[:, LIST_FEATURES.index("lead")]
    sure = {name: np.zeros(len(y), bool) for name in ("lead", *rules)}
    scores = {"lead": lead, **{name: np.zeros(len(y)) for name in rules}}
    outer = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in outer.split(x, y):
        sure["lead"][test] = lead[test] >= threshold(lead[train], y[train])
        inner = StratifiedKFold(folds, shuffle=True, random_state=seed + 1)
        for name, (features, kind) in rules.items():
            columns = [LIST_FEATURES.index(f) for f in features]
            fitted = _model(kind).fit(x[train][:, columns], y[train])
            scores[name][test] = fitted.predict_proba(x[test][:, columns])[:, 1]
            oof = cross_val_predict(_model(kind), x[train][:, columns], y[train], cv=inner,
                                    method="predict_proba")[:, 1]
            sure[name][test] = scores[name][test] >= threshold(oof, y[train])
    return {rule: {"sure": int(chosen.sum()), "precision": float(y[chosen].mean()) if chosen.any() else float("nan"),
                   "coverage": float(y[chosen].sum() / answerable) if answerable else float("nan"),
                   "auc": float(roc_auc_score(y, scores[rule])) if 0 < y.sum() < len(y) else float("nan")}
            for rule, chosen in sure.items()}


def highlight_table(records: Sequence[Record]) -> dict:
    scored = [phrase_scores(r.phrase, r.question.answer) for r in records if r.has_answer_sentence]
    if not scored:
        return {"n": 0, "em": float("nan"), "f1": float("nan"), "f1_ci": (float("nan"),) * 2}
    return {"n": len(scored), "em": float(np.mean([s[0] for s in scored])),
            "f1": float(np.mean([s[1] for s in scored])), "f1_ci": bootstrap_interval([s[1] for s in scored])}


def plot(records_by_label: dict[str, Sequence[Record]], threshold: float, target: float, path: Path,
         before: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.4), dpi=110)
    for label, records in records_by_label.items():
        for key, style in (("margin", "-"), ("best", ":")):
            points = [(c, p) for _, p, c, sure in curve(records, key) if sure >= 5]
            line, = ax.plot([c for c, _ in points], [p for _, p in points], style, marker=".", markersize=3,
                            label=f"{label}: {'lead over the other answers' if key == 'margin' else 'probability alone'}")
            chosen = measure(records, threshold) if key == "margin" else measure(records, before, "best")
            ax.scatter([chosen["coverage"]], [chosen["precision"]], s=40, zorder=3, color=line.get_color())
    ax.axhline(target, color="grey", linestyle="--", linewidth=0.8)
    ax.set_xlabel("coverage: answerable questions answered surely and right")
    ax.set_ylabel("precision: sure answers that hold the answer")
    ax.set_title(f"Sure answers by threshold (dots: lead {threshold:.2f}; probability {before:.2f} before)",
                 fontsize=10)
    ax.set_ylim(0.5, 1.01)
    ax.set_xlim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def _groups(records: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """The question sets reported apart: ours in Indonesian, ours in English, FacQA (when asked)."""
    groups = [("ours id", [r for r in records if r.source == "ours" and r.lang == "id"]),
              ("ours en", [r for r in records if r.source == "ours" and r.lang == "en"]),
              ("facqa", [r for r in records if r.source == "facqa"])]
    return [(name, group) for name, group in groups if group]


def _row(label: str, m: dict) -> str:
    return (f"{label:<40} {m['n']:>4} {m['top1']:>6.1%} [{m['top1_ci'][0]:.0%}-{m['top1_ci'][1]:.0%}] "
            f"{m['sure']:>4} {m['precision']:>7.1%} [{m['precision_ci'][0]:.0%}-{m['precision_ci'][1]:.0%}] "
            f"{m['coverage']:>6.1%} [{m['coverage_ci'][0]:.0%}-{m['coverage_ci'][1]:.0%}] "
            f"{m['unanswerable_sure']:>3}/{m['unanswerable']:<3}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.trust", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", help="JSONL question files (see docs/qa.md)")
    parser.add_argument("--db", help="keep the corpus database here and reuse it next time")
    parser.add_argument("--indosum", default=str(INDOSUM), help="IndoSum jsonl file")
    parser.add_argument("--precision", type=float, default=0.95, help="the precision the sure answers must reach")
    parser.add_argument("--plot", help="write the precision-coverage curve here (PNG)")
    parser.add_argument("--facqa", help="also ask the questions of this IndoNLU FacQA split (CSV)")
    parser.add_argument("--learned", action="store_true",
                        help="also cross-validate a logistic confidence over several signals (needs scikit-learn)")
    parser.add_argument("--frozen", action="store_true",
                        help="also report the frozen part (do this once, after every choice is made)")
    args = parser.parse_args(argv)
    try:
        questions = [q for path in args.files for q in load_questions(path)]
        facqa, passages = load_facqa(args.facqa) if args.facqa else ([], {})
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # the answer model never saw FacQA's validation split: every question of it can be scored
    questions += [dataclasses.replace(q, split="facqa") for q in facqa]
    with tempfile.TemporaryDirectory() as tmp:
        app, present = build_app(args.db or str(Path(tmp) / "qa.db"), None, Path(args.indosum), log=True,
                                 passages=passages)
        everything = collect(app, questions, present, features=args.learned)
        shipped_floor = app.settings.answers.min_score
        shipped_margin = app.settings.answers.sure_margin
        app.store.close()
    records = [r for r in everything if r.question.split != "dev"]
    indonesian = {(r.question.article, str(r.question.answer)): r for r in everything if r.lang == "id"}
    pairs = [(indonesian[key], r) for r in everything if r.lang == "en" and r.question.lang == "en"
             for key in [(r.question.article, str(r.question.answer))] if key in indonesian]
    development = [r for r in records if r.part == "development"]
    frozen = [r for r in records if r.part == "frozen"] if args.frozen else []
    threshold = choose_threshold(development, args.precision)
    cv = cross_validated(development, args.precision)
    print(f"questions not trained on: {len(development)} development, "
          f"{len(frozen) if args.frozen else 'not shown:'} frozen "
          f"(questions the answer model was trained on are left out)")
    print(f"threshold for {args.precision:.0%} precision, chosen on the development part: {threshold:.2f}; "
          f"development 5-fold CV: precision {cv['precision']:.1%}, coverage {cv['coverage']:.1%} "
          f"(thresholds {', '.join(f'{t:.2f}' for t in cv['thresholds'])}); shipped: {shipped_margin:.2f}\n")
    print(f"{'part':<40} {'n':>4} {'top holds answer':>16} {'sure':>4} {'precision [95% CI]':>18} "
          f"{'coverage [95% CI]':>17} unanswerable sure")
    parts = (("development", development), ("frozen", frozen)) if args.frozen else (("development", development),)
    for label, part in parts:
        print(_row(f"{label}, lead >= {shipped_margin:.2f} (shipped)", measure(part, shipped_margin)))
        for name, group in _groups(part):
            print(_row(f"  {name}", measure(group, shipped_margin)))
        print(_row(f"{label}, before: probability >= {shipped_floor:.2f}", measure(part, shipped_floor, "best")))
    if args.learned:
        print(f"\nnested 5-fold CV on the development part, {args.precision:.0%} precision asked "
              "(threshold chosen inside each outer fold):")
        names = {"lead": "lead alone", "learned": f"logistic over {len(LIST_FEATURES)} list features",
                 "learned_small": "logistic, lead+best+agreement, C=0.1"}
        for rule, m in nested_learned(development, args.precision).items():
            name = names[rule]
            print(f"  {name:<40} sure {m['sure']:>4}  precision {m['precision']:.1%}  coverage {m['coverage']:.1%}"
                  f"  AUC {m['auc']:.3f}")
    print("\nEnglish against the same questions in Indonesian (same article and gold; top sentence holds the answer):")
    for label, rows in (("all pairs", pairs), ("pairs on held-out questions", [p for p in pairs if p[0].question.split != "dev"])):
        if rows:
            print(f"{label:<30} n={len(rows):>3}  Indonesian {np.mean([i.right for i, _ in rows]):.1%}  "
                  f"English {np.mean([e.right for _, e in rows]):.1%}")
    print("\nhighlighted answer phrase in the best sentence that holds the answer (exact match, token F1):")
    for label, part in parts:
        for name, group in _groups(part):
            h = highlight_table(group)
            print(f"{label:<12} {name:<12} n={h['n']:>4}  EM {h['em']:.1%}  F1 {h['f1']:.3f} "
                  f"[{h['f1_ci'][0]:.3f}-{h['f1_ci'][1]:.3f}]")
    if args.plot:
        plot(dict(parts), shipped_margin, args.precision, Path(args.plot),
             shipped_floor)
        print(f"\ncurve: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
