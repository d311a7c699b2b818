"""Search parity: the same corpus on SQLite (FTS5) and PostgreSQL (tsvector + GIN) gives the same answers.

The corpus is the seeds (Kursk), the articles of the four other stories of
tests/fixtures/stories.json, the first IndoSum dev.01 articles (distractors)
and every article the question file asks about, ingested in the same order
into both stores. The questions: the seeds' (topic commands, /about, Kursk questions),
every question of tests/fixtures/qa_dev.jsonl whose article is in the corpus and the stories' questions.
Both bots answer each; the top item must be the same for at least 95% of them,
and the differences are printed (pytest -s) so they can be read.
"""
from __future__ import annotations

import json

import pytest

from bot import queries
from bot.app import BotApp
from bot.ingest import ArticleIn, ingest_many
from bot.models import Request
from bot.settings import load_settings
from summarizer.tokens import content_stems
from tests.conftest import REPO, require_indosum

DISTRACTORS = 250
QUESTIONS = REPO / "tests" / "fixtures" / "qa_dev.jsonl"
STORIES = REPO / "tests" / "fixtures" / "stories.json"
# The seeds' own questions: the topics' commands, /about, the topic's example questions and the bench's.
SEED_ASKS: list[tuple[str | None, str]] = [
    ("brief", ""), ("kursk", ""), ("troops", ""), ("about", "Budanov"), ("about", "Kim Jong Un"),
    (None, "berapa tentara Korea Utara di Kursk?"), (None, "how many North Korean troops are in Kursk?"),
    (None, "Berapa jumlah tentara Korea Utara yang dikirim ke Rusia?"),
    (None, "Siapa kepala intelijen militer Ukraina?")]

pytestmark = pytest.mark.slow


def _corpus() -> tuple[list[ArticleIn], set[str]]:
    from evaluation.indosum import article_text, load

    stories = json.loads(STORIES.read_text())["stories"]
    wanted = {name for story in stories for name in story["articles"]}
    wanted |= {json.loads(line).get("article") for line in QUESTIONS.read_text().splitlines()}
    articles, present = [], set()
    for number, record in enumerate(load(require_indosum())):
        if number < DISTRACTORS or record["id"] in wanted:
            articles.append(ArticleIn(text=article_text(record), url=record.get("source_url") or f"indosum:{record['id']}",
                                      outlet=record.get("source") or "indosum"))
            present.add(record["id"])
    return articles, present


def _questions(present: set[str]) -> list[tuple[str | None, str]]:
    asked = list(SEED_ASKS)
    for line in QUESTIONS.read_text().splitlines():
        item = json.loads(line)
        if item.get("article") in (None, *present):
            asked.append((None, item["question"]))
    for story in json.loads(STORIES.read_text())["stories"]:
        asked += [(None, q["question"]) for q in story["questions"]]
    return asked


@pytest.fixture(scope="module")
def bots(tmp_path_factory: pytest.TempPathFactory, postgres_server):
    articles, present = _corpus()
    targets = {"sqlite": str(tmp_path_factory.mktemp("parity") / "parity.db"),
               "postgresql": postgres_server.create_database("parity")}
    built = {}
    for name, target in targets.items():
        app = BotApp(load_settings(None, env={}, db_path=target))
        app.ensure_seeded()
        for _ in ingest_many(app.store, articles):
            pass
        built[name] = app
    yield built, _questions(present)
    for app in built.values():
        app.close()


def _answer(app: BotApp, command: str | None, text: str) -> list[str]:
    reply = app.handle(Request(platform="console", chat="parity", user="tester", command=command, args=text,
                               chat_kind="private"))
    return [reply.title] + [item.text for item in reply.items]


def test_both_stores_hold_the_same_rows(bots):
    (apps, _) = bots
    counts = {name: {table: next(app.store.query(f"select count(*) as n from {table}"))["n"]
                     for table in ("articles", "sentences", "claims", "entities")}
              for name, app in apps.items()}
    assert counts["sqlite"] == counts["postgresql"] and counts["sqlite"]["articles"] > DISTRACTORS
    ids = {name: [r["id"] for r in app.store.query("select id from articles order by id")]
           for name, app in apps.items()}
    assert ids["sqlite"] == ids["postgresql"]
    # a share may be a decimal ("59,4 persen"): both stores keep it as it is (PostgreSQL's bigint rounded it)
    values = {name: [r["value"] for r in app.store.query("select value from claims order by id")]
              for name, app in apps.items()}
    assert values["sqlite"] == values["postgresql"]
    assert any(v != int(v) for v in values["sqlite"])


def test_search_and_answers_match(bots):
    apps, asked = bots
    sqlite_app, pg_app = apps["sqlite"], apps["postgresql"]
    same_top, same_reply, same_search, differences, search_differences = 0, 0, 0, [], []
    for command, text in asked:
        if command is None:
            stems = content_stems(text)
            hits = [[row.id for row in queries.search_sentences(app.store, stems, limit=20)]
                    for app in (sqlite_app, pg_app)]
            same_search += hits[0] == hits[1]
            if hits[0] != hits[1]:
                search_differences.append((text, hits[0], hits[1]))
        else:
            same_search += 1
        ours, theirs = _answer(sqlite_app, command, text), _answer(pg_app, command, text)
        same_reply += ours == theirs
        top = ours[:2] == theirs[:2]
        same_top += top
        if not top:
            differences.append((command or text, ours[:2], theirs[:2]))
    total = len(asked)
    print(f"\nparity over {total} questions and commands: top item {same_top}/{total}, whole reply "
          f"{same_reply}/{total}, top-20 search ids {same_search}/{total}")
    for asked_what, ours, theirs in differences:
        print(f"  {asked_what[:70]!r}\n    sqlite:     {ours}\n    postgresql: {theirs}")
    for asked_what, ours, theirs in search_differences:
        print(f"  search {asked_what[:70]!r}\n    sqlite:     {ours}\n    postgresql: {theirs}")
    assert total >= 400
    assert same_top / total >= 0.95
