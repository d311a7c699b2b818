"""Sure answers that are right, and the highlighted answer phrase, under the frozen-test protocol.

    python -m bot.evaluate_trust tests/fixtures/qa_dev.jsonl tests/fixtures/qa_en_pairs.jsonl \
        [--db PATH] [--precision 0.95] [--plot docs/qa-precision-coverage.png]

Every question is ranked as the bot ranks it (`bot.commands.ask.answer`); its
best sentence's probability decides whether the reply is sure. Questions are
split by `summarizer.holdout` on their article (a question without one by its
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

English questions (`"lang": "en"`) are reported on their own; a question with
`pair_of` is the English wording of that Indonesian question (same article
and gold), so the two languages are compared on the same answers.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.commands.ask import answer as ranked_answers
from bot.commands.ask import english_aliases
from bot.evaluate_qa import INDOSUM, Question, build_app, contains, load_questions, normalise
from summarizer.answer_span import answer_margin, answer_phrase
from summarizer.holdout import bootstrap_interval, is_frozen
from summarizer.qa import analyze_question
from summarizer.tokens import words

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


def collect(app, questions: Sequence[Question], present: set[str]) -> list[Record]:
    aliases = english_aliases(app.settings.topics)
    floor = app.settings.get("answers.min_score")
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
                              "en" if lang == "en" else "id", best, confidence, right, phrase, holder is not None))
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


def _row(label: str, m: dict) -> str:
    return (f"{label:<40} {m['n']:>4} {m['top1']:>6.1%} [{m['top1_ci'][0]:.0%}-{m['top1_ci'][1]:.0%}] "
            f"{m['sure']:>4} {m['precision']:>7.1%} [{m['precision_ci'][0]:.0%}-{m['precision_ci'][1]:.0%}] "
            f"{m['coverage']:>6.1%} [{m['coverage_ci'][0]:.0%}-{m['coverage_ci'][1]:.0%}] "
            f"{m['unanswerable_sure']:>3}/{m['unanswerable']:<3}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.evaluate_trust", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", help="JSONL question files (see docs/qa.md)")
    parser.add_argument("--db", help="keep the corpus database here and reuse it next time")
    parser.add_argument("--indosum", default=str(INDOSUM), help="IndoSum jsonl file")
    parser.add_argument("--precision", type=float, default=0.95, help="the precision the sure answers must reach")
    parser.add_argument("--plot", help="write the precision-coverage curve here (PNG)")
    parser.add_argument("--frozen", action="store_true",
                        help="also report the frozen part (do this once, after every choice is made)")
    args = parser.parse_args(argv)
    try:
        questions = [q for path in args.files for q in load_questions(path)]
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        app, present = build_app(args.db or str(Path(tmp) / "qa.db"), None, Path(args.indosum), log=True)
        everything = collect(app, questions, present)
        shipped_floor = app.settings.get("answers.min_score")
        shipped_margin = app.settings.get("answers.sure_margin")
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
        for lang in ("id", "en"):
            print(_row(f"  {lang}", measure([r for r in part if r.lang == lang], shipped_margin)))
        print(_row(f"{label}, before: probability >= {shipped_floor:.2f}", measure(part, shipped_floor, "best")))
    print("\nEnglish against the same questions in Indonesian (same article and gold; top sentence holds the answer):")
    for label, rows in (("all pairs", pairs), ("pairs on held-out questions", [p for p in pairs if p[0].question.split != "dev"])):
        if rows:
            print(f"{label:<30} n={len(rows):>3}  Indonesian {np.mean([i.right for i, _ in rows]):.1%}  "
                  f"English {np.mean([e.right for _, e in rows]):.1%}")
    print("\nhighlighted answer phrase in the best sentence that holds the answer (exact match, token F1):")
    for label, part in parts:
        for lang in ("id", "en"):
            h = highlight_table([r for r in part if r.lang == lang])
            print(f"{label:<12} {lang}  n={h['n']:>4}  EM {h['em']:.1%}  F1 {h['f1']:.3f} "
                  f"[{h['f1_ci'][0]:.3f}-{h['f1_ci'][1]:.3f}]")
    if args.plot:
        plot(dict(parts), shipped_margin, args.precision, Path(args.plot),
             shipped_floor)
        print(f"\ncurve: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
