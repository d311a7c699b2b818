"""ingest_text stores what the analysis says (rows, ids, links); near-duplicates are found by
the documented shingles and MinHash."""
import hashlib
import json
import re
from pathlib import Path

import numpy as np

from bot.ingest import forget_articles, ingest_text
from bot.near_duplicates import (
    _MERSENNE,
    _PERM_A,
    _PERM_B,
    lsh_buckets,
    minhash,
    pack_shingles,
    resemblance,
    shingles,
    unpack_shingles,
)
from bot.store.sqlite import SQLiteStore
from summarizer.article import analyze_article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _reference_shingles(text: str, size: int = 4) -> set[int]:
    """The documented rule written out plainly: BLAKE2b-32 of each word 4-gram."""
    words = re.findall(r"\w+", text.lower())
    grams = (" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 0)))
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "big") for g in grams}


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_shingles_are_the_documented_hashes():
    texts = _seed_texts() + ["", "satu dua tiga", "satu dua tiga empat", "Ulang ulang ulang ulang ulang ulang.",
                             "Kota Ñandú-12 — kata ‘Budanov’: 10.000 tentara!"]
    for text in texts:
        assert shingles(text) == _reference_shingles(text)
    assert len(shingles(texts[0])) > 100


def test_minhash_is_the_modular_formula():
    for values in ({0, 1, 2**32 - 1, 2**31}, set(range(1000, 1300)), shingles(_seed_texts()[1])):
        array = np.array(sorted(values), dtype=np.uint64)
        with np.errstate(over="ignore"):
            expected = ((_PERM_A[:, None] * array[None, :] + _PERM_B[:, None]) % _MERSENNE).min(axis=1)
        assert (minhash(values) == expected).all()


def test_packed_shingles_round_trip_and_resemblance_counts():
    a = shingles(_seed_texts()[0])
    blob = pack_shingles(a)
    assert len(blob) == 4 * len(a) and unpack_shingles(blob) == a
    b = set(list(a)[: len(a) // 2]) | {1, 2, 3}
    assert resemblance(a, b) == (len(a & b) / len(a | b), len(a & b) / min(len(a), len(b)))


def test_rows_carry_the_analysis_with_consecutive_ids(tmp_path):
    store = SQLiteStore(tmp_path / "db.sqlite")
    texts = _seed_texts()
    outcomes = [ingest_text(store, t, url=f"https://example.org/{i}") for i, t in enumerate(texts)]
    assert all(o.added for o in outcomes)
    for text, outcome in zip(texts, outcomes):
        analysis = analyze_article(text)
        article = next(store.query("select * from articles where id = ?", (outcome.article_id,)))
        assert article["story_id"] == outcome.story_id
        assert json.loads(article["summary"]) == [i for i, s in enumerate(analysis.sentences) if s.in_summary]
        sentences = list(store.query("select * from sentences where article_id = ? order by position",
                                     (outcome.article_id,)))
        assert [s["position"] for s in sentences] == list(range(len(analysis.sentences)))
        assert [s["text"] for s in sentences] == [s.text for s in analysis.sentences]
        assert [s["id"] - sentences[0]["id"] for s in sentences] == list(range(len(sentences)))
        by_id = {s["id"]: s for s in sentences}
        claims = list(store.query("select * from claims where article_id = ? order by id", (outcome.article_id,)))
        assert [(c["value"], c["text"]) for c in claims] == [(c.value, c.text) for c in analysis.claims]
        for row, claim in zip(claims, analysis.claims):
            assert by_id[row["sentence_id"]]["position"] == claim.sentence
        entities = list(store.query("select * from entities where article_id = ? order by id", (outcome.article_id,)))
        assert [(by_id[e["sentence_id"]]["position"], e["name"], e["norm"]) for e in entities] == [
            (i, name, name.lower()) for i, s in enumerate(analysis.sentences) for name in s.entities]
        buckets = [r["bucket"] for r in store.query("select bucket from article_buckets where article_id = ? "
                                                      "order by rowid", (outcome.article_id,))]
        assert buckets == lsh_buckets(_reference_shingles(text))
        fts = {r["rowid"] for r in store.query("select rowid from sentences_fts where sentences_fts match ?",
                                               (sentences[0]["stems"].split()[0],))}
        assert sentences[0]["id"] in fts


def test_ids_after_forgetting_the_newest_article_match_sqlite_rowids(tmp_path):
    store = SQLiteStore(tmp_path / "db.sqlite")
    first, second, third = _seed_texts()[:3]
    a = ingest_text(store, first)
    b = ingest_text(store, second)
    top_sentence = next(store.query("select max(id) as m from sentences"))["m"]
    with store.write() as db:
        forget_articles(db, [b.article_id])
    c = ingest_text(store, third)
    # SQLite gives max(rowid) + 1: the forgotten newest ids are handed out again, as before.
    assert c.article_id == b.article_id == a.article_id + 1
    low = next(store.query("select min(id) as m from sentences where article_id = ?", (c.article_id,)))["m"]
    assert low == top_sentence - len(analyze_article(second).sentences) + 1


def test_near_duplicate_joins_the_story_and_keeps_its_own_rows(tmp_path):
    store = SQLiteStore(tmp_path / "db.sqlite")
    text = _seed_texts()[0]
    original = ingest_text(store, text, url="https://a.example/1")
    paragraphs = text.split("\n")
    copy = "\n".join(paragraphs[:-1]) + "\nSumber: kantor berita."  # a trimmed wire copy
    again = ingest_text(store, copy, url="https://b.example/1")
    assert again.added and again.near_duplicate_of == original.article_id
    assert again.story_id == original.story_id == original.article_id
    row = next(store.query("select story_id from articles where id = ?", (again.article_id,)))
    assert row["story_id"] == original.article_id


def test_shingle_sets_are_stored_and_back_filled_by_the_migration(tmp_path):
    path = tmp_path / "db.sqlite"
    store = SQLiteStore(path)
    texts = _seed_texts()
    ids = [ingest_text(store, t).article_id for t in texts]
    stored = {r["article_id"]: unpack_shingles(r["hashes"]) for r in store.query("select * from article_shingles")}
    assert stored == {i: shingles(t) for i, t in zip(ids, texts)}
    # A database from before the table: the migration fills it from the stored bodies.
    with store.write() as db:
        db.execute("drop table article_shingles")
        db.execute("delete from _sqlite_migrations where name = 'sources_003_article_shingles'")
    store.close()
    again = SQLiteStore(path)
    refilled = {r["article_id"]: unpack_shingles(r["hashes"]) for r in again.query("select * from article_shingles")}
    assert refilled == stored


def test_a_candidate_without_a_stored_set_is_verified_from_its_body(tmp_path):
    store = SQLiteStore(tmp_path / "db.sqlite")
    text = _seed_texts()[0]
    original = ingest_text(store, text, url="https://a.example/1")
    with store.write() as db:
        db.execute("delete from article_shingles where article_id = ?", (original.article_id,))
    copy = "\n".join(text.split("\n")[:-1]) + "\nSumber: kantor berita."
    again = ingest_text(store, copy, url="https://b.example/1")
    assert again.near_duplicate_of == original.article_id and again.story_id == original.article_id
    with store.write() as db:
        forget_articles(db, [again.article_id])
    assert not list(store.query("select 1 from article_shingles where article_id = ?", (again.article_id,)))
