"""The SQLite search index (sentences_fts) holds exactly the stored sentences' stems.

New sentences are indexed by the store's add_sentences, not by an insert trigger
(core_006_fts_filled_by_store); removals and updates still go through triggers.
FTS5's integrity check with rank 1 compares the index with its content table,
and a `rebuild` from the content table is what an index built by any route must equal.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.ingest import forget_articles, ingest_text
from bot.store.sqlite import SQLiteStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OLD_DB = Path(__file__).parent / "fixtures" / "store" / "before_sqlite_utils_migrations.db"


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _check(path: Path) -> None:
    """Raises if the index and the sentences table disagree."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("insert into sentences_fts (sentences_fts, rank) values ('integrity-check', 1)")
    finally:
        conn.close()


def _instances(path: Path, rebuild: bool = False) -> list[tuple]:
    """Every (term, sentence, column, offset) the index holds; after `rebuild`, what it should hold."""
    conn = sqlite3.connect(path)
    try:
        if rebuild:
            conn.execute("insert into sentences_fts (sentences_fts) values ('rebuild')")
        conn.execute("create virtual table temp.inst using fts5vocab(main, sentences_fts, 'instance')")
        return conn.execute("select term, doc, col, offset from inst order by term, doc, offset").fetchall()
    finally:
        conn.rollback()
        conn.close()


def _search(store: SQLiteStore, term: str) -> list[tuple]:
    return [(r["id"], r["score"]) for r in store.search([term], 50, "OR", "s.id, f.score")]


def test_the_index_equals_a_rebuild_after_ingest_forget_and_update(tmp_path):
    path = tmp_path / "db.sqlite"
    store = SQLiteStore(path)
    try:
        outcomes = [ingest_text(store, text, url=f"https://example.org/{i}") for i, text in enumerate(_texts())]
        assert all(o.added for o in outcomes)
        assert "sentences_ai" not in {r["name"] for r in store.query("select name from sqlite_master")}
        _check(path)
        indexed = _instances(path)
        assert len(indexed) > 1000 and indexed == _instances(path, rebuild=True)
        assert _search(store, "kursk")

        gone = outcomes[-1].article_id  # the newest: SQLite hands its ids out again
        gone_ids = {r["id"] for r in store.query("select id from sentences where article_id = ?", (gone,))}
        with store.write() as tx:
            forget_articles(tx, [gone])
            tx.execute("update sentences set stems = 'zzkata ' || stems where id = (select min(id) from sentences)")
        _check(path)
        assert _instances(path) == _instances(path, rebuild=True)
        assert not gone_ids & {r["id"] for r in store.query("select rowid as id from sentences_fts")}
        first = next(store.query("select min(id) as m from sentences"))["m"]
        assert [i for i, _ in _search(store, "zzkata")] == [first]

        again = ingest_text(store, _texts()[-1], url="https://example.org/again")
        assert again.added and again.article_id == gone
        _check(path)
        assert _instances(path) == _instances(path, rebuild=True)
    finally:
        store.close()


def test_the_check_sees_a_sentence_missing_from_the_index(tmp_path):
    """What the test above relies on: a sentence stored but not indexed fails the integrity check."""
    path = tmp_path / "db.sqlite"
    store = SQLiteStore(path)
    try:
        ingest_text(store, _texts()[0])
        with store.write() as tx:
            tx.execute("insert into sentences (id, article_id, position, text, stems) "
                       "select max(id) + 1, article_id, 999, 'x', 'kata lain' from sentences")
    finally:
        store.close()
    with pytest.raises(sqlite3.DatabaseError):
        _check(path)


def test_an_old_database_keeps_its_index_and_indexes_new_sentences(tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(OLD_DB, old)
    store = SQLiteStore(old)  # its index was filled by the insert trigger, which the migration drops
    try:
        assert "sentences_ai" not in {r["name"] for r in store.query("select name from sqlite_master")}
        before = _search(store, "kursk")
        assert before
        added = ingest_text(store, "Berita baru dari Zzkota. " * 3 + _texts()[0][:400], url="https://example.org/new")
        assert added.added
        ids = {r["id"] for r in store.query("select id from sentences where article_id = ?", (added.article_id,))}
        assert ids and {i for i, _ in _search(store, "zzkota")} <= ids
        _check(old)
        assert _instances(old) == _instances(old, rebuild=True)
    finally:
        store.close()
