"""Answer accuracy on a question file: ours against a plain FTS5 BM25 baseline, dev vs held-out.

    python -m evaluation.qa tests/fixtures/qa_dev.jsonl [--articles N] [--db PATH] [--show-failures]
    python -m evaluation.qa --facqa valid_preprocess.csv [--db PATH]
    python -m evaluation.qa questions.jsonl --corpus passages/ [--articles 0] [--breakdown]

The question file is JSON Lines, one object a line (see docs/qa.md):

    {"question": "Berapa tentara ...?", "answer": "50.000", "article": "000_4c569219ec8c9d2b.txt",
     "split": "dev"}

`answer` is a substring the top answer sentence must contain (case-insensitive,
thousand separators ignored), or null for a question the corpus does not
answer: then the bot must say so. `article` (optional) is an IndoSum id, a
seed file name, or the file name or url of an article ingested with --corpus
(or already in --db); `split` is "dev" (default) or "heldout".

The corpus is the bundled seeds plus the first N IndoSum articles of
../shared/data/indosum/dev.01.jsonl (all 750 by default), so every question
competes with thousands of distractor sentences. Ingestion is the slow part:
--db keeps the database for the next run (already stored articles are skipped).
Questions about an article outside the corpus are left out, and the count of
them is printed. --corpus adds any other articles: an external question set
about passages of its own is run by putting the passages in a folder of .txt
files (or a .jsonl file with `text` and `url`) and naming them in `article`.

With --facqa, FILE is instead a split of IndoNLU's FacQA (Purwarianti et al.;
`dataset/facqa_qa-factoid-itb/*_preprocess.csv` in github.com/IndoNLP/indonlu:
columns question, passage, seq_label, each a Python list of tokens, the answer
marked B/I): an external set of Indonesian factoid questions about news
passages, written by other people. Each distinct passage is ingested as an
article beside the seeds and IndoSum distractors, and the answer is the
marked span. Questions whose line index ends in 1, 4 or 7 are "heldout".

Every question goes through the bot's own dispatch path (BotApp.handle with a
console Request). The baseline is a plain FTS5 BM25 query over the raw
sentence text (unicode61 tokens, no stemming, no stop words, the question's
words OR-ed), built in the same database and asked the same questions.
"""
from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import BotApp
from bot.commands.ask import answer as ranked_answers
from bot.commands.ask import english_aliases
from bot.i18n import t
from bot.ingest import ingest_text
from bot.models import Request
from bot.settings import ROOT, load_settings
from bot.store import Store, get_meta, set_meta
from summarizer.qa import Passage, analyze_question

INDOSUM = ROOT.parent / "shared" / "data" / "indosum" / "dev.01.jsonl"
_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d{3}\b)")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Question:
    question: str
    answer: str | tuple[str, ...] | None  # None: the corpus does not answer it
    article: str | None = None
    split: str = "dev"
    lang: str | None = None


