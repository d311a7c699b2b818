"""Cloze-style training questions for the answer model, and whether they help (issue 22, point 5).

    python -m evaluation.cloze_qa [--facqa valid_preprocess.csv] [--db PATH] [--limit N] [--frozen]

In sentences of the development IndoSum articles (never the frozen part,
`evaluation.holdout`), a figure becomes "berapa" or a person's name "siapa";
the sentence is the answer ("... sebanyak berapa carton ...?" -> "1.000").
The answer model is trained twice by `evaluation.train_qa`'s own fitting, on the
"dev" questions of tests/fixtures/qa_dev.jsonl alone and with the cloze
questions added, and each is scored on the development evaluation
questions (ours not trained on, the English pairs, FacQA validation's
development part): how often the best candidate holds the answer.
`--frozen` scores the frozen part instead: only for a change the
development part has already accepted.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from evaluation.qa import INDOSUM, Question, build_app, indosum_records, load_facqa, load_questions
from bot.settings import ROOT
from evaluation.train_qa import Example, fit_model, examples
from summarizer.entities import extract_entities
from evaluation.holdout import is_frozen
from evaluation.indosum import article_text
from summarizer.qa import answer_probabilities, person_like
from summarizer.text import is_boilerplate, split_sentences

_FIGURE = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d+(?:,\d+)?\b")
_YEAR = re.compile(r"(19|20)\d\d")
C_GRID = (0.1, 0.3, 1.0)


def _figure(sentence: str) -> re.Match[str] | None:
    """The first figure that counts something: not a year, not part of a date or score ("27/3", "2-1")."""
    for m in _FIGURE.finditer(sentence):
        before, after = sentence[m.start() - 1:m.start()], sentence[m.end():m.end() + 1]
        if not _YEAR.fullmatch(m.group()) and before not in "/:-" and after == " ":
            return m
    return None


def cloze_questions(records: Iterable[dict], per_article: int = 3) -> list[Question]:
    """Up to `per_article` cloze questions from each development article (its lead sentence left out)."""
    out: list[Question] = []
    for rec in records:
        if is_frozen(rec["id"]):
            continue
        made = 0
        for sentence in split_sentences(article_text(rec))[1:]:
            if made >= per_article:
                break
            if not 8 <= len(sentence.split()) <= 40 or is_boilerplate(sentence) \
                    or sentence.lower().startswith("baca juga"):
                continue
            figure = _figure(sentence)
            if figure:
                masked, answer = sentence[:figure.start()] + "berapa" + sentence[figure.end():], figure.group()
            else:
                people = [e for e in extract_entities(sentence) if len(e.split()) >= 2 and e in sentence
                          and not sentence.startswith(e) and person_like(e) >= 0.9]
                if not people:
                    continue
                masked, answer = sentence.replace(people[0], "siapa", 1), people[0]
            out.append(Question(masked.rstrip(". ") + "?", answer, rec["id"], "dev"))
            made += 1
    return out


def top1(model: dict, items: list[Example]) -> float:
    """Share of the answerable questions whose best-scored candidate holds the answer."""
    scored = [bool(len(e.y)) and bool(e.y[int(np.argmax(answer_probabilities(model, e.x)))])
              for e in items if e.question.answer is not None]
    return float(np.mean(scored)) if scored else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.cloze_qa", description=__doc__.split("\n")[0])
    parser.add_argument("--questions", nargs="+", default=[str(ROOT / "tests" / "fixtures" / "qa_dev.jsonl"),
                                                           str(ROOT / "tests" / "fixtures" / "qa_en_pairs.jsonl")])
    parser.add_argument("--facqa", help="FacQA CSV whose questions join the evaluation (never the training)")
    parser.add_argument("--db", help="keep the corpus database here and reuse it next time")
    parser.add_argument("--limit", type=int, default=None, help="at most this many cloze questions")
    parser.add_argument("--frozen", action="store_true", help="score the frozen part (once, at the end)")
    args = parser.parse_args(argv)
    try:
        ours = [q for path in args.questions for q in load_questions(path)]
        facqa, passages = load_facqa(args.facqa) if args.facqa else ([], {})
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cloze = cloze_questions(indosum_records(INDOSUM, None))[:args.limit]
    part = "frozen" if args.frozen else "development"
    with tempfile.TemporaryDirectory() as tmp:
        app, present = build_app(args.db or str(Path(tmp) / "qa.db"), None, INDOSUM, passages=passages)
        base = [q for q in ours if q.split == "dev" and (not q.article or q.article in present)]
        scored = [q for q in [q for q in ours if q.split != "dev"] + facqa
                  if (not q.article or q.article in present) and is_frozen(q.article or q.question) == args.frozen]
        trained, extra, measured = examples(app, base), examples(app, cloze), examples(app, scored)
        app.store.close()
    print(f"{len(cloze)} cloze questions from the development articles; {len(base)} training questions; "
          f"{len(measured)} {part} questions scored")
    for c in C_GRID:
        print(f"C={c:<4} best candidate holds the answer: without cloze {top1(fit_model(trained, c), measured):.1%}, "
              f"with {top1(fit_model(trained + extra, c), measured):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
