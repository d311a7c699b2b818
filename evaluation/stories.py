"""Does a topic written the way a newsroom writes one work on a story other than Kursk?

    python -m evaluation.stories [--stories tests/fixtures/stories.json] [--db PATH] [--distractors 300]

The stories file (tests/fixtures/stories.json) names IndoSum dev.01 articles of
a few stories, the hand-written gold figures of each (value, what is counted,
owner, claimant) and ten questions with answers, and a topics file per story
with name, kind, descriptions and aliases only (no `counted`, no `kinds`).
One database holds every story, the bundled seeds and `--distractors` other
dev.01 articles (a fixed random sample). For each story its figures topic is
asked through the bot's dispatch path, and:

* found: share of gold figures that an item shows (same value, cited from the
  gold figure's article); owner: share of those whose item's owner matches;
  claimant: items naming who said so; right: share of the found gold figures
  whose item names the gold claimant (or none, where the gold has none);
* precision: share of items that show a gold figure;
* own: share of items whose every source is one of the story's articles;
* questions: the top item of the reply to each question holds the answer
  (any listed spelling, case and thousand separators ignored), Indonesian and
  English counted apart.

The seeds row asks /troops (config/topics.toml) against the hand annotation of
the seeds' troop and casualty figures (tests/fixtures/seed_claims.json), and
counts the items that name a claimant. Stories marked `held_out` were not
looked at while tuning; the table marks them.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from bot.app import BotApp
from evaluation.qa import INDOSUM, bot_answers, contains
from bot.ingest import ingest_text
from bot.models import Item, Request
from bot.settings import ROOT, load_settings

STORIES = ROOT / "tests" / "fixtures" / "stories.json"
SEED_GOLD = ROOT / "tests" / "fixtures" / "seed_claims.json"
SAMPLE_SEED = 17  # the distractor sample is fixed, so runs compare


@dataclass
class StoryScore:
    name: str
    held_out: bool
    articles: int
    items: int = 0
    gold: int = 0
    found: int = 0
    owner_right: int = 0
    claimant_right: int = 0
    correct_items: int = 0
    own_items: int = 0
    with_claimant: int = 0
    questions: dict[str, list[int]] = field(default_factory=lambda: {"id": [0, 0], "en": [0, 0]})
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    failed_questions: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct_items / self.items if self.items else 0.0

    @property
    def own(self) -> float:
        return self.own_items / self.items if self.items else 0.0

    @property
    def owner(self) -> float:
        return self.owner_right / self.found if self.found else 0.0

    @property
    def claimant(self) -> float:
        return self.claimant_right / self.found if self.found else 0.0

    def accuracy(self, lang: str) -> tuple[int, int]:
        right, total = self.questions[lang]
        return right, total


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def build_corpus(db: Path, stories: list[dict], distractors: int, indosum: Path = INDOSUM,
                 log: bool = False) -> None:
    """The seeds, every story article and a fixed sample of other dev.01 articles in one database."""
    from evaluation.indosum import article_text, load

    app = BotApp(load_settings(None, env={}, db_path=str(db)))
    try:
        app.ensure_seeded()
        wanted = {a for story in stories for a in story["articles"]}
        records = list(load(indosum))
        others = [r for r in records if r["id"] not in wanted]
        chosen = [r for r in records if r["id"] in wanted]
        chosen += random.Random(SAMPLE_SEED).sample(others, min(distractors, len(others)))
        stored = {r["url"] for r in app.store.query("select url from articles where url is not null")}
        started = time.perf_counter()
        for number, record in enumerate(chosen, 1):
            url = _url(record)
            if url not in stored:
                ingest_text(app.store, article_text(record), url=url, outlet=record.get("source") or "indosum")
            if log and number % 100 == 0:
                print(f"  ingested {number}/{len(chosen)} ({time.perf_counter() - started:.0f} s)",
                      file=sys.stderr, flush=True)
    finally:
        app.store.close()


def _url(record: dict) -> str:
    # The IndoSum id is part of the url, so an item's sources name their article.
    return f"indosum:{record['id']}"


def _article_names(app: BotApp) -> dict[int, str]:
    """Stored article id -> IndoSum id or seed file name."""
    names = {}
    for row in app.store.query("select id, url, origin from articles"):
        if row["url"] and row["url"].startswith("indosum:"):
            names[row["id"]] = row["url"].split(":", 1)[1]
        elif row["origin"] and row["origin"].endswith(".txt"):  # a file article: "seeds/001_x.txt"
            names[row["id"]] = row["origin"].rsplit("/", 1)[-1]
    return names


def _ask(app: BotApp, command: str | None, args: str = "", lang: str = "id") -> list[Item]:
    if lang != "id":
        app.handle(Request(platform="console", chat=f"stories-{lang}", user="evaluator", command="lang", args=lang))
    reply = app.handle(Request(platform="console", chat=f"stories-{lang}", user="evaluator", command=command,
                               args=args))
    return reply.items


def score_figures(score: StoryScore, items: list[Item], gold: list[dict], names: dict[int, str],
                  story_articles: set[str]) -> None:
    """Match items to gold figures one to one on (value, article)."""
    pairs = [(i, names.get(src.article_id, "?")) for i, item in enumerate(items) for src in item.sources]
    used: set[tuple[int, str]] = set()
    matched_items: set[int] = set()
    score.items, score.gold = len(items), len(gold)
    for g in gold:
        hits = [(i, a) for i, a in pairs if (i, a) not in used and a == g["article"] and items[i].value == g["value"]]
        # Two figures of one value in one article ("tujuh poin dari tiga laga", "tiga poin"): the item
        # counting what the gold figure counts, not whichever comes first.
        hit = next((h for h in hits if _same_counted(items[h[0]], g)), hits[0] if hits else None)
        if hit is None:
            score.missed.append(f"{g['value']} {g['counted']} ({g['owner'] or '-'}) in {g['article'][:24]}")
            continue
        used.add(hit)
        matched_items.add(hit[0])
        score.found += 1
        owner = items[hit[0]].extra.get("owner")
        score.owner_right += _norm(owner) == _norm(g.get("owner"))
        score.claimant_right += _same_claimant(items[hit[0]].who, g.get("claimant"))
    for i, item in enumerate(items):
        sources = {names.get(s.article_id, "?") for s in item.sources}
        score.own_items += bool(sources) and sources <= story_articles
        score.with_claimant += bool(item.who)
        score.correct_items += i in matched_items
        if i not in matched_items:
            score.wrong.append(item.text)


def _same_counted(item: Item, gold: dict) -> bool:
    """The item's counted words share one with the gold figure's ("laga" and "laga")."""
    return bool(set(_norm(item.extra.get("counted")).split()) & set(_norm(gold.get("counted")).split()))


def _same_claimant(who: Sequence[str], gold: str | None) -> bool:
    """The item names the gold claimant ("Sofjan" for "Sofjan Wanandi"), or none when the gold has none."""
    if not gold:
        return not who
    return any(_norm(w) and (_norm(w) in _norm(gold) or _norm(gold) in _norm(w)) for w in who)


def evaluate_story(db: Path, story: dict, base: Path) -> StoryScore:
    topics = (base / story["topics"]).resolve()
    app = BotApp(load_settings(None, env={"BRIEFBOT_TOPICS": str(topics)}, db_path=str(db)))
    try:
        names = _article_names(app)
        score = StoryScore(story["name"], bool(story.get("held_out")), len(story["articles"]))
        items = _ask(app, story["figures_topic"])
        score_figures(score, items, story["gold"], names, set(story["articles"]))
        for q in story.get("questions", []):
            lang = q["lang"]
            answers, _confident = bot_answers(app, q["question"]) if lang == "id" else (
                [i.text for i in _ask(app, None, q["question"], lang)], True)
            right = bool(answers) and contains(answers[0], q["answer"])
            score.questions[lang][0] += right
            score.questions[lang][1] += 1
            if not right:
                score.failed_questions.append(f"[{lang}] {q['question']} -> {answers[0][:110] if answers else '(none)'}")
        return score
    finally:
        app.store.close()


def evaluate_seeds(db: Path) -> StoryScore:
    """/troops on the seeds against their hand-annotated troop and casualty figures."""
    gold_all = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["claims"]
    gold = [{"article": g["file"], "value": g["value"], "counted": g["kind"], "owner": g["force"],
             "claimant": g["claimant"]}
            for g in gold_all if g["kind"] in ("troops", "casualties")]
    # The annotation lists a figure once per sentence; an item shows it once per article.
    unique = list({(g["article"], g["value"]): g for g in gold}.values())
    app = BotApp(load_settings(None, env={}, db_path=str(db)))
    try:
        names = _article_names(app)
        seeds = {p.name for p in (ROOT / "seeds").glob("*.txt")}
        score = StoryScore("seeds /troops", False, len(seeds))
        score_figures(score, _ask(app, "troops"), unique, names, seeds)
        return score
    finally:
        app.store.close()


def format_table(scores: Sequence[StoryScore]) -> str:
    head = (f"{'story':<16}{'arts':>5}{'items':>6}{'own':>7}{'found':>12}{'prec':>7}{'owner':>7}"
            f"{'claimant':>9}{'right':>7}{'q id':>8}{'q en':>8}")
    lines = [head, "-" * len(head)]
    for s in scores:
        qid, qen = s.accuracy("id"), s.accuracy("en")
        name = s.name + (" *" if s.held_out else "")
        lines.append(
            f"{name:<16}{s.articles:>5}{s.items:>6}{s.own:>7.0%}{f'{s.found}/{s.gold} {s.recall:.0%}':>12}"
            f"{s.precision:>7.0%}{s.owner:>7.0%}{s.with_claimant:>9}{s.claimant:>7.0%}"
            f"{f'{qid[0]}/{qid[1]}' if qid[1] else '-':>8}{f'{qen[0]}/{qen[1]}' if qen[1] else '-':>8}")
    stories = [s for s in scores if s.questions["id"][1] or s.questions["en"][1]]
    right = sum(s.questions["id"][0] + s.questions["en"][0] for s in stories)
    total = sum(s.questions["id"][1] + s.questions["en"][1] for s in stories)
    lines.append(f"questions: {right}/{total} (* = held out: not looked at while tuning)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.stories", description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=Path, default=STORIES, help="the stories file (tests/fixtures/stories.json)")
    parser.add_argument("--db", type=Path, help="keep the corpus database here and reuse it next time")
    parser.add_argument("--distractors", type=int, help="other dev.01 articles in the database (default: the file's)")
    parser.add_argument("--indosum", type=Path, default=INDOSUM, help="IndoSum dev.01 jsonl")
    parser.add_argument("--show", action="store_true", help="print missed gold figures, wrong items, failed questions")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not args.stories.is_file():
        parser.error(f"no stories file at {args.stories}")
    if not args.indosum.is_file():
        parser.error(f"no IndoSum file at {args.indosum}")
    doc = json.loads(args.stories.read_text(encoding="utf-8"))
    distractors = doc.get("distractors", 300) if args.distractors is None else args.distractors
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "stories.db"
        build_corpus(db, doc["stories"], distractors, args.indosum, log=True)
        scores = [evaluate_story(db, story, args.stories.parent) for story in doc["stories"]]
        scores.append(evaluate_seeds(db))
    if args.json:
        print(json.dumps([{"story": s.name, "held_out": s.held_out, "items": s.items, "own": s.own,
                           "found": s.found, "gold": s.gold, "recall": s.recall, "precision": s.precision,
                           "owner": s.owner, "claimant": s.claimant, "with_claimant": s.with_claimant, "questions": s.questions}
                          for s in scores], indent=1))
    else:
        print(format_table(scores))
    if args.show:
        for s in scores:
            print(f"\n## {s.name}")
            for line in s.missed:
                print(f"  missed  {line}")
            for line in s.wrong:
                print(f"  extra   {line[:150]}")
            for line in s.failed_questions:
                print(f"  failed  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
