"""The hedged replies: the one closest sentence, two rivals, or "the sources differ", and whether they hold the answer.

    python -m evaluation.hedges tests/fixtures/qa_dev.jsonl tests/fixtures/qa_en_pairs.jsonl \
        [--db PATH] [--show] [--frozen] [--types number,person,...]

Every question goes through the bot's dispatch path (as in `evaluation.qa`)
and its reply is sorted by title and length: confident; "the sources
differ" (two sentences from different outlets, each giving its own answer of
the asked type, both marked); a weak hedge with its rival (two sentences);
a weak hedge alone (one sentence); a plain no. For each hedge it counts the
answerable questions whose first, second or either sentence holds the gold
answer, and the unanswerable ones that got it (a "sources differ" there
claims a conflict the sources do not have). Rows by the question's answer
type; questions the answer model was trained on (split "dev" of
qa_dev.jsonl) are counted apart, since their ranking is in-sample.

Only the development part (`evaluation.holdout`) is counted unless
`--frozen`: choices are made on it. `--show` prints each development
question that got "the sources differ", to read whether the two answers
really conflict. `--types` measures the rule for other answer types than the
shipped `summarizer.answer_span.CONFLICT_TYPES` (it replaces that set for the run).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bot.commands.ask import english_aliases
from bot.i18n import t
from bot.models import Request
from evaluation.holdout import is_frozen
from evaluation.qa import INDOSUM, Question, build_app, contains, load_questions
from summarizer import answer_span
from summarizer.qa import analyze_question

KINDS = ("confident", "differ", "rivals", "closest", "no")


def kind_of(title: str, items: int) -> str:
    """The reply's kind (KINDS) from its title and number of items."""
    if not items:
        return "no"
    if title in {t("sources_differ", lang) for lang in ("id", "en")}:
        return "differ"
    if title in {t("weak_answer", lang) for lang in ("id", "en")}:
        return "rivals" if items > 1 else "closest"
    return "confident"


def tally(app, questions: Sequence[Question], present: set[str], frozen: bool = False,
          show: bool = False) -> dict[tuple[str, str], Counter]:
    """{(group, kind): Counter} over the questions of the chosen part; group "all", a qtype, or "trained"."""
    aliases = english_aliases(app.settings.topics)
    out: dict[tuple[str, str], Counter] = {}
    for q in questions:
        if q.article and q.article not in present:
            continue
        if is_frozen(q.article or q.question) != frozen:
            continue
        reply = app.handle(Request(platform="console", chat="evaluate_hedges", user="evaluator", command=None,
                                   args=q.question))
        kind = kind_of(reply.title, len(reply.items))
        qtype = analyze_question(q.question, aliases).qtype
        trained = q.split == "dev"  # qa_dev.jsonl's dev rows (qa_en_pairs.jsonl's are all held out)
        texts = [item.text for item in reply.items]
        marked = [item.text[item.highlight[0]:item.highlight[1]] for item in reply.items if item.highlight]
        counts = Counter(n=1)
        if q.answer is None:
            counts["unanswerable"] = 1
        else:
            counts["answerable"] = 1
            counts["first"] = bool(texts) and contains(texts[0], q.answer)
            counts["second"] = len(texts) > 1 and contains(texts[1], q.answer)
            counts["either"] = any(contains(x, q.answer) for x in texts[:2])
            counts["marked"] = any(contains(m, q.answer) for m in marked)
        for group in ("all", qtype, "trained" if trained else "not trained"):
            out.setdefault((group, kind), Counter()).update(counts)
        if show and kind == "differ":
            print(f"- [{qtype}{', trained' if trained else ''}] {q.question!r} want {q.answer!r}")
            for item in reply.items:
                start, end = item.highlight or (0, 0)
                print(f"    [{item.text[start:end]}] {', '.join(s.source for s in item.sources)}: {item.text[:160]}")
    return out


def format_tally(result: dict[tuple[str, str], Counter]) -> str:
    header = (f"{'group':<12} {'reply':<10} {'n':>4} {'answerable':>10} {'1st holds':>9} {'2nd holds':>9} "
              f"{'either':>6} {'marked':>6} {'unanswerable':>12}")
    lines = [header, "-" * len(header)]
    groups = sorted({g for g, _ in result}, key=lambda g: (g != "all", g in ("trained", "not trained"), g))
    for group in groups:
        for kind in KINDS:
            c = result.get((group, kind))
            if not c:
                continue
            lines.append(f"{group:<12} {kind:<10} {c['n']:>4} {c['answerable']:>10} {c['first']:>9} "
                         f"{c['second']:>9} {c['either']:>6} {c['marked']:>6} {c['unanswerable']:>12}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.hedges", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", help="JSONL question files (see docs/qa.md)")
    parser.add_argument("--db", help="keep the corpus database here and reuse it next time")
    parser.add_argument("--indosum", default=str(INDOSUM), help="IndoSum jsonl file")
    parser.add_argument("--show", action="store_true", help="print the development questions told the sources differ")
    parser.add_argument("--frozen", action="store_true", help="count the frozen part instead (once, after every choice)")
    parser.add_argument("--types", help="answer types told \"the sources differ\" for this run (default: the shipped "
                                        "summarizer.answer_span.CONFLICT_TYPES)")
    args = parser.parse_args(argv)
    if args.types:
        answer_span.CONFLICT_TYPES = frozenset(args.types.split(","))
    try:
        questions = [q for path in args.files for q in load_questions(path)]
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        app, present = build_app(args.db or str(Path(tmp) / "qa.db"), None, Path(args.indosum), log=True)
        result = tally(app, questions, present, frozen=args.frozen, show=args.show and not args.frozen)
        app.store.close()
    print(f"\n{'frozen' if args.frozen else 'development'} part:")
    print(format_tally(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