def load_questions(path: str | Path) -> list[Question]:
    """Read the JSONL question file; a malformed line names its number."""
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            record = json.loads(line)
            answer = record.get("answer")
            if isinstance(answer, list):
                answer = tuple(answer)
            out.append(Question(question=record["question"], answer=answer,
                                article=record.get("article"), split=record.get("split", "dev"),
                                lang=record.get("lang")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a question object ({exc})") from None
    return out


def answer_spans(tokens: Sequence[str], labels: Sequence[str]) -> list[list[str]]:
    """The marked answer spans, each a run of tokens: a B, or an I after an O, starts one.

    A few FacQA rows mark several spans ("49,55 detik ... 0,19 detik"), or a list
    whose commas are left unmarked; joined together they are text the passage
    never contains, so each span counts as an answer on its own.
    """
    spans: list[list[str]] = []
    previous = "O"
    for token, label in zip(tokens, labels):
        if label == "B" or (label == "I" and previous == "O"):
            spans.append([token])
        elif label == "I":
            spans[-1].append(token)
        previous = label
    return spans


def load_facqa(path: str | Path) -> tuple[list[Question], dict[str, str]]:
    """FacQA questions and their passages ({passage id: text}) from an IndoNLU CSV split."""
    from summarizer.text import detokenize

    questions: list[Question] = []
    passages: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            try:
                question = ast.literal_eval(row["question"])
                passage = ast.literal_eval(row["passage"])
                labels = ast.literal_eval(row["seq_label"])
            except (KeyError, ValueError, SyntaxError) as exc:
                raise ValueError(f"{path}: row {index + 1}: not a FacQA row ({exc})") from None
            spans = answer_spans(passage, labels)
            if not spans or len(labels) != len(passage):
                raise ValueError(f"{path}: row {index + 1}: no answer span marked")
            text = detokenize(passage)
            passage_id = "facqa:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
            passages[passage_id] = text
            # each span as the passage's own detokenised text spells it, or token by token
            answer = tuple(dict.fromkeys(form for span in spans for form in (detokenize(span), " ".join(span))))
            questions.append(Question(question=detokenize(question), answer=answer, article=passage_id,
                                      split="heldout" if index % 10 in (1, 4, 7) else "dev"))
    return questions, passages


def normalise(text: str) -> str:
    """Lower case, thousand separators dropped ("10.000" and "10,000" -> "10000"), spaces folded."""
    return _SPACES.sub(" ", _SEPARATOR.sub("", text.lower())).strip()


def contains(sentence: str, answer: str | Sequence[str]) -> bool:
    """The sentence holds the expected answer (any of them, when several spellings are listed)."""
    options = [answer] if isinstance(answer, str) else list(answer)
    return any(normalise(option) in normalise(sentence) for option in options)


# ---- the corpus ------------------------------------------------------------------------

def indosum_records(path: Path, limit: int | None) -> list[dict]:
    from evaluation.indosum import load

    records = []
    for record in load(path):
        if limit is not None and len(records) >= limit:
            break
        records.append(record)
    return records


def stored_names(store: Store) -> set[str]:
    """What a question's `article` may name for an article already stored: its URL or the file it came from.

    `python -m bot ingest` (and --corpus) records a .txt file as "folder/name.txt";
    both that and "name.txt" count. A JSONL record counts by its `url`.
    """
    names: set[str] = set()
    for row in store.query("select url, origin from articles"):
        if row["url"]:
            names.add(row["url"])
        if row["origin"] and row["origin"].endswith(".txt"):
            names.update((row["origin"], row["origin"].rsplit("/", 1)[-1]))
    return names


def build_app(db: str | Path, articles: int | None = None, indosum: Path = INDOSUM,
              log: bool = False, passages: dict[str, str] | None = None,
              corpus: Sequence[str | Path] = ()) -> tuple[BotApp, set[str]]:
    """A BotApp over the seeds, the first `articles` IndoSum articles, any `passages` and the `corpus` files.

    Returns the app and the article names present: IndoSum ids, seed and corpus file
    names, passage ids and the URLs of everything stored. A `corpus` file that cannot
    be read raises ValueError naming it.
    """
    from bot.ingest import ingest_paths
    from evaluation.indosum import article_text

    app = BotApp(load_settings(None, env={}, db_path=str(db)))
    app.ensure_seeded()
    records = indosum_records(indosum, articles) if indosum.exists() else []
    started = time.perf_counter()
    for number, record in enumerate(records, 1):
        ingest_text(app.store, article_text(record), url=record.get("source_url") or f"indosum:{record['id']}",
                    outlet=record.get("source") or "indosum")
        if log and number % 100 == 0:
            print(f"  ingested {number}/{len(records)} ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr, flush=True)
    for passage_id, text in (passages or {}).items():
        ingest_text(app.store, text, url=passage_id, outlet="facqa")
    if corpus:
        report = ingest_paths(app.store, corpus)
        if report.errors:
            app.store.close()
            raise ValueError("; ".join(f"{where}: {why}" for where, why in report.errors))
    _ensure_baseline_index(app.store)
    present = ({r["id"] for r in records} | {p.name for p in (ROOT / "seeds").glob("*.txt")} | set(passages or {})
               | stored_names(app.store))
    return app, present


def _ensure_baseline_index(store: Store) -> None:
    """The baseline's own FTS5 table over raw sentence text, rebuilt when sentences changed."""
    count = store.db["sentences"].count
    if get_meta(store, "qa_baseline_sentences") == str(count):
        return
    with store.write() as db:
        db.execute("drop table if exists qa_baseline_fts")
        db.execute("create virtual table qa_baseline_fts using fts5(text, tokenize='unicode61 remove_diacritics 2')")
        db.execute("insert into qa_baseline_fts(rowid, text) select id, text from sentences")
    set_meta(store, "qa_baseline_sentences", str(count))


def baseline_answers(store: Store, question: str, limit: int = 3) -> list[str]:
    """Plain FTS5 BM25 over raw sentences: the question's words OR-ed, best rank first."""
    terms = list(dict.fromkeys(w.lower() for w in _WORD.findall(question)))
    if not terms:
        return []
    match = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
    rows = store.query("select s.text from qa_baseline_fts f join sentences s on s.id = f.rowid "
                       "where qa_baseline_fts match ? order by f.rank limit ?", (match, limit))
    return [r["text"] for r in rows]


def bot_answers(app: BotApp, question: str) -> tuple[list[str], bool]:
    """The items of the bot's reply to a free question (normal dispatch path), and whether it was confident.

    A hedged reply ("the sources do not answer this clearly": the closest
    sentence, or two rivals) carries the "weak_answer" title, or "sources_differ"
    when the two rivals are figures from different outlets.
    """
    reply = app.handle(Request(platform="console", chat="evaluate_qa", user="evaluator", command=None,
                               args=question))
    hedges = {t(key, lang) for key in ("weak_answer", "sources_differ") for lang in ("id", "en")}
    return [item.text for item in reply.items], bool(reply.items) and reply.title not in hedges


# ---- scoring ---------------------------------------------------------------------------

# Where the ranker's best sentence stands, for an answerable question (--breakdown).
OUTCOMES = ("right", "same article", "other article", "not retrieved")


def ranking_outcome(ranked: Sequence[tuple[float, Passage]], answer: str | Sequence[str]) -> str:
    """Where the best-ranked sentence stands against the expected answer, before any declining.

    "right": it holds the answer; "same article": it does not, but another
    sentence of its article does (the choice within an article failed);
    "other article": a sentence of another article holds it (the choice of
    article failed); "not retrieved": no sentence the ranker saw holds it.
    """
    holding = [p for _, p in ranked if contains(p.text, answer)]
    if not ranked or not holding:
        return "not retrieved"
    top = ranked[0][1]
    if contains(top.text, answer):
        return "right"
    return "same article" if any(p.article == top.article for p in holding) else "other article"


def breakdown(app: BotApp, questions: Iterable[Question], present: set[str] | None = None) -> dict[str, Counter]:
    """{"dev"|"heldout"|"all": Counter of OUTCOMES} over the answerable questions whose article is present."""
    aliases = english_aliases(app.settings.topics)
    result: dict[str, Counter] = {}
    for q in questions:
        if q.answer is None or (present is not None and q.article and q.article not in present):
            continue
        outcome = ranking_outcome(ranked_answers(app, analyze_question(q.question, aliases)), q.answer)
        for split in (q.split, "all"):
            result.setdefault(split, Counter())[outcome] += 1
    return result


def format_breakdown(result: dict[str, Counter]) -> str:
    header = f"{'split':<8} {'n':>4} " + " ".join(f"{o:>14}" for o in OUTCOMES)
    lines = [header, "-" * len(header)]
    for split in ("dev", "heldout", "all"):
        counts = result.get(split)
        if counts:
            n = sum(counts.values())
            lines.append(f"{split:<8} {n:>4} " + " ".join(f"{counts[o] / n:>14.1%}" for o in OUTCOMES))
    return "\n".join(lines)


@dataclass
class Tally:
    """Counts for one method on one split.

    A reply is confident, hedged (the closest sentence under "the sources do
    not answer this clearly") or a plain no; the baseline is always confident.
    """

    answerable: int = 0
    correct1: int = 0  # the top sentence shown holds the answer, confident or hedged
    correct3: int = 0
    answered: int = 0  # answerable questions that got any sentence
    confident: int = 0  # answerable questions answered with confidence
    confident_right: int = 0
    unanswerable: int = 0
    declined: int = 0  # unanswerable questions that got a plain no
    not_confident: int = 0  # unanswerable questions that got a plain no or a hedge
    failures: list[tuple[Question, list[str]]] = field(default_factory=list)

    def add(self, q: Question, answers: Sequence[str], confident: bool = True) -> None:
        confident = confident and bool(answers)
        if q.answer is None:
            self.unanswerable += 1
            self.declined += not answers
            self.not_confident += not confident
            if answers:
                self.failures.append((q, list(answers)))
            return
        self.answerable += 1
        self.answered += bool(answers)
        top1 = bool(answers) and contains(answers[0], q.answer)
        self.correct1 += top1
        self.confident += confident
        self.confident_right += confident and top1
        self.correct3 += any(contains(a, q.answer) for a in answers[:3])
        if not top1:
            self.failures.append((q, list(answers)))

    def metrics(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else float("nan")

        return {"questions": self.answerable, "acc@1": ratio(self.correct1, self.answerable),
                "acc@3": ratio(self.correct3, self.answerable),
                "answer_rate": ratio(self.answered, self.answerable),
                "confident_rate": ratio(self.confident, self.answerable),
                "precision": ratio(self.confident_right, self.confident),
                "unanswerable": self.unanswerable, "declined": ratio(self.declined, self.unanswerable),
                "not_confident": ratio(self.not_confident, self.unanswerable)}


def evaluate(app: BotApp, questions: Iterable[Question],
             present: set[str] | None = None) -> dict[str, dict[str, Tally]]:
    """{"ours"|"bm25": {"dev"|"heldout"|"all": Tally}} over the questions whose article is present."""
    result: dict[str, dict[str, Tally]] = {m: {} for m in ("ours", "bm25")}
    for q in questions:
        if present is not None and q.article and q.article not in present:
            continue
        ours, confident = bot_answers(app, q.question)
        base = baseline_answers(app.store, q.question)
        for method, answers, sure in (("ours", ours, confident), ("bm25", base, True)):
            for split in (q.split, "all"):
                result[method].setdefault(split, Tally()).add(q, answers, sure)
    return result


def format_table(result: dict[str, dict[str, Tally]]) -> str:
    """acc@1 counts the top sentence shown, confident or hedged; precision is that of the confident answers."""
    header = (f"{'method':<6} {'split':<8} {'n':>4} {'acc@1':>7} {'acc@3':>7} {'shown':>7} {'confident':>9} "
              f"{'precision':>10} {'unans':>6} {'no':>6} {'no/hedged':>9}")
    lines = [header, "-" * len(header)]
    for method in ("ours", "bm25"):
        for split in ("dev", "heldout", "all"):
            tally = result[method].get(split)
            if tally is None:
                continue
            m = tally.metrics()
            lines.append(f"{method:<6} {split:<8} {m['questions']:>4} {m['acc@1']:>7.1%} {m['acc@3']:>7.1%} "
                         f"{m['answer_rate']:>7.1%} {m['confident_rate']:>9.1%} {m['precision']:>10.1%} "
                         f"{m['unanswerable']:>6} {m['declined']:>6.1%} {m['not_confident']:>9.1%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.qa", description=__doc__.split("\n")[0])
    parser.add_argument("file", help="JSONL questions (see docs/qa.md), or a FacQA CSV with --facqa")
    parser.add_argument("--facqa", action="store_true",
                        help="FILE is an IndoNLU FacQA split (CSV): its passages join the corpus")
    parser.add_argument("--articles", type=int, default=None, help="IndoSum articles in the corpus (default all)")
    parser.add_argument("--db", help="keep the corpus database here and reuse it next time")
    parser.add_argument("--indosum", default=str(INDOSUM), help="IndoSum jsonl file")
    parser.add_argument("--corpus", action="append", default=[], metavar="PATH",
                        help="also ingest these .txt/.jsonl files or folders (as `python -m bot ingest` reads "
                             "them); a question's `article` may name such a file or a JSONL record's url")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all",
                        help="which questions to run (failures are printed only for dev)")
    parser.add_argument("--show-failures", action="store_true", help="print the dev questions ours got wrong")
    parser.add_argument("--breakdown", action="store_true",
                        help="also print where the ranker's best sentence stands: right, the right article but "
                             "another sentence, another article, or the answer not retrieved at all")
    args = parser.parse_args(argv)
    passages: dict[str, str] = {}
    try:
        if args.facqa:
            questions, passages = load_facqa(args.file)
        else:
            questions = load_questions(args.file)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.split != "all":
        questions = [q for q in questions if q.split == args.split]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "qa.db")
        started = time.perf_counter()
        try:
            app, present = build_app(db, args.articles, Path(args.indosum), log=True, passages=passages,
                                     corpus=args.corpus)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        sentences = app.store.db["sentences"].count
        print(f"corpus: {app.store.article_count()} articles, {sentences} sentences "
              f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        missing = sum(1 for q in questions if q.article and q.article not in present)
        if missing:
            print(f"left out {missing} of {len(questions)} questions: their article is not in the corpus "
                  f"(see --corpus and --articles)", file=sys.stderr)
        started = time.perf_counter()
        result = evaluate(app, questions, present)
        everything = result["ours"].get("all", Tally())
        asked = everything.answerable + everything.unanswerable
        print(f"{asked} questions in {time.perf_counter() - started:.1f} s\n", file=sys.stderr)
        print(format_table(result))
        if args.breakdown:
            print("\nranking breakdown (the ranker's best sentence, before any declining):")
            print(format_breakdown(breakdown(app, questions, present)))
        if args.show_failures:
            tally = result["ours"].get("dev", Tally())
            print("\nfailures (dev only):")
            for q, answers in tally.failures:
                print(f"- {q.question!r} want {q.answer!r}\n    got: {answers[0][:200] if answers else '(no answer)'}")
        app.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
