"""Score ``split_sentences`` against IndoSum gold sentence boundaries.

Usage: ``python -m evaluation.splitter [PATH]`` (default: the shared
dev fold ``../shared/data/indosum/dev.01.jsonl`` beside the repository).

Each article is rebuilt from its tokens (``indosum.article_text``) and split.
A boundary is the end offset of a sentence counted in non-whitespace
characters, so the comparison ignores spacing. The end of the last sentence
is not counted (always right). Boundaries are reported twice: all of them,
and only those inside a paragraph, since paragraph ends are newlines and
therefore free.
"""

from __future__ import annotations

import argparse

import sys
from dataclasses import dataclass, field
from pathlib import Path

from evaluation import indosum
from summarizer.text import split_sentences

DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "indosum" / "dev.01.jsonl"


@dataclass
class Score:
    """Boundary counts for one view (all, or inside paragraphs)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[int], pred: set[int]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    """Scores over a fold plus examples of errors for inspection."""

    articles: int = 0
    all: Score = field(default_factory=Score)
    inner: Score = field(default_factory=Score)
    errors: list[tuple[str, str]] = field(default_factory=list)


def _ends(lengths: list[int]) -> list[int]:
    """Cumulative end offsets for a list of lengths."""
    out, total = [], 0
    for n in lengths:
        total += n
        out.append(total)
    return out


def _nonspace_len(s: str) -> int:
    return sum(1 for ch in s if not ch.isspace())


def score_record(rec: dict, result: Result, keep_errors: int = 0) -> None:
    """Add one article's boundaries to ``result``."""
    paras = indosum.paragraph_sentences(rec)
    gold_lens = [sum(map(_nonspace_len, sent)) for para in paras for sent in para]
    para_ends = set(_ends([sum(sum(map(_nonspace_len, s)) for s in para) for para in paras]))
    gold = set(_ends(gold_lens))
    pred_sents = split_sentences(indosum.article_text(rec))
    pred = set(_ends([_nonspace_len(s) for s in pred_sents]))
    last = max(gold | pred, default=0)
    gold.discard(last)
    pred.discard(last)
    result.articles += 1
    result.all.add(gold, pred)
    result.inner.add(gold - para_ends, pred - para_ends)
    if len(result.errors) < keep_errors and gold != pred:
        text = "".join(ch for ch in indosum.article_text(rec) if not ch.isspace())
        for off in sorted(gold ^ pred):
            kind = "missed" if off in gold else "extra"
            result.errors.append((kind, text[max(0, off - 50) : off] + " | " + text[off : off + 30]))


def evaluate(path: str | Path, keep_errors: int = 0) -> Result:
    """Score every article of an IndoSum jsonl file."""
    result = Result()
    for rec in indosum.load(path):
        score_record(rec, result, keep_errors)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.splitter",
                                     description="Sentence-boundary precision and recall of the splitter on IndoSum.")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH,
                        help=f"an IndoSum jsonl file (default: {DEFAULT_PATH})")
    parser.add_argument("--errors", action="store_true", help="print up to 200 missed and extra boundaries")
    args = parser.parse_args(argv)
    path = args.path
    if not path.exists():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    res = evaluate(path, keep_errors=200 if args.errors else 0)
    print(f"IndoSum (CC BY-SA 4.0) {path.name}: {res.articles} articles")
    print(f"{'boundaries':<18}{'gold':>8}{'pred':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for name, s in (("all", res.all), ("inside paragraph", res.inner)):
        print(f"{name:<18}{s.tp + s.fn:>8}{s.tp + s.fp:>8}{s.precision:>8.4f}{s.recall:>8.4f}{s.f1:>8.4f}")
    for kind, ctx in res.errors:
        print(f"{kind:>6}: {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
